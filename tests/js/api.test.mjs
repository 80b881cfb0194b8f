// The JS API of web/migcalc.js: the same JSON shapes as `migcalc --json`, plain objects, errors as values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, fixture } from './module.mjs';

const core = await loadCore();

test('gpus() lists every catalog model with its family and memory, as plain objects', () => {
  const all = core.gpus();
  assert.equal(all.catalog_version, core.catalogVersion());
  assert.match(all.catalog_version, /^\d{4}-\d{2}-\d{2}$/);
  const h100 = all.gpus.find((g) => g.key === 'H100-SXM5-80GB');
  assert.equal(h100.family, 'Hopper');
  assert.equal(h100.placement_units, 8);
  assert.equal(h100.compute_slices, 7);
  assert.equal(Object.getPrototypeOf(h100), Object.prototype, 'a plain object, not a C++ handle');
  assert.ok(all.gpus.some((g) => g.placements_inferred), 'inferred models are flagged');
});

test('profiles() gives the H100 profiles with placements, engines and driver rules', () => {
  const p = core.profiles('H100-SXM5-80GB');
  const names = p.profiles.map((x) => x.name);
  for (const n of ['1g.10gb', '1g.10gb+me', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb']) assert.ok(names.includes(n), n);
  // mig-hardware.md: H100 3g.40gb sits at {0,4}:4, 1g.10gb at {0..6}:1.
  assert.equal(p.profiles.find((x) => x.name === '3g.40gb').placements, '{0,4}:4');
  assert.equal(p.profiles.find((x) => x.name === '1g.10gb').placements, '{0,1,2,3,4,5,6}:1');
  assert.ok(Array.isArray(p.driver_rules));
  assert.ok('all-balanced' in p.named_configs);
});

test('profiles() also finds a model by the name nvidia-smi prints', () => {
  assert.equal(core.profiles('NVIDIA H100 80GB HBM3').key, 'H100-SXM5-80GB');
});

test('check() accepts request items as objects or as CLI strings', () => {
  const a = core.check({ gpu: 'A100-40GB', request: [{ profile: '3g.20gb', count: 1 }, { profile: '1g.5gb', count: 2 }], fixed: [] });
  const b = core.check({ gpu: 'A100-40GB', request: ['3g.20gb', '1g.5gb:2'] });
  assert.deepEqual(a, b);
  assert.equal(a.verdict, 'feasible');
  assert.equal(a.instances.length, 3);
});

test('check() keeps a pinned instance where it is and places around it', () => {
  const r = core.check({ gpu: 'A100-40GB', request: ['4g.20gb'], fixed: [{ profile: '1g.5gb', start: 0 }] });
  // mig-hardware.md: A100 4g.20gb only starts at 0, so a 1g.5gb at 0 blocks it.
  assert.equal(r.verdict, 'not feasible');
  assert.deepEqual(r.instances, [{ profile: '1g.5gb', start: 0, size: 1, compute_slices: 1, fixed: true, compute_slice_indices: [0] }]);
  assert.ok(r.reasons.length > 0);
  assert.equal(r.largest_subset.count, 0);
});

test('check() honours an old driver', () => {
  // The A100 rule: 4g.20gb together with 3g.20gb needs R510.
  const old = core.check({ gpu: 'A100-40GB', request: ['4g.20gb', '3g.20gb'], driver: 'R470' });
  const newest = core.check({ gpu: 'A100-40GB', request: ['4g.20gb', '3g.20gb'], driver: 'newest' });
  assert.equal(newest.verdict, 'feasible');
  assert.equal(old.verdict, 'not feasible');
  assert.ok(old.reasons.some((x) => x.code === 'DRIVER_TOO_OLD'));
  assert.equal(old.driver, 'R470');
});

test('check() answers unknown for a mix on a model without known placements', () => {
  const r = core.check({ gpu: 'RTX-PRO-4500-32GB', request: ['1g.16gb', '1g.16gb-me'] });
  assert.equal(r.verdict, 'unknown');
  assert.equal(r.feasible, null);
});

const errors = [
  ['no argument', () => core.check(), 'BAD_INPUT'],
  ['a string instead of an object', () => core.check('H100'), 'BAD_INPUT'],
  ['no gpu', () => core.check({ request: [] }), 'BAD_INPUT'],
  ['an unknown gpu', () => core.check({ gpu: 'H1000' }), 'UNKNOWN_GPU'],
  ['a fractional count', () => core.check({ gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: 1.5 }] }), 'BAD_COUNT'],
  ['a zero count', () => core.check({ gpu: 'A100-40GB', request: ['1g.5gb:0'] }), 'BAD_COUNT'],
  ['a huge count', () => core.check({ gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: 1e9 }] }), 'BAD_COUNT'],
  ['a request that is not a list', () => core.check({ gpu: 'A100-40GB', request: '1g.5gb' }), 'BAD_REQUEST'],
  ['a request item without profile', () => core.check({ gpu: 'A100-40GB', request: [{ count: 1 }] }), 'BAD_REQUEST'],
  ['a fixed item without start', () => core.check({ gpu: 'A100-40GB', fixed: [{ profile: '1g.5gb' }] }), 'BAD_FIXED'],
  ['a bad driver', () => core.check({ gpu: 'A100-40GB', driver: 'R5' }), 'BAD_DRIVER'],
  ['profiles of an unknown gpu', () => core.profiles('nope'), 'UNKNOWN_GPU'],
  ['profiles of a number', () => core.profiles(42), 'BAD_INPUT'],
  ['profiles without argument', () => core.profiles(), 'BAD_INPUT'],
  ['layouts without argument', () => core.layouts(), 'BAD_INPUT'],
  ['layouts of an unknown gpu', () => core.layouts('nope'), 'UNKNOWN_GPU'],
  ['layouts with a bad profile list', () => core.layouts('A100-40GB', { profiles: 'x' }), 'BAD_INPUT'],
  ['layouts of a model without placements', () => core.layouts('RTX-PRO-4500-32GB'), 'PLACEMENTS_UNKNOWN'],
  ['seed without input', () => core.seed(), 'BAD_SEED_INPUT'],
];
for (const [what, call, code] of errors) {
  test(`an error comes back as a value: ${what}`, () => {
    const r = call();
    assert.equal(r.error?.code, code, JSON.stringify(r));
    assert.ok(r.error.message.length > 10, 'a message for people');
  });
}

test('layouts() lists the maximal layouts; base keeps one plain profile per size', () => {
  const base = core.layouts('A100-40GB', { base: true });
  const all = core.layouts('A100-40GB');
  assert.equal(base.count, base.layouts.length);
  assert.ok(all.count > base.count);
  assert.ok(!base.profiles.some((p) => /[+-]/.test(p)), base.profiles.join());
  // Every base layout is maximal: no further base profile fits next to it.
  for (const l of base.layouts.slice(0, 10)) {
    const r = core.check({ gpu: 'A100-40GB', fixed: l.instances.map((i) => ({ profile: i.profile, start: i.start })) });
    for (const p of base.profiles) assert.equal(r.remaining[p], 0, `${p} still fits next to ${JSON.stringify(l.instances)}`);
  }
});

test('seed() matches the exercise on every golden case', () => {
  for (const c of fixture('seed_cases.json')) {
    const out = core.seed(c.input);
    if (c.output.error !== undefined || c.output.error_code) continue;
    assert.deepEqual(out, c.output, c.name);
  }
});
