// The three builds of the module (single file for file:// and Node, core-only and full with a separate .wasm
// for http) answer alike, and the core-only build holds only what the first verdict needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, loadHttpCore, loadFullHttpCore, fixture, ROOT } from './module.mjs';

const CORE = ['gpus', 'catalogVersion', 'profiles', 'check'];
const FULL_ONLY = ['layouts', 'seed', 'exportLayout', 'generateConfig', 'validateConfig', 'importGpu', 'importState', 'plan'];

test('the http builds and the single-file build give the same answers on every golden scenario', async () => {
  const single = await loadCore();
  for (const http of [await loadHttpCore(), await loadFullHttpCore()]) {
    assert.deepEqual(http.gpus(), single.gpus());
    for (const s of fixture('scenarios.json')) {
      const input = { gpu: s.gpu, request: s.request, fixed: s.fixed, driver: s.driver };
      assert.deepEqual(http.check(input), single.check(input), s.name);
    }
  }
  const full = await loadFullHttpCore();
  assert.deepEqual(full.layouts('A100-40GB'), single.layouts('A100-40GB'));
  const seed = fixture('seed_cases.json')[0];
  assert.deepEqual(full.seed(seed.input), single.seed(seed.input));
});

test('the core-only http build has the first verdict\'s functions and none of the interop or planner ones', async () => {
  const core = await loadHttpCore();
  for (const f of CORE) assert.equal(typeof core[f], 'function', f);
  for (const f of FULL_ONLY) assert.equal(core[f], undefined, f);
});

test('the full http build has every function and answers the interop and planner calls like the single file', async () => {
  const single = await loadCore();
  const full = await loadFullHttpCore();
  for (const f of [...CORE, ...FULL_ONLY]) assert.equal(typeof full[f], 'function', f);
  const request = { gpu: 'H100-SXM5-80GB', request: ['3g.40gb:1', '1g.10gb:2'], format: 'mig-parted' };
  assert.deepEqual(full.exportLayout(request), single.exportLayout(request));
  const config = readFileSync(`${ROOT}tests/fixtures/interop/mig-parted-example-dgx-a100.yaml`, 'utf8');
  assert.deepEqual(full.validateConfig(config), single.validateConfig(config));
  const plan = fixture('plan/issue-example.json');
  const a = full.plan(plan);
  const b = single.plan(plan);
  assert.ok(a.plan, JSON.stringify(a).slice(0, 300));
  delete a.plan.solve_ms;
  delete b.plan.solve_ms;
  assert.deepEqual(a, b);
});

test('the core-only http build leaves the catalog\'s source texts and notes out and says so; the full builds have them', async () => {
  const core = await loadHttpCore();
  const full = await loadFullHttpCore();
  const single = await loadCore();
  for (const gpu of single.gpus().gpus) {
    const lean = core.profiles(gpu.key);
    const whole = full.profiles(gpu.key);
    assert.equal(lean.sources_omitted, true, gpu.key);
    assert.deepEqual([lean.sources, lean.notes, lean.min_driver_note], [[], [], ''], gpu.key);
    assert.equal(whole.sources_omitted, undefined, gpu.key);
    assert.ok(whole.sources.length > 0, `${gpu.key} has no sources in the full build`);
    assert.deepEqual(whole, single.profiles(gpu.key));
    // Everything else is the same, profile by profile (their notes aside).
    const strip = (p) => ({ ...p, sources: [], notes: [], min_driver_note: '', sources_omitted: true, profiles: p.profiles.map(({ notes, ...rest }) => rest) });
    assert.deepEqual(strip(lean), strip(whole), gpu.key);
  }
});

test('the core-only http build is much smaller than the full one', () => {
  const core = readFileSync(`${ROOT}web/migcalc-http.wasm`).length;
  const full = readFileSync(`${ROOT}web/migcalc-full-http.wasm`).length;
  assert.ok(core < full * 0.75, `core ${core} B, full ${full} B`);
});
