// The page's pure helpers (web/lib/format.js, web/lib/diagram.js) on real answers of the wasm module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, webLib } from './module.mjs';

const format = webLib('format');
const diagram = webLib('diagram');
const core = await loadCore();
const gpus = core.gpus().gpus;
const gpu = (key) => gpus.find((g) => g.key === key);

test('the verdict sentence starts with Feasible, Not feasible or Unknown', () => {
  const ok = core.check({ gpu: 'H100-SXM5-80GB', request: ['3g.40gb', '2g.20gb', '1g.10gb:2'] });
  assert.match(format.verdictText(ok), /^Feasible — 4 instances\. Create in this order: 3g\.40gb at 4, /);
  const bad = core.check({ gpu: 'H100-SXM5-80GB', request: ['1g.10gb:8'] });
  assert.match(format.verdictText(bad), /^Not feasible — .*Largest part that fits: (1g\.10gb at \d, ){6}1g\.10gb at \d\.$/);
  assert.match(format.verdictText(core.check({ gpu: 'RTX-PRO-4500-32GB', request: ['1g.16gb', '1g.16gb-me'] })), /^Unknown — Exact placement on RTX-PRO-4500-32GB is unknown/);
  assert.match(format.verdictText(core.check({ gpu: 'nope' })), /^Unknown — Unknown GPU 'nope'/);
  assert.match(format.verdictText(core.check({ gpu: 'A30-24GB', request: [] })), /^Feasible — nothing requested yet/);
});

test('the GPU picker groups models by family in catalog order and flags inferred placements', () => {
  const groups = format.groupByFamily(gpus);
  assert.deepEqual(groups.flatMap((g) => g.gpus.map((x) => x.key)).sort(), gpus.map((g) => g.key).sort());
  assert.equal(new Set(groups.map((g) => g.family)).size, groups.length);
  const inferred = gpus.find((g) => g.placements_known && g.placements_inferred);
  assert.match(format.gpuLabel(inferred), /inferred/);
  assert.match(format.gpuLabel(gpu('RTX-PRO-4500-32GB')), /placements unknown/);
  assert.doesNotMatch(format.gpuLabel(gpu('H100-SXM5-80GB')), /inferred|unknown/);
});

test('driver options come from the catalog: minimum drivers and rules, newest first', () => {
  const options = format.driverOptions(gpus, core.profiles('A100-40GB'));
  for (const d of ['R450', 'R470', 'R510', 'R525', 'R535']) assert.ok(options.includes(d), d);
  const numbers = options.map((d) => Number(d.slice(1)));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
});

test('placements text parses as nvidia-smi prints it', () => {
  assert.deepEqual(format.placements('{0,4}:4'), { starts: [0, 4], size: 4 });
  assert.equal(format.placements(null), null);
});

test('the diagram puts a 3g.40gb at 4 over compute slices 4-6 and units 4-7, unit 7 memory-only', () => {
  const r = core.check({ gpu: 'H100-SXM5-80GB', request: ['3g.40gb'] });
  const geo = diagram.layout(gpu('H100-SXM5-80GB'), r.instances, r.stranded);
  assert.equal(geo.units, 8);
  assert.equal(geo.slices.length, 7);
  const b = geo.blocks[0];
  assert.deepEqual([b.compute, b.memory, b.memoryOnly], [{ from: 4, to: 7 }, { from: 4, to: 8 }, [{ from: 7, to: 8 }]]);
  assert.equal(b.cls, 'g3');
});

test('on RTX PRO 6000 a compute slice spans three placement units', () => {
  const r = core.check({ gpu: 'RTX-PRO-6000-96GB', request: ['1g.24gb'], fixed: [{ profile: '1g.24gb', start: 3 }] });
  const geo = diagram.layout(gpu('RTX-PRO-6000-96GB'), r.instances, r.stranded);
  assert.equal(geo.units, 12);
  assert.deepEqual(geo.slices.map((s) => [s.from, s.to]), [[0, 3], [3, 6], [6, 9], [9, 12]]);
  for (const b of geo.blocks) assert.deepEqual(b.compute, b.memory, 'no memory-only part');
});

test('the stranded compute slice of a 3g.40gb at 0 next to a 1g.20gb is marked', () => {
  const r = core.check({ gpu: 'H100-SXM5-80GB', fixed: [{ profile: '3g.40gb', start: 0 }] });
  const geo = diagram.layout(gpu('H100-SXM5-80GB'), r.instances, r.stranded);
  // The 3g.40gb at 0 covers units 0-3 but compute slices 0-2: slice 3 has no free unit left.
  assert.deepEqual(geo.slices.filter((s) => s.stranded).map((s) => s.index), [3]);
  assert.equal(r.stranded.compute_slices, 1);
});

test('the diagram splits each GPU instance into its compute instances, side by side over its compute slices', () => {
  const h100 = gpu('H100-SXM5-80GB');
  const mixed = core.check({ gpu: 'H100-SXM5-80GB', request: ['1c.3g.40gb', '2c.3g.40gb'] });
  const b = diagram.layout(h100, mixed.instances, mixed.stranded).blocks[0];
  assert.deepEqual([b.profile, b.start, b.compute], ['3g.40gb', 4, { from: 4, to: 7 }]);
  assert.deepEqual(b.cis, [{ profile: '2c.3g.40gb', from: 4, to: 6 }, { profile: '1c.3g.40gb', from: 6, to: 7 }]);
  assert.equal(format.ciText(b.compute_instances), '2c+1c');

  const six = core.check({ gpu: 'H100-SXM5-80GB', request: ['1c.3g.40gb:6'] });
  const blocks = diagram.layout(h100, six.instances, six.stranded).blocks;
  assert.deepEqual(blocks.map((x) => x.cis.map((c) => `${c.from}-${c.to}`)), [['0-1', '1-2', '2-3'], ['4-5', '5-6', '6-7']]);
  assert.deepEqual(blocks.map((x) => format.ciText(x.compute_instances)), ['3×1c', '3×1c']);
  assert.equal(format.verdictText(six), 'Feasible — 2 instances. Create in this order: 3g.40gb at 0 (3×1c), 3g.40gb at 4 (3×1c).');

  // A 7g.80gb: the 4c takes slices 0-3, then three 1c; a GPU instance without a split has no compute instances.
  const big = core.check({ gpu: 'H100-SXM5-80GB', request: ['1c.7g.80gb:3', '4c.7g.80gb'] });
  assert.deepEqual(diagram.layout(h100, big.instances, big.stranded).blocks[0].cis.map((c) => [c.profile, c.from, c.to]),
    [['4c.7g.80gb', 0, 4], ['1c.7g.80gb', 4, 5], ['1c.7g.80gb', 5, 6], ['1c.7g.80gb', 6, 7]]);
  assert.equal(format.ciText(big.instances[0].compute_instances), '4c+3×1c');
  const plain = core.check({ gpu: 'H100-SXM5-80GB', request: ['3g.40gb'] });
  assert.deepEqual(diagram.layout(h100, plain.instances, plain.stranded).blocks[0].cis, []);
  // Not feasible: the largest part that fits keeps its split (three 1c in each of two 3g.40gb).
  const over = core.check({ gpu: 'H100-SXM5-80GB', request: ['1c.3g.40gb:9'] });
  assert.deepEqual(over.largest_subset.instances.map((i) => format.ciText(i.compute_instances)), ['3×1c', '3×1c']);
});

test('the fragment round-trips compute-instance sub-profiles, + included', () => {
  const fragment = webLib('fragment');
  const state = Object.assign(fragment.defaultState(), { gpu: 'A30-24GB', req: [{ profile: '1c.2g.12gb+me', count: 2 }, { profile: '1c.4g.24gb', count: 4 }] });
  const hash = fragment.serialize(state);
  assert.match(hash, /req=1c\.2g\.12gb%2Bme:2,1c\.4g\.24gb:4/);
  assert.deepEqual(fragment.parse(hash).state.req, state.req);
  const names = core.profiles('A30-24GB').profiles.flatMap((p) => p.ci_profiles.map((c) => c.name));
  for (const r of state.req) assert.ok(names.includes(r.profile), `${r.profile} is one of A30's CI sub-profiles`);
});

test('the simplified model input is built from the GPU and the request', () => {
  const d = format.seedDefaults(core.profiles('A100-40GB'), [{ profile: '1g.5gb', count: 2 }, { profile: '3g.20gb', count: 1 }]);
  assert.deepEqual(d.cap, { total_sms: 98, total_memory_gb: 40 });
  assert.deepEqual(d.rows, [{ name: '1g.5gb', sms: 14, memory_gb: 5, count: 2 }, { name: '3g.20gb', sms: 42, memory_gb: 20, count: 1 }]);
  const out = core.seed(format.seedInput(d.cap, d.rows));
  assert.equal(out.feasible, true);
  assert.match(format.seedText(out), /^Feasible \(simplified model\)/);
});
