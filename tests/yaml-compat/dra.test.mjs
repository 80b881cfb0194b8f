// `migcalc export --format dra`: the YAML is read by npm `yaml` (YAML 1.2 and 1.1) to the same objects as the
// --json List, and the counters add up against the catalog (`migcalc profiles --json`): each device consumes the memory
// slices of its placement, no two devices of a layout share one, and no counter goes over the GPU's total.
//
// Run: node --test tests/yaml-compat/   (MIGCALC_BIN as in yaml-compat.test.mjs)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.MIGCALC_BIN || join(root, 'build', 'cli', 'migcalc');
if (!existsSync(bin)) throw new Error('migcalc is not built: run cmake --workflow --preset native, or set MIGCALC_BIN');

const run = (args) => execFileSync(bin, args, { encoding: 'utf8' });

function quantity(q) {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(q.value);
  assert.ok(m, `quantity ${q.value}`);
  return Number(m[1]) * 2 ** ({ undefined: 0, Ki: 10, Mi: 20, Gi: 30, Ti: 40 }[m[2]]);
}

/** Parse the YAML both ways, compare with the JSON, and return {totals, devices}. */
function readBoth(args) {
  const text = run(['export', '--format', 'dra', ...args]);
  const list = JSON.parse(run(['export', '--format', 'dra', '--json', ...args]));
  for (const version of ['1.2', '1.1']) {
    const docs = YAML.parseAllDocuments(text, { version });
    for (const d of docs) assert.deepEqual(d.errors, [], `YAML ${version} errors`);
    assert.deepEqual(docs.map((d) => d.toJS()), list.items, `YAML ${version} reads as the --json List`);
  }
  const totals = {};
  const devices = [];
  for (const s of list.items) {
    assert.equal(s.apiVersion, 'resource.k8s.io/v1');
    assert.equal(s.kind, 'ResourceSlice');
    assert.equal(s.spec.driver, 'gpu.nvidia.com');
    assert.equal(s.spec.pool.resourceSliceCount, list.items.filter((x) => x.spec.pool.name === s.spec.pool.name).length);
    assert.ok(!(s.spec.sharedCounters && s.spec.devices), 'a v1 slice has counters or devices, not both');
    for (const set of s.spec.sharedCounters ?? []) {
      for (const [k, v] of Object.entries(set.counters)) totals[`${s.spec.pool.name}/${set.name}/${k}`] = quantity(v);
    }
    for (const d of s.spec.devices ?? []) devices.push({ pool: s.spec.pool.name, ...d });
  }
  return { text, totals, devices };
}

function catalogProfiles(gpu) {
  const model = JSON.parse(run(['profiles', '--json', '--gpu', gpu]));
  return { model, byName: Object.fromEntries(model.profiles.map((p) => [p.name, p])) };
}

function checkDevices(gpu, { totals, devices }, { layout }) {
  const { byName } = catalogProfiles(gpu);
  const sums = {};
  for (const d of devices) {
    const p = byName[d.attributes.profile.string];
    assert.ok(p, `profile ${d.attributes.profile.string}`);
    const start = d.attributes['migcalc/placementStart'].int;
    const size = d.attributes['migcalc/placementSize'].int;
    const [, startsText, sizeText] = /^\{([\d,]*)\}:(\d+)$/.exec(p.placements);
    assert.equal(size, Number(sizeText), `${d.name} size`);
    assert.ok(startsText.split(',').map(Number).includes(start), `${d.name} start ${start}`);
    const [use] = d.consumesCounters;
    const slices = Object.keys(use.counters).filter((k) => k.startsWith('memory-slice-')).map((k) => Number(k.slice(13)));
    assert.deepEqual(slices.sort((a, b) => a - b), Array.from({ length: size }, (_, i) => start + i), `${d.name} memory slices`);
    if (p.sm != null && use.counters.multiprocessors) assert.equal(quantity(use.counters.multiprocessors), p.sm);
    for (const [k, v] of Object.entries(use.counters)) {
      const id = `${d.pool}/${use.counterSet}/${k}`;
      assert.ok(id in totals, `${d.name} consumes ${k}, not in the counter set`);
      assert.ok(quantity(v) <= totals[id], `${d.name}: ${k}`);
      sums[id] = (sums[id] ?? 0) + quantity(v);
    }
  }
  if (layout) for (const [k, v] of Object.entries(sums)) assert.ok(v <= totals[k], `the layout needs ${v} of ${k} (${totals[k]})`);
  return sums;
}

test('a model: every placement, each consuming its own memory slices', () => {
  for (const gpu of ['A100-40GB', 'H100-SXM5-80GB', 'RTX-PRO-6000-96GB', 'A30-24GB']) {
    const r = readBoth(['--gpu', gpu]);
    const { model } = catalogProfiles(gpu);
    const placements = model.profiles.reduce((n, p) => n + /^\{([\d,]*)\}/.exec(p.placements)[1].split(',').length, 0);
    assert.equal(r.devices.length, placements, `${gpu}: one device per placement`);
    const slices = Object.keys(r.totals).filter((k) => k.includes('/memory-slice-'));
    assert.equal(slices.length, model.placement_units, `${gpu}: one memory-slice counter per placement unit`);
    checkDevices(gpu, r, { layout: false });
  }
});

test('a layout: only its devices, every memory slice at most once, totals respected', () => {
  const r = readBoth(['--gpu', 'H100-SXM5-80GB', '3g.40gb', '2g.20gb', '1g.10gb:2']);
  assert.equal(r.devices.length, 4);
  const sums = checkDevices('H100-SXM5-80GB', r, { layout: true });
  for (let i = 0; i < 8; i++) assert.equal(sums[`example-node/gpu-0-counter-set/memory-slice-${i}`], 1);
});

test('a plan: one pool per group, each within its GPU', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-dra-'));
  const plan = join(dir, 'plan.json');
  writeFileSync(plan, JSON.stringify({ groups: [
    { model: 'A100-80GB', count: 2, instances: [{ profile: '4g.40gb', start: 0 }, { profile: '3g.40gb', start: 4 }] },
    { model: 'A100-80GB', count: 1, instances: [{ profile: '7g.80gb', start: 0 }] },
  ] }));
  const r = readBoth(['--plan', plan]);
  assert.equal(new Set(r.devices.map((d) => d.pool)).size, 2);
  checkDevices('A100-80GB', r, { layout: true });
});

test('RTX PRO 5000: no placements, PLACEMENTS_UNKNOWN and exit 3', () => {
  const p = spawnSync(bin, ['export', '--json', '--format', 'dra', '--gpu', 'RTX-PRO-5000-48GB'], { encoding: 'utf8' });
  assert.equal(p.status, 3);
  assert.equal(JSON.parse(p.stdout).error.code, 'PLACEMENTS_UNKNOWN');
});
