// The fleet planner's controller: the fleet state in the URL fragment (state.fleet), the view's draft, and the
// runs of plan(). Over http(s) plan() runs in a worker (fleet-worker.js; a newer demand terminates a running
// one). From file://, where Chromium starts no worker, it runs on the main thread in chunks: the browser paints
// "Planning…" first, then the plan, then each comparison model as its own call; each call has a time limit, and
// a run whose input changed meanwhile is dropped. Typing is debounced. The export section (view/fleet-export.js,
// loaded with the full module) writes out the plan the page shows with exportPlan(), on the main thread: no
// new plan, just the answer already there.
(function (ns) {
  'use strict';
  const lib = ns.MigcalcLib;
  const V = ns.MigcalcViews;
  const State = ns.MigcalcState;
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const DEBOUNCE_MS = 250;
  const TIME_LIMIT_S = served ? 3 : 1; // per plan() call; a main-thread call blocks the page at most this long
  // The time limit field's upper bound: the planner's 60 s in a worker; on the main thread (file://) no more than
  // the default, since the page cannot answer while plan() runs.
  const MAX_TIME_LIMIT_S = served ? 60 : TIME_LIMIT_S;

  // The fleet view's one state object: all the controller keeps between events. The fleet itself, its export
  // options and the mode live in the page's store (MigcalcState, the URL fragment); this holds what is derived
  // from them or under way. Only the functions below change it, and the views are drawn from it.
  const view = {
    env: null, // the page's services from init(): {gpus, profilesOf, notice(text)}
    catalog: null, // {names(model)}: each model's profile names, cached
    shownKey: null, // the fleet the tables show, as JSON
    plan: {
      key: null, // the input last sent to plan(), as JSON
      timer: null, // the debounce before the next run
      lastId: 0, // the id of the last run started
      run: null, // the run under way: {id, steps, compare: rows or null}; null when none
      shown: null, // the plan() answer the page shows (null until the first arrives)
    },
    worker: {
      instance: null, // the worker plan() runs in over http(s); null until needed
      busy: false, // it is running a plan
      broken: !served || typeof Worker !== 'function', // plan on the main thread instead
    },
    export: {
      loading: null, // a promise of the full module with the export section's script, loaded once
      last: null, // {plan, format, node, answer}: the last exportPlan() call
    },
  };

  const fleetOf = (state) => state.fleet || lib.fleet.defaultFleet();

  function init(e) {
    view.env = e;
    const names = new Map();
    view.catalog = {
      names(model) {
        if (!names.has(model)) {
          const a = view.env.profilesOf(model);
          names.set(model, a.error ? null : a.profiles.flatMap((p) => [p.name].concat((p.ci_profiles || []).map((c) => c.name))));
        }
        return names.get(model);
      },
    };
    V.fleet.init({
      gpus: view.env.gpus,
      profilesOf: view.env.profilesOf,
      onChange: onDraft,
      limitHint: served ? `empty: ${TIME_LIMIT_S} s per plan; up to 60 s (the planner runs in the background)`
        : `empty: ${TIME_LIMIT_S} s per plan; opened from a file the page plans on its main thread and cannot answer meanwhile, so at most ${TIME_LIMIT_S} s is used`,
      // Both rebuild the tables even when the state does not change (a draft with errors is not in the state).
      onExample: () => {
        view.shownKey = null;
        State.update((s) => { s.fleet = lib.fleet.defaultFleet(); });
      },
      onClear: () => {
        view.shownKey = null;
        State.update((s) => { s.fleet = Object.assign(fleetOf(s), { demand: [], workloads: [] }); });
      },
    });
    V.fleet.status('loading', 'Loading the planner…');
  }

  /// Every render of the page in fleet mode: rebuild the tables when the fleet changed from outside (a link, the
  /// example), and plan when the input changed. A link's fleet naming an unknown model or profile (what the
  /// fragment codec cannot know) gets a notice, and the example instead.
  function render(state) {
    const fleet = fleetOf(state);
    const key = JSON.stringify(fleet);
    const problem = state.fleet && key !== view.shownKey ? lib.fleet.problemWith(state.fleet, view.catalog) : null;
    if (problem) {
      view.env.notice(`The link's fleet could not be read: ${problem} Showing the example fleet instead.`);
      State.update((s) => { s.fleet = null; });
      return;
    }
    if (key !== view.shownKey) {
      view.shownKey = key;
      V.fleet.setDraft(lib.fleet.toDraft(fleet));
      V.fleet.showErrors([]);
    }
    schedule(fleet, view.plan.key === null ? 0 : DEBOUNCE_MS);
    renderExport();
  }

  const exportHandlers = {
    onExportFormat: (f) => State.update((s) => { s.fexport = f; }),
    onExportNode: (n) => State.update((s) => { s.fnode = n; }),
  };

  /// The export section of the plan shown, in the state's format and GPUs per node (exportPlan() once per change).
  function renderExport() {
    if (!view.export.loading) {
      // loadMigcalcFull() brings lib/interop.js and view/export.js too, which view/fleet-export.js uses.
      view.export.loading = ns.loadMigcalcFull().then((m) => ns.loadScripts(['view/fleet-export.js']).then(() => m));
    }
    view.export.loading.then((m) => {
      const state = State.get();
      if (state.mode !== 'fleet') return;
      if (typeof m.exportPlan !== 'function') {
        document.getElementById('fleet-export-none').textContent = 'The loaded module has no exportPlan(): rebuild the wasm module (cmake --workflow --preset wasm).';
        return;
      }
      const shown = view.plan.shown;
      const plan = shown && !shown.error && shown.plan.groups.length ? shown.plan : null;
      const last = view.export.last;
      if (!last || last.plan !== plan || last.format !== state.fexport || last.node !== state.fnode) {
        const answer = plan ? m.exportPlan(plan, { format: state.fexport, gpus_per_node: state.fnode }) : null;
        view.export.last = { plan, format: state.fexport, node: state.fnode, answer };
      }
      V.fleetExport.render(state, shown, view.export.last.answer, exportHandlers);
    }, (e) => {
      document.getElementById('fleet-export-none').textContent = `The export functions could not load: ${e && e.message ? e.message : e}`;
    });
  }

  function onDraft(draft) {
    const { fleet, errors } = lib.fleet.readDraft(draft, view.catalog);
    V.fleet.showErrors(errors);
    if (!fleet) {
      clearTimeout(view.plan.timer);
      V.fleet.status('invalid', `Fix the marked field${errors.length === 1 ? '' : 's'} to plan again (${errors.length} to fix); the answer below is for the last valid demand.`);
      return;
    }
    view.shownKey = JSON.stringify(fleet);
    State.update((s) => { s.fleet = fleet; });
  }

  function schedule(fleet, delay) {
    const input = lib.fleet.planInput(fleet, TIME_LIMIT_S, MAX_TIME_LIMIT_S);
    const key = JSON.stringify([input, fleet.compare]);
    clearTimeout(view.plan.timer);
    if (key === view.plan.key) {
      if (view.plan.run === null && document.getElementById('panel-fleet').dataset.fleet === 'invalid') V.fleet.status('done', doneText());
      return;
    }
    V.fleet.status('planning', 'Planning…');
    view.plan.timer = setTimeout(() => start(key, input, fleet.compare), delay);
  }

  function start(key, input, compare) {
    view.plan.key = key;
    const steps = [{ model: null, input }].concat(compare ? lib.fleet.compareSteps(input, view.catalog) : []);
    const run = { id: ++view.plan.lastId, steps, compare: compare ? [] : null };
    view.plan.run = run;
    V.fleet.status('planning', 'Planning…');
    V.fleet.renderCompare(run.compare, compare ? steps.length - 1 : 0);
    if (view.worker.broken) runChunks(run);
    else runInWorker(run);
  }

  /// Where plan() runs (the panel's data-runner, for tests and curious readers): worker or main.
  function runner(where) {
    document.getElementById('panel-fleet').dataset.runner = where;
  }

  function onPart(r, index, answer) {
    if (r !== view.plan.run) return;
    if (index === 0) {
      V.fleet.renderPlan(answer, linkFor);
      if (answer.error && answer.error.code === 'BAD_EXISTING') V.fleet.showPlannerError(lib.fleet.existingRowsOf(answer.error, fleetOf(State.get())), answer.error.message);
      view.plan.shown = answer;
      renderExport();
    } else {
      r.compare.push(lib.fleet.compareRow(r.steps[index], answer));
      V.fleet.renderCompare(r.compare, r.steps.length - 1 - r.compare.length);
    }
  }

  function doneText() {
    if (view.plan.shown && view.plan.shown.error) return 'Not planned: the planner refused this input (its reason is below). Change it and the plan follows.';
    return 'Planned. Change the demand or the inventory and the plan follows.';
  }

  function onDone(r, error) {
    if (r !== view.plan.run) return;
    view.plan.run = null;
    if (error) {
      V.fleet.status('error', `The planner failed: ${error}. Your demand is kept; change it to try again.`);
      view.plan.key = null;
    } else V.fleet.status('done', doneText());
  }

  /// Let the browser paint (a frame, then a task) before the next main-thread call; hidden tabs get no frames.
  function yieldToBrowser() {
    return new Promise((ok) => {
      const t = setTimeout(ok, 100);
      requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); ok(); }, 0));
    });
  }

  async function runChunks(r) {
    runner('main');
    let m;
    try {
      m = await ns.loadMigcalcFull();
      if (typeof m.plan !== 'function') throw new Error('the loaded module has no plan() (it is not the full module)');
      for (let i = 0; i < r.steps.length; i++) {
        await yieldToBrowser();
        if (r !== view.plan.run) return; // the input changed meanwhile: a newer run is on its way
        onPart(r, i, m.plan(r.steps[i].input));
      }
      onDone(r, null);
    } catch (e) {
      onDone(r, String(e && e.message ? e.message : e));
    }
  }

  function runInWorker(r) {
    const w = view.worker;
    if (w.instance && w.busy) {
      w.instance.terminate(); // a newer demand supersedes the running one
      w.instance = null;
    }
    if (!w.instance) {
      try {
        w.instance = new Worker('fleet-worker.js');
      } catch (e) {
        w.broken = true;
        runChunks(r);
        return;
      }
      w.instance.onmessage = (e) => {
        const msg = e.data;
        const run = view.plan.run;
        if (msg.done || msg.error) w.busy = false;
        if (!run || msg.id !== run.id) return;
        if (msg.error) onDone(run, msg.error);
        else if (msg.done) onDone(run, null);
        else onPart(run, msg.index, msg.answer);
      };
      w.instance.onerror = (e) => {
        e.preventDefault();
        w.broken = true; // e.g. the http module is missing: plan on the main thread from now on
        w.instance.terminate();
        w.instance = null;
        w.busy = false;
        if (view.plan.run) runChunks(view.plan.run);
      };
    }
    w.busy = true;
    runner('worker');
    w.instance.postMessage({ id: r.id, steps: r.steps.map((s) => s.input) });
  }

  /// The single-GPU view of one group: its model, instances as the request (existing ones pinned), mode exact.
  function linkFor(group) {
    const one = lib.fleet.singleGpu(group);
    const driver = fleetOf(State.get()).driver || 'newest'; // the driver the plan was made for
    return lib.fragment.serialize(Object.assign({}, State.get(), one, { mode: 'exact', driver, cap: null, rows: null }));
  }

  ns.MigcalcFleet = { init, render };
})(self);
