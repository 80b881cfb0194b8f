// The request builder: one row per profile of the model with −/count/+ and "Pin at", and the pinned list.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;
  const engineText = (p) => ['dec', 'enc', 'jpeg', 'ofa'].map((e) => (p[e] === null ? '?' : p[e])).join('/');

  /// Build the rows for a model (once per model); counts are filled by sync().
  function renderRows(profiles, handlers) {
    const rows = profiles.profiles.map((p) => {
      const pl = format.placements(p.placements);
      const label = `${p.name}`;
      const pin = h('select', { 'aria-label': `Pin ${label} at start`, dataset: { profile: p.name } },
        h('option', { value: '' }, pl ? 'start…' : 'unknown'), (pl ? pl.starts : []).map((s) => h('option', { value: String(s) }, `${s}`)));
      pin.disabled = !pl;
      pin.addEventListener('change', () => {
        if (pin.value !== '') handlers.onPin(p.name, Number(pin.value));
        pin.value = '';
      });
      const count = h('input', { type: 'number', min: '0', max: '1000', step: '1', inputmode: 'numeric', value: '0', class: 'count', 'aria-label': `Count of ${label}`, dataset: { profile: p.name } });
      count.addEventListener('change', () => {
        const n = Math.floor(Number(count.value));
        handlers.onCount(p.name, Number.isFinite(n) && n >= 0 ? Math.min(n, 1000) : 0);
      });
      const minus = h('button', { type: 'button', class: 'step', 'aria-label': `One fewer ${label}`, dataset: { profile: p.name, step: '-1' }, onclick: () => handlers.onStep(p.name, -1) }, '−');
      const plus = h('button', { type: 'button', class: 'step', 'aria-label': `One more ${label}`, dataset: { profile: p.name, step: '1' }, onclick: () => handlers.onStep(p.name, 1) }, '+');
      const inferred = Object.entries(p.confidence || {}).filter(([, w]) => /inferred/.test(w)).map(([f]) => f);
      const title = [p.placements ? `placements ${p.placements}` : 'placements unknown', `cap ${p.instances}`, p.min_driver ? `needs R${p.min_driver}+` : '',
        inferred.length ? `inferred: ${inferred.join(', ')}` : '', p.sources.length ? `sources ${p.sources.map((i) => `[${i}]`).join(' ')} (see "Sources and notes")` : ''].filter(Boolean).join('; ');
      return h('tr', { dataset: { profile: p.name } },
        h('th', { scope: 'row', title }, p.name, p.min_driver ? h('span', { class: 'tag' }, ` R${p.min_driver}+`) : null,
          inferred.length ? h('span', { class: 'tag inferred', title: `inferred: ${inferred.join(', ')}` }, ' inferred') : null),
        h('td', {}, `${p.compute_slices}g`),
        h('td', {}, format.gib(p.memory_mib)),
        h('td', {}, p.sm === null ? '?' : String(p.sm)),
        h('td', {}, engineText(p)),
        h('td', {}, String(p.instances)),
        h('td', { class: 'stepper' }, minus, count, plus),
        h('td', {}, pin));
    });
    replace($('profile-rows'), rows);
  }

  /// Reflect the state's counts and pinned list without rebuilding the rows (focus stays where it is).
  function sync(state, handlers) {
    for (const input of $('profile-rows').querySelectorAll('input.count')) {
      const r = state.req.find((x) => x.profile === input.dataset.profile);
      const v = String(r ? r.count : 0);
      if (input.value !== v) input.value = v;
      input.closest('tr').classList.toggle('requested', !!r);
    }
    const list = $('fixed-list');
    replace(list, state.fixed.map((f, i) => h('li', {}, `${f.profile} at start ${f.start} `,
      h('button', { type: 'button', class: 'link', 'aria-label': `Unpin ${f.profile} at ${f.start}`, onclick: () => handlers.onUnpin(i) }, 'unpin'))));
    $('fixed-box').hidden = state.fixed.length === 0;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { request: { renderRows, sync } });
})(self);
