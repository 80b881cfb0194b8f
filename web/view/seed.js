// The custom-capacity tab: the exercise's simplified model (sums of SMs and GB), clearly labelled as such.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;

  function numberInput(value, label, onChange, step) {
    const input = h('input', { type: 'number', min: '0', step: step || 'any', value: String(value), 'aria-label': label });
    input.addEventListener('change', () => onChange(input));
    return input;
  }

  /// Rebuild the rows (only when their number or the totals change from outside), then show the answer.
  function render(cap, rows, answer, handlers) {
    const sms = $('seed-sms'), gb = $('seed-gb');
    if (document.activeElement !== sms) sms.value = String(cap.total_sms);
    if (document.activeElement !== gb) gb.value = String(cap.total_memory_gb);
    const body = $('seed-rows');
    if (body.children.length !== rows.length || !body.contains(document.activeElement)) {
      replace(body, rows.map((r, i) => h('tr', {},
        h('td', {}, (() => { const t = h('input', { type: 'text', value: r.name, 'aria-label': `Name of row ${i + 1}` }); t.addEventListener('change', () => handlers.onRow(i, { name: t.value.trim() || r.name })); return t; })()),
        h('td', {}, numberInput(r.sms, `SMs of ${r.name}`, (el) => handlers.onRow(i, { sms: Number(el.value) || 0 }))),
        h('td', {}, numberInput(r.memory_gb, `GB of ${r.name}`, (el) => handlers.onRow(i, { memory_gb: Number(el.value) || 0 }))),
        h('td', {}, numberInput(r.count, `Count of ${r.name}`, (el) => handlers.onRow(i, { count: Math.max(0, Math.floor(Number(el.value) || 0)) }), '1')),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Remove row ${r.name}`, onclick: () => handlers.onRemoveRow(i) }, 'remove')))));
    }
    const out = $('seed-verdict');
    out.textContent = format.seedText(answer);
    out.dataset.verdict = answer.error ? 'unknown' : answer.feasible ? 'feasible' : 'infeasible';
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { seed: { render } });
})(self);
