// The request builder: one row per profile of the model with −/count/+ and "Pin at", and the pinned list.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;
  const engineText = (p) => ['dec', 'enc', 'jpeg', 'ofa'].map((e) => (p[e] === null ? '?' : p[e])).join('/');

  let openSplits = new Set(); // GI profiles whose compute-instance rows are shown

  /// −/count/+ for a profile or a CI sub-profile: handlers get the name.
  function stepper(name, label, handlers) {
    const count = h('input', { type: 'number', min: '0', max: '1000', step: '1', inputmode: 'numeric', value: '0', class: 'count', 'aria-label': `Count of ${label}`, dataset: { profile: name } });
    count.addEventListener('change', () => {
      const n = Math.floor(Number(count.value));
      handlers.onCount(name, Number.isFinite(n) && n >= 0 ? Math.min(n, 1000) : 0);
    });
    const minus = h('button', { type: 'button', class: 'step', 'aria-label': `One fewer ${label}`, dataset: { profile: name, step: '-1' }, onclick: () => handlers.onStep(name, -1) }, '−');
    const plus = h('button', { type: 'button', class: 'step', 'aria-label': `One more ${label}`, dataset: { profile: name, step: '1' }, onclick: () => handlers.onStep(name, 1) }, '+');
    return h('td', { class: 'stepper' }, minus, count, plus);
  }

  /// The CI sub-profile rows of GI profile `p` (hidden until its "split" button opens them): counts follow
  /// mig-parted, e.g. 1c.3g.40gb: 6 = two 3g.40gb GPU instances of three 1c compute instances.
  function ciRows(p, handlers) {
    return p.ci_profiles.map((ci) => h('tr', { class: 'ci-row', hidden: true, id: `ci-row-${ci.name}`, dataset: { profile: ci.name, gi: p.name } },
      h('th', { scope: 'row', class: 'ci-name', title: `A compute instance of ${ci.compute_slices} compute slice${ci.compute_slices === 1 ? '' : 's'} inside a ${p.name} GPU instance; it shares the GPU instance's memory and engines. Compute instances go into the fewest ${p.name} GPU instances that hold them.` }, ci.name),
      h('td', {}, `${ci.compute_slices}c`),
      h('td', { class: 'ci-shared', colspan: '3' }, `shares its ${p.name}`),
      h('td', { title: `at most ${ci.per_gi} in one ${p.name}` }, `${ci.per_gi}/GI`),
      stepper(ci.name, `${ci.name} compute instances`, handlers),
      h('td', {})));
  }

  function splitButton(p) {
    const button = h('button', { type: 'button', class: 'link ci-toggle', 'aria-expanded': 'false', 'aria-controls': p.ci_profiles.map((c) => `ci-row-${c.name}`).join(' '), 'aria-label': `Split ${p.name} into compute instances`, dataset: { gi: p.name } }, 'split');
    button.addEventListener('click', () => {
      if (openSplits.has(p.name)) openSplits.delete(p.name);
      else openSplits.add(p.name);
      showSplit(p.name);
    });
    return button;
  }

  /// Show the CI rows of `gi` when opened, and always while the request holds one of its CI sub-profiles.
  function showSplit(gi) {
    const rows = [...$('profile-rows').querySelectorAll('tr.ci-row')].filter((r) => r.dataset.gi === gi);
    const used = rows.some((r) => Number(r.querySelector('input.count').value) > 0);
    const open = used || openSplits.has(gi);
    for (const r of rows) r.hidden = !open;
    const button = [...$('profile-rows').querySelectorAll('button.ci-toggle')].find((b) => b.dataset.gi === gi);
    button.setAttribute('aria-expanded', String(open));
    if (used) button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
    button.title = used ? 'Shown while compute instances are requested' : open ? 'Hide the compute-instance rows' : `Request compute instances (e.g. 1c) inside ${gi} GPU instances`;
  }

  /// Build the rows for a model (once per model); counts are filled by sync().
  function renderRows(profiles, handlers) {
    openSplits = new Set();
    const rows = profiles.profiles.flatMap((p) => {
      const pl = format.placements(p.placements);
      const label = `${p.name}`;
      const pin = h('select', { 'aria-label': `Pin ${label} at start`, dataset: { profile: p.name } },
        h('option', { value: '' }, pl ? 'start…' : 'unknown'), (pl ? pl.starts : []).map((s) => h('option', { value: String(s) }, `${s}`)));
      pin.disabled = !pl;
      pin.addEventListener('change', () => {
        if (pin.value !== '') handlers.onPin(p.name, Number(pin.value));
        pin.value = '';
      });
      const inferred = Object.entries(p.confidence || {}).filter(([, w]) => /inferred/.test(w)).map(([f]) => f);
      const title = [p.placements ? `placements ${p.placements}` : 'placements unknown', `cap ${p.instances}`, p.min_driver ? `needs R${p.min_driver}+` : '',
        inferred.length ? `inferred: ${inferred.join(', ')}` : '', p.sources.length ? `sources ${p.sources.map((i) => `[${i}]`).join(' ')} (see "Sources and notes")` : ''].filter(Boolean).join('; ');
      const cis = p.ci_profiles || [];
      const row = h('tr', { dataset: { profile: p.name } },
        h('th', { scope: 'row', title }, p.name, p.min_driver ? h('span', { class: 'tag' }, ` R${p.min_driver}+`) : null,
          inferred.length ? h('span', { class: 'tag inferred', title: `inferred: ${inferred.join(', ')}` }, ' inferred') : null,
          cis.length ? splitButton(p) : null),
        h('td', {}, `${p.compute_slices}g`),
        h('td', {}, format.gib(p.memory_mib)),
        h('td', {}, p.sm === null ? '?' : String(p.sm)),
        h('td', {}, engineText(p)),
        h('td', {}, String(p.instances)),
        stepper(p.name, label, handlers),
        h('td', {}, pin));
      return [row].concat(cis.length ? ciRows(p, handlers) : []);
    });
    replace($('profile-rows'), rows);
  }

  /// Reflect the state's counts and pinned list without rebuilding the rows (focus stays where it is).
  function sync(state, handlers) {
    // A GPU instance profile is requested too when only compute instances inside it are (1c.3g.40gb -> 3g.40gb).
    const giOf = (name) => {
      const dot = name.indexOf('.');
      return /^\d+c$/.test(name.slice(0, dot)) ? name.slice(dot + 1) : null;
    };
    const viaCis = new Set(state.req.map((x) => giOf(x.profile)).filter(Boolean));
    for (const input of $('profile-rows').querySelectorAll('input.count')) {
      const r = state.req.find((x) => x.profile === input.dataset.profile);
      const v = String(r ? r.count : 0);
      if (input.value !== v) input.value = v;
      input.closest('tr').classList.toggle('requested', !!r || viaCis.has(input.dataset.profile));
    }
    for (const button of $('profile-rows').querySelectorAll('button.ci-toggle')) showSplit(button.dataset.gi);
    const list = $('fixed-list');
    replace(list, state.fixed.map((f, i) => h('li', {}, `${f.profile} at start ${f.start} `,
      h('button', { type: 'button', class: 'link', 'aria-label': `Unpin ${f.profile} at ${f.start}`, onclick: () => handlers.onUnpin(i) }, 'unpin'))));
    $('fixed-box').hidden = state.fixed.length === 0;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { request: { renderRows, sync } });
})(self);
