// Starts loading the wasm module as early as possible (this tiny script runs first, while the page's other
// scripts download). Over http(s): the module with a separate binary .wasm (smaller, compiled while it
// downloads); from file://, where Chromium fetches nothing: the single-file build with the wasm inside.
// Both define the global createMigcalc(), which is called at once so that the wasm downloads and compiles while
// the page's own scripts load; app.js waits for self.migcalcCore (a promise of the module).
(function (ns) {
  'use strict';
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const src = served ? 'migcalc-http.js' : 'migcalc.js';
  const script = new Promise((ok, no) => {
    const tag = document.createElement('script');
    tag.src = src;
    tag.onload = () => (typeof ns.createMigcalc === 'function' ? ok() : no(new Error(`${src} did not define createMigcalc`)));
    tag.onerror = () => no(new Error(`${src} is missing (build it with \`cmake --workflow --preset wasm\`)`));
    document.head.appendChild(tag);
  });
  ns.migcalcCore = script.then(() => ns.createMigcalc());
  ns.migcalcCore.catch(() => {}); // app.js reports the failure
})(self);
