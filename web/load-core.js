// Starts loading the wasm module as early as possible (this tiny script runs first, while the page's other
// scripts download). Over http(s): the core module (check, layouts, seed: all the first verdict needs) with a
// separate binary .wasm, compiled while it downloads; the full module (exports, imports, fleet planner) loads
// later, when self.loadMigcalcFull() is first called. From file://, where Chromium fetches nothing: the
// single-file build with the wasm inside, which is already the full module.
// app.js waits for self.migcalcCore (a promise of the module).
(function (ns) {
  'use strict';
  const served = location.protocol === 'http:' || location.protocol === 'https:';

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
  /// A promise of the full module (exportLayout, validateConfig, importGpu, importState, plan), loaded once.
  ns.loadMigcalcFull = () => {
    if (!full) full = served ? load('migcalc-full-http.js', 'createMigcalcFull') : ns.migcalcCore;
    return full;
  };
})(self);
