// The export panel: the feasible answer as an nvidia-smi script, a mig-parted config, Kubernetes resources or
// JSON, with Copy and Download. A not-feasible or unknown answer says there is nothing to export, and why.
// "Generate NVIDIA-style config" shows NVIDIA's named configs (all-<profile>, all-balanced) for this GPU or all.
// copyText and saveText are shared with the fleet planner's export (view/fleet-export.js).
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const interop = ns.MigcalcLib.interop;

  let wired = false;
  let current = null; // {text, name, mime} of the shown export
  let generated = null; // {text, name, scope, for} of the shown NVIDIA-style config, null when none is shown

  function wire(handlers) {
    if (wired) return;
    wired = true;
    replace($('export-format'), interop.FORMATS.map((f) => h('option', { value: f.value }, f.label)));
    $('export-format').addEventListener('change', (e) => handlers.onExportFormat(e.target.value));
    $('export-device').addEventListener('change', (e) => {
      const d = interop.parseDevice(e.target.value);
      $('export-device-error').textContent = d.error || '';
      e.target.setAttribute('aria-invalid', d.error ? 'true' : 'false');
      if (!d.error) handlers.onExportDevice(d.device);
    });
    $('export-copy').addEventListener('click', copy);
    $('export-download').addEventListener('click', download);
    replace($('generate-scope'), interop.GENERATE_SCOPES.map((s) => h('option', { value: s.value }, s.label)));
    $('generate-run').disabled = false;
    $('generate-run').addEventListener('click', () => handlers.onGenerateConfig($('generate-scope').value));
    $('generate-copy').addEventListener('click', () => {
      if (generated) copyText(generated.text, $('generate-text'), $('generate-status'));
    });
    $('generate-download').addEventListener('click', () => {
      if (generated) saveText(generated.text, generated.name, 'application/yaml', $('generate-status'));
    });
  }

  /// showGenerated(state, scope, answer): the answer of generateConfig() (NVIDIA's named configs), or its error.
  function showGenerated(state, scope, answer) {
    $('generate-status').textContent = '';
    if (!answer || answer.error) {
      clearGenerated(answer ? `Could not generate: ${answer.error.message}` : '');
      return;
    }
    generated = { text: answer.text, name: interop.generatedFileName(scope, state), scope, for: interop.generatedFor(state, scope) };
    $('generate-summary').textContent = interop.generatedSummary(answer);
    replace($('generate-notes'), (answer.notes || []).map((n) => h('li', null, n)));
    $('generate-notes').hidden = !(answer.notes || []).length;
    $('generate-text').textContent = answer.text;
    $('generate-text').hidden = false;
    $('generate-copy').hidden = false;
    $('generate-download').hidden = false;
    $('generate-download').title = `Save as ${generated.name}`;
  }

  function clearGenerated(summary) {
    generated = null;
    $('generate-summary').textContent = summary;
    replace($('generate-notes'));
    $('generate-notes').hidden = true;
    $('generate-text').textContent = '';
    $('generate-text').hidden = true;
    $('generate-copy').hidden = true;
    $('generate-download').hidden = true;
  }

  /// render(state, answer): answer is exportLayout()'s (of the full module), or null when there is nothing to export.
  function render(state, answer, handlers) {
    wire(handlers);
    // A generated config is for the GPU and driver it was made with: another choice takes it away.
    if (generated && generated.for !== interop.generatedFor(state, generated.scope))
      clearGenerated('The GPU or the driver changed: generate again.');
    $('export-format').value = state.export;
    if (document.activeElement !== $('export-device') || !$('export-device-error').textContent) {
      $('export-device').value = String(state.device);
      $('export-device-error').textContent = '';
      $('export-device').setAttribute('aria-invalid', 'false');
    }
    $('export-status').textContent = '';
    const ok = answer && !answer.error;
    $('export-text').hidden = !ok;
    $('export-copy').disabled = !ok;
    $('export-download').disabled = !ok;
    if (!ok) {
      current = null;
      $('export-text').textContent = '';
      $('export-none').hidden = false;
      $('export-none').textContent = nothingToExport(answer);
      return;
    }
    $('export-none').hidden = true;
    const f = interop.formatOf(state.export);
    current = { text: interop.exportText(answer), name: interop.fileName(state.gpu, f.value), mime: f.mime };
    $('export-text').textContent = current.text;
    $('export-download').title = `Save as ${current.name}`;
  }

  function nothingToExport(answer) {
    if (!answer) return 'Nothing to export: request at least one instance.';
    const code = answer.error.code;
    const why = answer.error.message;
    if (/^Nothing to export/.test(why)) return why;
    if (code === 'PLACEMENTS_UNKNOWN') return `Nothing to export: the placements of this GPU are unknown, so no exact layout can be written. ${why}`;
    return `Nothing to export: ${why}`;
  }

  function copy() {
    if (current) copyText(current.text, $('export-text'), $('export-status'));
  }

  function download() {
    if (current) saveText(current.text, current.name, current.mime, $('export-status'));
  }

  /// Copy `text` to the clipboard; without clipboard access, select it in `pre` and ask for Ctrl+C. Says which in `status`.
  function copyText(text, pre, status) {
    const fallback = () => {
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      let done = false;
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
      status.textContent = done ? 'Copied.' : 'The text is selected: press Ctrl+C (⌘C) to copy it.';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => (status.textContent = 'Copied.'), fallback);
    } else fallback();
  }

  /// Save `text` as a file called `name` (the browser's download), and say so in `status`.
  function saveText(text, name, mime, status) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = `Saved as ${name}.`;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { exporter: { render, showGenerated, copyText, saveText } });
})(self);
