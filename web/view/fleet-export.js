// The fleet planner's export section: the plan on the page as an nvidia-smi script, a mig-parted config,
// Kubernetes resources per node or JSON (exportPlan() of the full module, called by fleet-app.js), with the GPUs
// per node for Kubernetes and JSON, Copy and Download. A plan with unmet demand exports what it placed, and says
// so; no plan, or one without GPUs, has nothing to export. fleet-app.js loads this script with the full module,
// after lib/interop.js and view/export.js (whose copyText and saveText it shares).
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const fleet = ns.MigcalcLib.fleet;
  const interop = ns.MigcalcLib.interop;
  const exporter = ns.MigcalcViews.exporter;
  const MAX_SHOWN = 100000; // characters shown in the page; Copy and Download always take the whole text

  let wired = false;
  let current = null; // {answer, text, name, mime, shown} of the shown export

  function wire(handlers) {
    if (wired) return;
    wired = true;
    replace($('fleet-export-format'), fleet.EXPORT_FORMATS.map((f) => h('option', { value: f.value }, f.label)));
    $('fleet-export-format').addEventListener('change', (e) => handlers.onExportFormat(e.target.value));
    $('fleet-export-node').addEventListener('input', (e) => {
      const n = fleet.readGpusPerNode(e.target.value);
      $('fleet-export-node-error').textContent = n.error || '';
      e.target.setAttribute('aria-invalid', n.error ? 'true' : 'false');
      if (!n.error) handlers.onExportNode(n.value);
    });
    $('fleet-export-copy').addEventListener('click', () => {
      if (current) exporter.copyText(current.text, $('fleet-export-text'), $('fleet-export-status'));
    });
    $('fleet-export-download').addEventListener('click', () => {
      if (current) exporter.saveText(current.text, current.name, current.mime, $('fleet-export-status'));
    });
  }

  /// The GPUs-per-node field follows the state unless the person is fixing a bad value in it; the formats that
  /// do not group GPUs into nodes disable it.
  function syncNode(state, format) {
    const node = $('fleet-export-node');
    const error = $('fleet-export-node-error');
    node.disabled = !format.perNode;
    if (node.disabled || document.activeElement !== node || !error.textContent) {
      node.value = String(state.fnode);
      error.textContent = '';
      node.setAttribute('aria-invalid', 'false');
    }
  }

  /// render(state, planAnswer, exportAnswer, handlers): planAnswer is the plan() answer the page shows (null
  /// while the first is on its way); exportAnswer is exportPlan()'s of it, or null when there is nothing to export.
  function render(state, planAnswer, exportAnswer, handlers) {
    wire(handlers);
    const format = fleet.exportFormatOf(state.fexport);
    $('fleet-export-format').value = format.value;
    syncNode(state, format);
    $('fleet-export-status').textContent = '';
    const { none, note } = fleet.exportNote(planAnswer);
    const why = none || (!exportAnswer ? 'Nothing to export.' : exportAnswer.error ? `Nothing to export: ${exportAnswer.error.message}` : null);
    $('fleet-export-note').hidden = !note || !!why;
    $('fleet-export-note').textContent = note || '';
    $('fleet-export-none').hidden = !why;
    $('fleet-export-none').textContent = why || '';
    $('fleet-export-text').hidden = !!why;
    $('fleet-export-copy').disabled = !!why;
    $('fleet-export-download').disabled = !!why;
    const panel = $('fleet-export');
    if (why) {
      current = null;
      $('fleet-export-text').textContent = '';
      panel.dataset.format = '';
      return;
    }
    if (!current || current.answer !== exportAnswer) { // fleet-app.js keeps the answer while nothing it depends on changes
      const text = interop.exportText(exportAnswer);
      current = { answer: exportAnswer, text, name: format.file, mime: format.mime, shown: fleet.exportPreview(text, MAX_SHOWN) };
      $('fleet-export-text').textContent = current.shown.text;
    }
    panel.dataset.format = format.value; // which format the text is in (for tests)
    const { shownLines, hiddenLines } = current.shown;
    if (hiddenLines) {
      $('fleet-export-none').hidden = false;
      $('fleet-export-none').textContent = `The text is long: its first ${shownLines.toLocaleString('en-US')} lines are shown, ${hiddenLines.toLocaleString('en-US')} more are not. Copy and Download take the whole text.`;
    }
    $('fleet-export-download').title = `Save as ${current.name}`;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { fleetExport: { render } });
})(self);
