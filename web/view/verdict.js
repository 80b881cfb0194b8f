// The verdict banner and the reasons in plain words (codes on hover).
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;

  function render(result) {
    const out = $('verdict');
    const kind = result.error ? 'unknown' : result.verdict === 'feasible' ? 'feasible' : result.verdict === 'not feasible' ? 'infeasible' : 'unknown';
    out.textContent = format.verdictText(result);
    out.dataset.verdict = kind;
    // The banner already says the first reason.
    const reasons = result.error ? [] : result.reasons.slice(1);
    const notes = result.error ? [] : result.notes;
    replace($('reasons'),
      reasons.map((r) => h('li', { title: r.code, dataset: { code: r.code } }, r.message)),
      notes.map((n) => h('li', { class: 'note' }, n)));
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { verdict: { render } });
})(self);
