// The two builds of the module (single file for file:// and Node, separate .wasm for http) answer alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, loadHttpCore, fixture } from './module.mjs';

test('the http build and the single-file build give the same answers on every golden scenario', async () => {
  const single = await loadCore();
  const http = await loadHttpCore();
  assert.deepEqual(http.gpus(), single.gpus());
  for (const s of fixture('scenarios.json')) {
    const input = { gpu: s.gpu, request: s.request, fixed: s.fixed, driver: s.driver };
    assert.deepEqual(http.check(input), single.check(input), s.name);
  }
});
