// Starts loading the wasm module as early as possible (this tiny script runs first, while the page's other
// scripts download). Over http(s): the core module (check, layouts, seed: all the first verdict needs) with a
// separate binary .wasm, compiled while it downloads; the full module (exports, imports, fleet planner) loads
// later, when self.loadMigcalcFull() is first called. From file://, where Chromium fetches nothing: the
// single-file build with the wasm inside, which is already the full module. The scripts of the layouts browser, the
// custom-capacity tab and the export and import panels come with the full module: the first verdict needs none.
// app.js waits for self.migcalcCore (a promise of the module).
(function (ns) {
  'use strict';
  const served = location.protocol === 'http:' || location.protocol === 'https:';

  /// loadScripts([src, ...]): a promise that the page's own scripts have run, in order.
  ns.loadScripts = (srcs) => Promise.all(srcs.map((src) => new Promise((ok, no) => {
    const tag = Object.assign(document.createElement('script'), { src, async: false }); // async = false: in order
    tag.onload = ok;
    tag.onerror = () => no(new Error(`${src} is missing`));
    document.head.appendChild(tag);
  })));

  function load(src, factory) {
    return new Promise((ok, no) => {
      const tag = document.createElement('script');
      tag.src = src;
      tag.onload = () => (typeof ns[factory] === 'function' ? ok() : no(new Error(`${src} did not define ${factory}`)));
      tag.onerror = () => no(new Error(`${src} is missing (build it with \`cmake --workflow --preset wasm\`)`));
      document.head.appendChild(tag);
    }).then(() => ns[factory]());
  }

  ns.migcalcCore = load(served ? 'migcalc-http.js' : 'migcalc.js', 'createMigcalc');
  ns.migcalcCore.catch(() => {}); // app.js reports the failure

  let full = null;
  /// A promise of the full module (exportLayout, validateConfig, importGpu, importState, plan) and of the export
  /// and import panels' scripts, loaded once.
  ns.loadMigcalcFull = () => {
    if (!full) {
      const module = served ? load('migcalc-full-http.js', 'createMigcalcFull') : ns.migcalcCore;
      full = Promise.all([module, ns.loadScripts(['view/layouts.js', 'view/seed.js', 'lib/interop.js', 'view/export.js', 'view/import.js'])]).then(([m]) => m);
    }
    return full;
  };
})(self);
