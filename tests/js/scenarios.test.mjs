// Every golden scenario of tests/fixtures/scenarios.json, answered by the wasm module exactly as by the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, fixture } from './module.mjs';

const scenarios = fixture('scenarios.json');
const core = await loadCore();
const cis = (i) => (i.compute_instances ? ` [${i.compute_instances.map((c) => `${c.profile}:${c.compute_slices}`).join(',')}]` : '');
const key = (i) => `${i.profile}@${i.start}:${i.size}${i.fixed ? ' fixed' : ''}${cis(i)}`;

test('the golden scenarios file has scenarios', () => {
  assert.ok(scenarios.length >= 10, `only ${scenarios.length} scenarios`);
});

for (const s of scenarios) {
  test(s.name, () => {
    const r = core.check({ gpu: s.gpu, request: s.request, fixed: s.fixed, driver: s.driver });
    assert.equal(r.error, undefined, r.error && r.error.message);
    const e = s.expect;
    assert.equal(r.verdict, e.verdict, JSON.stringify(r.reasons));
    if (e.instances) assert.deepEqual(r.instances.map(key).sort(), e.instances.map(key).sort());
    if (e.reason_codes) assert.deepEqual([...new Set(r.reasons.map((x) => x.code))].sort(), [...e.reason_codes].sort());
    if (e.remaining) for (const [p, n] of Object.entries(e.remaining)) assert.equal(r.remaining[p], n, `remaining ${p}`);
    if (e.largest_subset_count !== undefined) assert.equal(r.largest_subset.count, e.largest_subset_count);
  });
}
