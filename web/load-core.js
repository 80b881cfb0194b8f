// Starts loading the wasm module as early as possible (this tiny script runs first, while the page's other
// scripts download). Over http(s): the module with a separate binary .wasm (smaller, compiled while it
// downloads); from file://, where Chromium fetches nothing: the single-file build with the wasm inside.
// Both define the global createMigcalc(); app.js waits for self.migcalcCoreScript.
(function (ns) {
  'use strict';
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const src = served ? 'migcalc-http.js' : 'migcalc.js';
  ns.migcalcCoreScript = new Promise((ok, no) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => (typeof ns.createMigcalc === 'function' ? ok() : no(new Error(`${src} did not define createMigcalc`)));
    script.onerror = () => no(new Error(`${src} is missing (build it with \`cmake --workflow --preset wasm\`)`));
    document.head.appendChild(script);
  });
})(self);
