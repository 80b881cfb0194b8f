// What's left: utilization bars and the remaining capacity per profile as buttons that add to the request.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;

  function bar(m) {
    return h('div', { class: 'bar-row' },
      h('span', { class: 'bar-label' }, m.label),
      h('span', { class: 'bar', role: 'img', 'aria-label': `${m.label}: ${m.text}${m.pct === null ? '' : ` (${m.pct}%)`}` },
        h('span', { class: 'bar-fill', style: null, dataset: { pct: m.pct === null ? 'unknown' : String(m.pct) } })),
      h('span', { class: 'bar-text' }, m.pct === null ? m.text : `${m.text} (${m.pct}%)`));
  }

  function render(result, handlers) {
    if (result.error) {
      replace($('bars'));
      replace($('remaining'), h('p', { class: 'hint' }, 'Nothing to show.'));
      return;
    }
    const u = result.utilization;
    const heading = result.verdict === 'feasible' ? [] : [h('p', { class: 'hint' }, 'Instances on the GPU now (the pinned ones):')];
    const bars = [
      format.measure('Compute slices', u.compute_slices),
      format.measure('Memory slices', u.memory_slices),
      format.measure('SMs', u.sms),
      format.measure('Memory', u.memory_mib, 'MiB'),
      format.measure('Decoders', u.dec),
      format.measure('JPEG', u.jpeg),
      format.measure('OFA', u.ofa),
    ].map(bar);
    replace($('bars'), heading, bars);
    // Widths via CSSOM (the CSP forbids inline style attributes).
    for (const fill of $('bars').querySelectorAll('.bar-fill')) {
      const pct = fill.dataset.pct;
      fill.style.width = pct === 'unknown' ? '0%' : `${Math.min(100, Number(pct))}%`;
      fill.parentElement.classList.toggle('unknown', pct === 'unknown');
    }
    const entries = Object.entries(result.remaining);
    const fits = entries.filter(([, n]) => n !== null && n > 0);
    const unknown = entries.filter(([, n]) => n === null);
    const buttons = fits.map(([p, n]) => h('button', { type: 'button', class: 'more', dataset: { profile: p, remaining: String(n) }, onclick: () => handlers.onAdd(p) }, `+ ${p} · ${n} more fit`));
    const none = fits.length === 0 && unknown.length === 0 ? h('p', { class: 'hint', id: 'nothing-fits' }, 'Nothing else fits.') : null;
    const unk = unknown.length ? h('p', { class: 'hint' }, `Unknown for ${unknown.map(([p]) => p).join(', ')}.`) : null;
    const context = result.verdict === 'feasible' ? null : h('p', { class: 'hint' }, 'Next to the pinned instances only (the request does not fit):');
    replace($('remaining'), context, buttons, none, unk);
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { capacity: { render } });
})(self);
