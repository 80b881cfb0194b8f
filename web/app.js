// Entry: load the wasm core, read the URL fragment, wire the views to the store, recompute on every change.
(function (ns) {
  'use strict';
  const State = ns.MigcalcState;
  const V = ns.MigcalcViews;
  const lib = ns.MigcalcLib;
  const { $ } = ns.MigcalcDom;

  let core = null;
  let full = null; // the full module (exports, imports), loaded after the first verdict; null until then
  let gpus = [];
  const profilesCache = new Map();
  let shownGpu = null;
  let layoutsFor = null;

  function notice(text) {
    $('notice').textContent = text || '';
    $('notice').hidden = !text;
  }

  function profilesOf(key) {
    if (!profilesCache.has(key)) profilesCache.set(key, (full || core).profiles(key));
    return profilesCache.get(key);
  }

  /// A state the page can show, or the sentence saying why not (unknown GPU or profile).
  function problemWith(state) {
    const gpu = gpus.find((g) => g.key === state.gpu);
    if (!gpu) return `The link names GPU '${state.gpu}', which is not in the catalog (${gpus.length} models; pick one from the list)`;
    const profiles = profilesOf(gpu.key).profiles;
    const names = new Set(profiles.map((p) => p.name));
    // A request may also name compute-instance sub-profiles (1c.3g.40gb, and 3c.3g.40gb: one CI spanning the GI, as
    // the core reads it); pinned instances are GPU instances.
    const ciNames = new Set(profiles.flatMap((p) => (p.ci_profiles || []).map((c) => c.name).concat(`${p.compute_slices}c.${p.name}`)));
    const bad = state.req.map((r) => r.profile).filter((p) => !names.has(p) && !ciNames.has(p)).concat(state.fixed.map((f) => f.profile).filter((p) => !names.has(p)));
    if (bad.length) return `The link asks for ${bad.join(', ')}, which ${gpu.key} does not have (its profiles: ${[...names].join(', ')})`;
    return null;
  }

  function loadFromHash() {
    let error = State.readHash();
    let state = State.get();
    const problem = error ? null : problemWith(state);
    if (problem) {
      error = `The link could not be read: ${problem}. Showing the default state instead.`;
      state = lib.fragment.defaultState();
    }
    notice(error);
    State.set(state);
  }

  /// The fleet planner's scripts load when its tab is first shown (the first verdict does not need them); then
  /// fn(ns.MigcalcFleet). Dynamic scripts with async = false run in order.
  let fleetLoading = null;
  function withFleet(fn) {
    if (!fleetLoading) {
      fleetLoading = ns.loadScripts(['lib/fleet.js', 'view/fleet.js', 'fleet-app.js']).then(() => ns.MigcalcFleet.init({ gpus, profilesOf, notice }));
    }
    fleetLoading.then(() => fn(ns.MigcalcFleet), (e) => {
      $('fleet-status').textContent = `The fleet planner could not load: ${e.message}.`;
    });
  }

  // A link (or the back button) replaces the state under the field that has focus: leaveField() takes the focus
  // away first, and the change event that follows belongs to the old state, so the handlers ignore it.
  let leaving = false;
  function leaveField() {
    const el = document.activeElement;
    if (!el || !el.matches('input, textarea')) return;
    leaving = true;
    try {
      el.blur();
    } finally {
      leaving = false;
    }
  }

  /// Each handler does nothing while leaveField() runs.
  function unlessLeaving(fns) {
    const out = {};
    for (const [name, fn] of Object.entries(fns)) out[name] = (...args) => (leaving ? undefined : fn(...args));
    return out;
  }

  const handlers = unlessLeaving({
    onStep: (p, d) => State.update((s) => State.addCount(s, p, d)),
    onAdd: (p) => State.update((s) => State.addCount(s, p, 1)),
    onCount: (p, n) => State.update((s) => {
      const row = s.req.find((r) => r.profile === p);
      State.addCount(s, p, n - (row ? row.count : 0));
    }),
    onPin: (p, start) => State.update((s) => { s.fixed.push({ profile: p, start }); }),
    onUnpin: (i) => State.update((s) => { s.fixed.splice(i, 1); }),
    onDriver: (d) => State.update((s) => { s.driver = d; }),
    onPreset: (devices) => State.update((s) => {
      s.req = Object.entries(devices).map(([profile, count]) => ({ profile, count }));
      s.fixed = [];
    }),
    onRow: (i, patch) => State.update((s) => { if (s.rows && s.rows[i]) Object.assign(s.rows[i], patch); }),
    onRemoveRow: (i) => State.update((s) => { if (s.rows) s.rows.splice(i, 1); }),
    onCap: (patch) => State.update((s) => { if (s.cap) Object.assign(s.cap, patch); }),
    onExportFormat: (f) => State.update((s) => { s.export = f; }),
    onExportDevice: (d) => State.update((s) => { s.device = d; }),
    onGenerateConfig: (scope) => {
      if (!full) return;
      const state = State.get();
      V.exporter.showGenerated(state, scope, full.generateConfig(lib.interop.generateRequest(state, scope)));
    },
  });

  function loadLayout(instances) {
    State.update((s) => {
      s.req = [];
      s.fixed = [];
      for (const i of instances) State.addCount(s, i.profile, 1);
      s.mode = 'exact';
    });
    $('verdict').scrollIntoView({ block: 'nearest' });
  }

  function renderLayouts(state) {
    const box = $('layouts-box');
    const key = `${state.gpu}|${state.driver}|${$('layouts-all').checked}`;
    if (!box.open || layoutsFor === key) return;
    if (!full) {
      $('layouts-count').textContent = 'Loading the layouts…';
      return;
    }
    layoutsFor = key;
    const gpu = gpus.find((g) => g.key === state.gpu);
    V.layouts.render(gpu, full.layouts(state.gpu, { base: !$('layouts-all').checked, driver: state.driver }), loadLayout);
  }

  function renderSeed(state) {
    if (!full) {
      $('seed-verdict').textContent = 'Loading the custom-capacity model…';
      return;
    }
    const profiles = profilesOf(state.gpu);
    if (!state.cap || !state.rows) {
      const d = lib.format.seedDefaults(profiles, state.req);
      State.update((s) => { s.cap = s.cap || d.cap; s.rows = s.rows || d.rows; });
      return;
    }
    V.seed.render(state.cap, state.rows, full.seed(lib.format.seedInput(state.cap, state.rows)), handlers);
    // The driver's answer for the rows that are profiles of the selected GPU, for comparison.
    const names = new Set(profiles.profiles.map((p) => p.name));
    const rows = state.rows.filter((r) => r.count > 0);
    const exact = rows.length && rows.every((r) => names.has(r.name))
      ? `The driver's answer for these rows on ${state.gpu}: ${lib.format.verdictText(core.check({ gpu: state.gpu, request: rows.map((r) => ({ profile: r.name, count: Math.min(r.count, 1000) })), driver: state.driver }))}`
      : `Rows that are not profiles of ${state.gpu} have no exact answer.`;
    $('seed-compare').textContent = exact;
  }

  const MODES = ['exact', 'seed', 'fleet'];

  function showMode(mode) {
    for (const m of MODES) {
      $(`tab-${m}`).setAttribute('aria-selected', String(m === mode));
      $(`tab-${m}`).tabIndex = m === mode ? 0 : -1;
      $(`panel-${m}`).hidden = m !== mode;
    }
  }

  function render(state) {
    const t0 = performance.now();
    const gpu = gpus.find((g) => g.key === state.gpu);
    const profiles = profilesOf(gpu.key);
    if (shownGpu !== gpu.key) {
      shownGpu = gpu.key;
      V.picker.renderModel(profiles, gpus, state, handlers);
      V.request.renderRows(profiles, handlers);
    }
    V.picker.syncDriver(state);
    V.request.sync(state, handlers);
    const result = core.check({ gpu: gpu.key, request: state.req, fixed: state.fixed, driver: state.driver });
    V.verdict.render(result);
    V.diagram.render(gpu, result, profiles);
    V.capacity.render(result, handlers);
    renderLayouts(state);
    if (full) {
      V.importer.refresh();
      renderExport(state);
    }
    showMode(state.mode);
    if (state.mode === 'seed') renderSeed(state);
    if (state.mode === 'fleet') withFleet((fleet) => { if (State.get().mode === 'fleet') fleet.render(State.get()); });
    $('link').value = location.href;
    document.body.dataset.renderMs = (performance.now() - t0).toFixed(2);
    if (document.body.dataset.ready !== 'true') {
      performance.mark('migcalc-first-verdict');
      document.body.dataset.ready = 'true';
      setTimeout(loadFull, 0);
    }
  }

  function renderExport(state) {
    V.exporter.render(state, full.exportLayout({ gpu: state.gpu, request: state.req, fixed: state.fixed, driver: state.driver, format: state.export, device: state.device }), handlers);
  }

  /// The export and import functions and their panels' scripts come after the first verdict, with the full
  /// module (over http(s) a second module; from file:// the one already loaded). Until then the export panel says
  /// "Loading…" (index.html); if they cannot load, both panels say why.
  function loadFull() {
    document.body.dataset.interop = 'loading';
    ns.loadMigcalcFull().then((m) => {
      full = m;
      profilesCache.clear(); // the full module's profiles carry the sources and notes the first one left out
      V.picker.renderSources(profilesOf(State.get().gpu));
      V.importer.init({
        core: full,
        state: () => State.get(),
        profilesOf,
        gpus: () => gpus,
        onUseGpu: (key) => State.update((s) => {
          s.gpu = key;
          s.req = [];
          s.fixed = [];
          s.cap = null;
          s.rows = null;
          s.mode = 'exact';
        }),
        onPin: (fixed, index) => State.update((s) => {
          s.fixed = fixed;
          if (index <= lib.fragment.MAX_DEVICE) s.device = index;
          s.mode = 'exact';
        }),
      });
      render(State.get()); // the export, and the layouts or the custom-capacity tab if they are shown
      document.body.dataset.interop = 'ready';
    }, (e) => { // only a failed load: an error in the rendering above is not reported as one
      const why = String(e && e.message ? e.message : e);
      $('export-none').textContent = `The export functions could not load: ${why}`;
      $('import-result').textContent = `The import functions could not load: ${why}`;
      $('seed-verdict').textContent = `The custom-capacity model could not load: ${why}`;
      $('layouts-count').textContent = `The layouts could not load: ${why}`;
      document.body.dataset.interop = 'error';
    });
  }

  function wire() {
    V.picker.renderGpus(gpus, (key) => State.update((s) => {
      s.gpu = key;
      s.req = [];
      s.fixed = [];
      s.cap = null;
      s.rows = null;
    }));
    $('clear').addEventListener('click', () => State.update((s) => { s.req = []; s.fixed = []; }));
    $('layouts-box').addEventListener('toggle', () => renderLayouts(State.get()));
    $('layouts-all').addEventListener('change', () => renderLayouts(State.get()));
    MODES.forEach((mode, i) => {
      const tab = $(`tab-${mode}`);
      tab.addEventListener('click', () => State.update((s) => { s.mode = mode; }));
      tab.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const next = $(`tab-${MODES[(i + (e.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length]}`);
        next.focus();
        next.click();
      });
    });
    $('seed-add').addEventListener('click', () => State.update((s) => { if (s.rows) s.rows.push({ name: `custom-${s.rows.length + 1}`, sms: 0, memory_gb: 0, count: 1 }); }));
    $('seed-reset').addEventListener('click', () => State.update((s) => { s.rows = lib.format.seedDefaults(profilesOf(s.gpu), s.req).rows; }));
    $('seed-exact').addEventListener('click', () => State.update((s) => {
      const names = new Set(profilesOf(s.gpu).profiles.map((p) => p.name));
      const req = (s.rows || []).filter((r) => names.has(r.name) && r.count > 0).map((r) => ({ profile: r.name, count: Math.min(r.count, 1000) }));
      if (req.length) s.req = req;
      s.mode = 'exact';
    }));
    $('copy-link').addEventListener('click', copyLink);
    // A notice about a bad link goes away once the person changes something.
    for (const type of ['change', 'click']) {
      document.addEventListener(type, (e) => {
        if (e.target.closest && e.target.closest('main, #panel-seed, #panel-fleet, .tabs')) notice(null);
      });
    }
    State.subscribe(render);
    State.onExternalHashChange((error) => {
      leaveField();
      const problem = error ? null : problemWith(State.get());
      if (problem) {
        notice(`The link could not be read: ${problem}. Showing the default state instead.`);
        State.set(lib.fragment.defaultState());
      } else {
        notice(error);
        State.set(State.get());
      }
    });
  }

  function copyLink() {
    const status = $('copy-status');
    const fallback = () => {
      $('link').select();
      status.textContent = document.execCommand && document.execCommand('copy') ? 'Link copied.' : 'Select the link and copy it.';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(location.href).then(() => (status.textContent = 'Link copied.'), fallback);
    } else fallback();
  }

  function fail(message) {
    $('verdict').textContent = `Unknown — the calculator could not start: ${message}`;
    notice(`The calculator could not start: ${message}`);
    document.body.dataset.ready = 'error';
  }

  ns.migcalcCore.then((m) => {
    performance.mark('migcalc-core-ready');
    core = m;
    gpus = core.gpus().gpus;
    performance.mark('migcalc-catalog-ready');
    $('catalog-version').textContent = core.catalogVersion();
    wire();
    loadFromHash();
  }, (e) => fail(String(e && e.message ? e.message : e)));
})(self);
