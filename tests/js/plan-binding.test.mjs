// plan() of the full module (web/migcalc.js) answers what `migcalc plan --json` prints for the same file
// (MIGCALC_BIN, or build/cli/migcalc when built); every layout it returns is one check() calls feasible; bad input
// is an error value. The page's per-model comparison runs (web/lib/fleet.js) give the CLI's --compare rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadCore, loadHttpCore, loadFullHttpCore, fixture, webLib, ROOT } from './module.mjs';

const core = await loadCore();
const fleet = webLib('fleet');
const CLI = process.env.MIGCALC_BIN || `${ROOT}build/cli/migcalc`;
const haveCli = existsSync(CLI);
// The CLI is part of the build the tests run on: missing, these comparisons fail rather than skip.
if (!haveCli) throw new Error(`migcalc binary not found or not working at ${CLI}; build it or set MIGCALC_BIN`);
const EXAMPLE = `${ROOT}tests/fixtures/plan/issue-example.json`;

/// The answer without its timings (solve_ms differs from run to run).
function untimed(x) {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'solve_ms' ? undefined : v)));
}

function cliPlan(file, extra = []) {
  const r = spawnSync(CLI, ['plan', file, '--json', ...extra], { encoding: 'utf8' });
  return { status: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
}

test('plan() of the issue example equals `migcalc plan --json` of the same file, compare included', () => {
  const input = fixture('plan/issue-example.json');
  const answer = core.plan(input);
  assert.equal(answer.error, undefined, JSON.stringify(answer.error));
  const c = cliPlan(EXAMPLE);
  assert.equal(c.status, 0, c.stderr);
  assert.deepEqual(untimed(answer.plan), untimed(c.json));
  assert.equal(answer.compare, undefined);
  // The same as JSON text, with the comparison (the CLI puts it inside the plan).
  const both = core.plan(JSON.stringify(Object.assign({}, input, { compare: true })));
  const cc = cliPlan(EXAMPLE, ['--compare']);
  assert.deepEqual(untimed(both.compare), untimed(cc.json.compare));
  delete cc.json.compare;
  assert.deepEqual(untimed(both.plan), untimed(cc.json));
});

test('a demand beyond the fixtures (10,000 × 1g.10gb plus workloads on two models) matches the CLI too', () => {
  const input = { demand: [{ profile: '1g.10gb', count: 10000, model: 'H100-SXM5-80GB' }, { profile: '3g.40gb', count: 333 }],
    workloads: [{ name: 'big', memory_gib: 70, count: 50 }, { name: 'tiny', memory_gib: 3, count: 777, media: true }],
    gpus: [{ model: 'H100-SXM5-80GB', cost: 3 }, { model: 'A100-80GB', cost: 2, available: 100 }] };
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-plan-'));
  writeFileSync(join(dir, 'big.json'), JSON.stringify(input));
  const answer = core.plan(input);
  const c = cliPlan(join(dir, 'big.json'));
  assert.deepEqual(untimed(answer.plan), untimed(c.json));
  assert.ok(answer.plan.total_gpus >= 1429, 'at least 10,000 / 7 GPUs for the 1g.10gb alone');
});

test('every group of the plan is a layout check() calls feasible, and the groups cover the demand', () => {
  const input = fixture('plan/issue-example.json');
  const { plan } = core.plan(input);
  let gpus = 0;
  const placed = new Map();
  for (const g of plan.groups) {
    const v = core.check({ gpu: g.model, fixed: g.instances.map((i) => ({ profile: i.profile, start: i.start })) });
    assert.equal(v.verdict, 'feasible', `${g.model}: ${fleet.layoutText(g)} — ${JSON.stringify(v.reasons)}`);
    gpus += g.count;
    for (const i of g.instances) placed.set(`${g.model}|${i.profile}`, (placed.get(`${g.model}|${i.profile}`) || 0) + g.count);
  }
  assert.equal(gpus, plan.total_gpus);
  // Each demanded profile is placed at least as often as asked (workloads take further instances).
  for (const d of input.demand) assert.ok((placed.get(`${d.model}|${d.profile}`) || 0) >= d.count, `${d.profile}`);
  const assigned = plan.assignments.filter((a) => a.demand === 'llm-8b').reduce((a, x) => a + x.count, 0);
  assert.equal(assigned, 10);
  assert.ok(plan.lower_bound <= plan.cost + 1e-9);
  assert.equal(plan.gap, 0);
});

test('random demands beyond the fixtures: layouts check() calls feasible cover the demand; the CLI agrees', () => {
  let seed = 20261129;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const models = ['H100-SXM5-80GB', 'A100-80GB', 'A100-40GB', 'A30-24GB', 'H200-SXM-141GB'];
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-plan-'));
  for (let k = 0; k < 12; k++) {
    const inv = models.filter(() => rand(2)).slice(0, 3);
    if (!inv.length) inv.push(models[k % models.length]);
    const f = { demand: [], workloads: [], inventory: inv.map((m) => ({ model: m, available: null, cost: rand(2) ? 1 + rand(40) / 10 : null })), compare: false };
    for (const m of inv) {
      const names = core.profiles(m).profiles.map((p) => p.name).filter((n) => !/\+|-me/.test(n));
      for (let j = rand(3); j > 0; j--) f.demand.push({ model: m, profile: names[rand(names.length)], count: 1 + rand(k < 6 ? 30 : 3000) });
    }
    if (rand(2)) f.workloads.push({ name: 'w', memory_gib: 1 + rand(60), count: 1 + rand(200), min_compute_slices: rand(2) ? 1 + rand(3) : null, media: !!rand(2) });
    const input = fleet.planInput(f, 2);
    const { plan, error } = core.plan(input);
    assert.equal(error, undefined, JSON.stringify({ input, error }));
    const placed = new Map();
    for (const g of plan.groups) {
      const v = core.check({ gpu: g.model, fixed: g.instances.map((i) => ({ profile: i.profile, start: i.start })) });
      assert.equal(v.verdict, 'feasible', `${g.model}: ${fleet.layoutText(g)}`);
      for (const i of g.instances) placed.set(`${g.model}|${i.profile}`, (placed.get(`${g.model}|${i.profile}`) || 0) + g.count);
    }
    assert.equal(plan.groups.reduce((a, g) => a + g.count, 0), plan.total_gpus);
    const unmet = new Map(plan.unmet.map((u) => [u.demand, u.count]));
    const asked = new Map();
    for (const d of input.demand) asked.set(`${d.model}|${d.profile}`, (asked.get(`${d.model}|${d.profile}`) || 0) + d.count);
    for (const [key, n] of asked) {
      const [model, profile] = key.split('|');
      assert.ok((placed.get(key) || 0) + (unmet.get(`${profile} (${model})`) || 0) >= n, `${key}: ${n} asked`);
    }
    for (const w of input.workloads) {
      const got = plan.assignments.filter((a) => a.demand === w.name).reduce((a, x) => a + x.count, 0);
      assert.equal(got + (unmet.get(w.name) || 0), w.count, `workload ${w.name}`);
    }
    if (plan.optimal) assert.equal(plan.gap, 0);
    assert.ok(plan.lower_bound <= (plan.objective === 'cost' ? plan.cost : plan.total_gpus) + 1e-6);
    if (plan.time_limit_hit) continue; // where the clock stopped the search, the two runs may differ
    writeFileSync(join(dir, 'r.json'), JSON.stringify(input));
    const c = cliPlan(join(dir, 'r.json'));
    assert.deepEqual(untimed(plan), untimed(c.json), `random demand ${k}`);
  }
});

test("the page's comparison runs (one plan() per model) give the rows of plan({compare: true})", () => {
  const input = fixture('plan/issue-example.json');
  input.gpus.push({ model: 'A30-24GB' });
  const catalog = { names: (m) => core.profiles(m).profiles.map((p) => p.name) };
  const expected = core.plan(Object.assign({}, input, { compare: true })).compare;
  const rows = fleet.compareSteps(input, catalog).map((s) => fleet.compareRow(s, core.plan(s.input)));
  assert.deepEqual(rows.map((r) => r.model), expected.map((r) => r.model));
  for (const [i, r] of rows.entries()) {
    for (const k of ['total_gpus', 'cost', 'lower_bound', 'optimal', 'unmet_instances', 'stranded', 'utilization']) assert.deepEqual(r[k], expected[i][k], `${r.model} ${k}`);
  }
  assert.ok(rows[2].unmet_instances > 0, 'the A30 has none of the H100 profiles');
});

test('bad input is an error value that says what is wrong', () => {
  const cases = [
    [{ demand: [{ profile: '1g.10gb', count: 1 }], gpus: ['H1000'] }, 'UNKNOWN_GPU', /Unknown GPU 'H1000'/],
    [{ demand: [{ profile: '1g.10gb', count: -1 }], gpus: ['H100-SXM5-80GB'] }, 'BAD_COUNT', /demand\[0\]\.count is -1; it must be a whole number from 0/],
    [{ demand: [{ profile: '1g.5gb', count: 1 }], gpus: ['H100-SXM5-80GB'] }, 'UNKNOWN_PROFILE', /no profile '1g\.5gb'/],
    [{ demand: [], gpus: [] }, 'BAD_DEMAND', /lists no GPU model/],
    [{ demand: [], gpus: ['H100-SXM5-80GB'], colour: 'red' }, 'BAD_PLAN_FILE', /colour/],
    ['{not json', 'BAD_PLAN_FILE', /./],
    [42, 'BAD_INPUT', /plan\(\) takes a plan/],
    [null, 'BAD_INPUT', /plan\(\) takes a plan/],
    [undefined, 'BAD_INPUT', /plan\(\) takes a plan/],
  ];
  for (const [input, code, why] of cases) {
    const r = input === undefined ? core.plan() : core.plan(input);
    assert.ok(r.error, JSON.stringify(input));
    assert.equal(r.error.code, code, `${JSON.stringify(input)}: ${r.error.message}`);
    assert.match(r.error.message, why);
  }
});

test('the http full module (the worker loads it) has plan() with the same answer; the core-only module has none', async () => {
  const full = await loadFullHttpCore();
  const input = fixture('plan/issue-example.json');
  assert.deepEqual(untimed(full.plan(input)), untimed(core.plan(input)));
  const coreOnly = await loadHttpCore();
  assert.equal(typeof coreOnly.plan, 'undefined');
  assert.equal(typeof coreOnly.check, 'function');
});
