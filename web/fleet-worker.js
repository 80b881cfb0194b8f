// The fleet planner's worker (over http(s); Chromium starts no worker from file://): loads the full module and
// answers {id, steps: [plan input, ...]} with one {id, index, answer} per step, then {id, done: true}; a failure
// is {id, error}. The page terminates it when a newer demand supersedes a running one.
/* global importScripts, createMigcalcFull */
'use strict';
importScripts('migcalc-full-http.js');
const ready = createMigcalcFull();

self.onmessage = (e) => {
  const { id, steps } = e.data;
  ready.then((m) => {
    if (typeof m.plan !== 'function') throw new Error('the module has no plan() (it is not the full module)');
    steps.forEach((input, index) => self.postMessage({ id, index, answer: m.plan(input) }));
    self.postMessage({ id, done: true });
  }).catch((err) => self.postMessage({ id, error: String(err && err.message ? err.message : err) }));
};
