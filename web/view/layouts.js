// The "All maximal layouts" gallery: small multiples; a click loads the layout as the request.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const lib = ns.MigcalcLib;
  const LIMIT = 400;

  function render(gpu, answer, onLoad) {
    if (answer.error) {
      $('layouts-count').textContent = answer.error.message;
      replace($('layouts'));
      return;
    }
    const shown = answer.layouts.slice(0, LIMIT);
    $('layouts-count').textContent = `${answer.count} maximal layout${answer.count === 1 ? '' : 's'} over ${answer.profiles.length} profiles${answer.count > LIMIT ? `; the first ${LIMIT} are shown` : ''}. Click one to load it.`;
    replace($('layouts'), shown.map((l, i) => {
      const label = l.instances.map((x) => `${x.profile}@${x.start}`).join(', ');
      const geo = lib.diagram.layout(gpu, l.instances, null);
      return h('button', { type: 'button', class: 'layout', title: label, 'aria-label': `Load layout ${i + 1}: ${label}`, onclick: () => onLoad(l.instances) },
        ns.MigcalcViews.diagram.svg(geo, { small: true }), h('span', { class: 'layout-label' }, label));
    }));
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { layouts: { render } });
})(self);
