// The fleet planner's pure logic (web/lib/fleet.js) and its keys in the URL fragment (web/lib/fragment.js):
// round trips with '+' and percent-encoding, malformed fleet fragments, the draft's validation sentences, the
// plan() input and the comparison runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webLib, loadCore } from './module.mjs';

const fragment = webLib('fragment');
const fleet = webLib('fleet');

// A catalog of two models (names as in the real catalog; the lib only needs the profile names).
const PROFILES = {
  'H100-SXM5-80GB': ['1g.10gb', '1g.10gb+me', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  'A100-80GB': ['1g.10gb', '1g.10gb+me', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  'A30-24GB': ['1g.6gb', '1g.6gb+me', '2g.12gb', '2g.12gb+me', '4g.24gb'],
};
const catalog = { names: (m) => PROFILES[m] || null };

const withFleet = (f, extra) => Object.assign(fragment.defaultState(), { mode: 'fleet', fleet: f }, extra || {});

test('the default fleet round-trips through the fragment and is valid', () => {
  const s = withFleet(fleet.defaultFleet());
  const hash = fragment.serialize(s);
  assert.match(hash, /&mode=fleet&demand=H100-SXM5-80GB\/1g\.10gb:40,/);
  assert.match(hash, /&work=llm-8b:18:10,video:8:4:media&inv=H100-SXM5-80GB:16:2\.5,A100-80GB::1\.5$/);
  const r = fragment.parse(hash);
  assert.equal(r.error, null);
  assert.deepEqual(r.state, s);
  assert.equal(fleet.problemWith(r.state.fleet, catalog), null);
});

test("fleet names with '+', spaces and percent-encoding survive; a literal '+' stays '+'", () => {
  const f = {
    demand: [{ model: 'A30-24GB', profile: '1g.6gb+me', count: 3 }, { model: 'H100-SXM5-80GB', profile: '1g.10gb+me', count: 0 }],
    workloads: [{ name: 'llm 70b/int4', memory_gib: 37.5, count: 2, min_compute_slices: 3, media: false },
      { name: 'decode', memory_gib: 4, count: 1, min_compute_slices: 0, media: true }],
    inventory: [{ model: 'A30-24GB', available: 0, cost: null }, { model: 'H100-SXM5-80GB', available: null, cost: 0.125 }],
    compare: true, existing: [], driver: 'newest', time_limit_s: null,
  };
  const hash = fragment.serialize(withFleet(f));
  assert.ok(hash.includes('A30-24GB/1g.6gb%2Bme:3'), hash);
  assert.ok(!hash.includes('+'), hash);
  assert.ok(hash.includes('work=llm%2070b%2Fint4:37.5:2:3,decode:4:1:0:media'), hash);
  assert.ok(hash.includes('inv=A30-24GB:0,H100-SXM5-80GB::0.125&compare=1'), hash);
  assert.deepEqual(fragment.parse(hash).state.fleet, f);
  // Hand-written: literal '+', items percent-encoded, a whole list percent-encoded with %2C.
  const a = fragment.parse('#mode=fleet&demand=A30-24GB/1g.6gb+me:3&inv=A30-24GB').state.fleet;
  const b = fragment.parse('#mode=fleet&demand=A30-24GB%2F1g.6gb%2Bme%3A3&inv=A30-24GB').state.fleet;
  const c = fragment.parse('#mode=fleet&demand=A30-24GB/1g.6gb%2Bme:3%2CA30-24GB/4g.24gb&inv=A30-24GB').state.fleet;
  assert.deepEqual(a.demand, [{ model: 'A30-24GB', profile: '1g.6gb+me', count: 3 }]);
  assert.deepEqual(b.demand, a.demand);
  assert.deepEqual(c.demand, [a.demand[0], { model: 'A30-24GB', profile: '4g.24gb', count: 1 }]);
  assert.deepEqual(a.workloads, []);
  assert.equal(a.compare, false);
  assert.deepEqual([a.existing, a.driver, a.time_limit_s], [[], 'newest', null]);
});

test("existing GPUs, the fleet's driver and time limit round-trip; '+' in an existing profile survives", () => {
  const f = Object.assign(fleet.defaultFleet(), {
    existing: [{ model: 'H100-SXM5-80GB', count: 2, instances: [{ profile: '3g.40gb', start: 4 }, { profile: '1g.10gb+me', start: 0 }] },
      { model: 'A30-24GB', count: 1, instances: [] }, { model: 'A100-80GB', count: 0, instances: [{ profile: '7g.80gb', start: 0 }] }],
    driver: 'R535', time_limit_s: 2.5,
  });
  const hash = fragment.serialize(withFleet(f));
  assert.ok(hash.includes('&exist=H100-SXM5-80GB:2/3g.40gb@4;1g.10gb%2Bme@0,A30-24GB:1,A100-80GB:0/7g.80gb@0&fdriver=R535&flimit=2.5'), hash);
  const r = fragment.parse(hash);
  assert.equal(r.error, null);
  assert.deepEqual(r.state.fleet, f);
  assert.equal(fleet.problemWith(r.state.fleet, catalog), null);
  // Hand-written: literal '+', count 1 when missing, no '/' = no instances, the whole value percent-encoded.
  const a = fragment.parse('#mode=fleet&exist=H100-SXM5-80GB/1g.10gb+me@0;3g.40gb@4,A30-24GB&fdriver=r535&flimit=60').state.fleet;
  assert.deepEqual(a.existing, [{ model: 'H100-SXM5-80GB', count: 1, instances: [{ profile: '1g.10gb+me', start: 0 }, { profile: '3g.40gb', start: 4 }] }, { model: 'A30-24GB', count: 1, instances: [] }]);
  assert.deepEqual([a.driver, a.time_limit_s], ['R535', 60]);
  const b = fragment.parse(`#mode=fleet&exist=${encodeURIComponent('H100-SXM5-80GB:1/1g.10gb+me@0;3g.40gb@4,A30-24GB')}`).state.fleet;
  assert.deepEqual(b.existing, a.existing);
  // Any one of the new keys gives a fleet (the rest empty or default); defaults are not written.
  assert.deepEqual(fragment.parse('#mode=fleet&fdriver=R550').state.fleet.driver, 'R550');
  assert.ok(!fragment.serialize(withFleet(fleet.defaultFleet())).match(/exist=|fdriver=|flimit=/));
});

test('malformed existing GPUs, driver or time limit in a link name the problem', () => {
  const cases = [
    ['#mode=fleet&exist=H100-SXM5-80GB:2/3g.40gb', /existing instance '3g\.40gb' of H100-SXM5-80GB is not PROFILE@START/],
    ['#mode=fleet&exist=H100-SXM5-80GB:2/3g.40gb@65', /start of 3g\.40gb on existing H100-SXM5-80GB 65 is outside 0\.\.64/],
    ['#mode=fleet&exist=H100-SXM5-80GB:x/3g.40gb@4', /count of existing H100-SXM5-80GB 'x' is not a whole number/],
    ['#mode=fleet&exist=:2/3g.40gb@4', /existing item ':2\/3g\.40gb@4' is not MODEL\[:COUNT\]/],
    ['#mode=fleet&exist=H100-SXM5-80GB:1:2', /is not MODEL\[:COUNT\]/],
    ['#mode=fleet&exist=H100-SXM5-80GB/3g.40gb@4;;1g.10gb@0', /existing instance '' of H100-SXM5-80GB is not PROFILE@START/],
    ['#mode=fleet&fdriver=535', /fleet driver \(fdriver\) '535' is not 'newest' or a branch such as R535/],
    ['#mode=fleet&flimit=0.05', /time limit \(flimit\) '0\.05' is not a number of seconds from 0\.1 to 60/],
    ['#mode=fleet&flimit=61', /time limit \(flimit\) '61'/],
    ['#mode=fleet&flimit=fast', /time limit \(flimit\) 'fast'/],
  ];
  for (const [hash, why] of cases) {
    const r = fragment.parse(hash);
    assert.match(r.error || '', why, hash);
    assert.equal(r.state.fleet, null, hash);
    assert.equal(r.state.mode, 'fleet', hash);
  }
  // Well-formed but unknown to the catalog: problemWith says which row.
  const f = fragment.parse('#mode=fleet&demand=&inv=H100-SXM5-80GB&exist=H100-SXM5-80GB/1g.5gb@0').state.fleet;
  assert.match(fleet.problemWith(f, catalog), /^existing row 1: H100-SXM5-80GB has no profile '1g\.5gb'; its profiles: 1g\.10gb, /);
  const g = fragment.parse('#mode=fleet&inv=H100-SXM5-80GB&exist=H1000/1g.10gb@0').state.fleet;
  assert.match(fleet.problemWith(g, catalog), /^existing row 1: 'H1000' is not a catalog GPU/);
});

test('readDraft of existing GPUs and options: instances as typed text, each bad field with what is valid', () => {
  const d = fleet.toDraft(fleet.defaultFleet());
  assert.deepEqual([d.existing, d.driver, d.time_limit_s], [[], 'newest', '']);
  d.existing = [
    { model: 'H100-SXM5-80GB', count: '1', instances: ' 3g.40gb@4, 1g.10gb+me@0  2g.20gb@2 ' },
    { model: 'A30-24GB', count: '', instances: '' },
    { model: 'A30-24GB', count: '2', instances: '4g.24gb 1g.6gb@x,2g.12gb@1' },
    { model: 'A30-24GB', count: '1', instances: '4g.24gb@0 3g.40gb@4 1g.5gb@0' },
    { model: 'A30-24GB', count: '1', instances: '1g.6gb@65' },
    { model: 'B9', count: '1', instances: '1g.6gb@0' },
  ];
  d.time_limit_s = '0.01';
  d.driver = 'R535';
  const { fleet: none, errors } = fleet.readDraft(d, catalog);
  assert.equal(none, null);
  const by = (list, index, field) => errors.find((e) => e.list === list && e.index === index && e.field === field)?.message;
  assert.equal(by('existing', 0, 'instances'), undefined);
  assert.equal(by('existing', 1, 'count'), 'Count must be a whole number from 0 to 1,000,000.');
  assert.equal(by('existing', 1, 'instances'), undefined, 'no instances is an empty MIG GPU');
  assert.equal(by('existing', 2, 'instances'), "'4g.24gb', '1g.6gb@x' are not PROFILE@START (a profile, '@' and a start from 0 to 64, such as 1g.6gb@0); separate instances by spaces or commas.");
  assert.equal(by('existing', 3, 'instances'), "A30-24GB has no profile '3g.40gb', '1g.5gb'; its profiles: 1g.6gb, 1g.6gb+me, 2g.12gb, 2g.12gb+me, 4g.24gb.");
  assert.match(by('existing', 4, 'instances'), /'1g\.6gb@65' is not PROFILE@START/);
  assert.equal(by('existing', 5, 'model'), "'B9' is not a catalog GPU; pick one from the list.");
  assert.equal(by('options', -1, 'time_limit_s'), "Time limit must be empty (the page's default) or seconds from 0.1 to 60 (such as 2.5), not '0.01'.");
  assert.equal(errors.length, 6);
  // Fixed, the draft reads back as the fleet: instances parsed, the driver and the limit kept.
  d.existing = d.existing.slice(0, 2);
  d.existing[1].count = '3';
  d.time_limit_s = ' 12.5 ';
  const ok = fleet.readDraft(d, catalog);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.fleet.existing, [
    { model: 'H100-SXM5-80GB', count: 1, instances: [{ profile: '3g.40gb', start: 4 }, { profile: '1g.10gb+me', start: 0 }, { profile: '2g.20gb', start: 2 }] },
    { model: 'A30-24GB', count: 3, instances: [] }]);
  assert.deepEqual([ok.fleet.driver, ok.fleet.time_limit_s], ['R535', 12.5]);
  // toDraft writes instances as the text the field shows, and back.
  assert.equal(fleet.toDraft(ok.fleet).existing[0].instances, '3g.40gb@4 1g.10gb+me@0 2g.20gb@2');
  assert.deepEqual(fleet.readDraft(fleet.toDraft(ok.fleet), catalog).fleet, ok.fleet);
});

test("planInput and compareSteps with existing GPUs, a driver and a time limit (the page's default and bound)", () => {
  const f = Object.assign(fleet.defaultFleet(), {
    existing: [{ model: 'H100-SXM5-80GB', count: 2, instances: [{ profile: '3g.40gb', start: 4 }] }, { model: 'A30-24GB', count: 0, instances: [] },
      { model: 'A100-80GB', count: 1, instances: [] }],
    driver: 'R535',
  });
  const input = fleet.planInput(f, 3, 60);
  assert.deepEqual(input.existing, [{ model: 'H100-SXM5-80GB', count: 2, instances: [{ profile: '3g.40gb', start: 4 }] }, { model: 'A100-80GB', count: 1, instances: [] }]);
  assert.equal(input.driver, 'R535');
  assert.equal(input.time_limit_s, 3, 'no limit of its own: the default');
  assert.equal(fleet.planInput(Object.assign({}, f, { time_limit_s: 12.5 }), 3, 60).time_limit_s, 12.5);
  assert.equal(fleet.planInput(Object.assign({}, f, { time_limit_s: 12.5 }), 1, 1).time_limit_s, 1, 'file://: at most the default');
  assert.equal(fleet.planInput(Object.assign({}, f, { time_limit_s: 0.5 }), 1, 1).time_limit_s, 0.5);
  const plain = fleet.planInput(fleet.defaultFleet(), 3, 60);
  assert.equal('existing' in plain || 'driver' in plain, false);
  // Each model alone keeps only its own existing GPUs, as the core's compareModels does.
  const steps = fleet.compareSteps(input, catalog);
  assert.deepEqual(steps[0].input.existing, [input.existing[0]]);
  assert.deepEqual(steps[1].input.existing, [input.existing[1]]);
  assert.equal(steps[0].input.driver, 'R535');
  const noExisting = fleet.compareSteps(Object.assign({}, input, { existing: [input.existing[0]] }), catalog);
  assert.equal('existing' in noExisting[1].input, false);
  // A planner error about existing GPUs names the rows of its model.
  const err = { code: 'BAD_EXISTING', message: 'Existing H100-SXM5-80GB: 3g.40gb cannot start at 3 (allowed: {0,4}:4).' };
  assert.deepEqual(fleet.existingRowsOf(err, f), [0]);
  assert.deepEqual(fleet.existingRowsOf({ code: 'BAD_DEMAND', message: 'Existing H100-SXM5-80GB: x' }, f), []);
});

test('without fleet keys the fleet is null (the page shows its example); mode=fleet needs no gpu', () => {
  assert.equal(fragment.parse('#gpu=A100-40GB&req=3g.20gb').state.fleet, null);
  const r = fragment.parse('#v=1&mode=fleet');
  assert.equal(r.error, null);
  assert.equal(r.state.mode, 'fleet');
  assert.equal(r.state.gpu, fragment.defaultState().gpu);
  assert.equal(r.state.fleet, null);
  assert.ok(!fragment.serialize(fragment.defaultState()).includes('demand='));
  // Without inv the inventory is the demand's models (no limit, cost 1); inv= is an empty inventory.
  const d = fragment.parse('#mode=fleet&demand=A30-24GB/4g.24gb:2,H100-SXM5-80GB/1g.10gb,A30-24GB/1g.6gb:1').state.fleet;
  assert.deepEqual(d.inventory, [{ model: 'A30-24GB', available: null, cost: null }, { model: 'H100-SXM5-80GB', available: null, cost: null }]);
  assert.equal(fleet.problemWith(d, catalog), null);
  assert.deepEqual(fragment.parse('#mode=fleet&demand=A30-24GB/4g.24gb:2&inv=').state.fleet.inventory, []);
});

test('a malformed fleet fragment names the problem and falls back to the defaults, staying in the fleet view', () => {
  const cases = [
    ['#mode=fleet&demand=H100-SXM5-80GB/1g.10gb:-1', /count of 1g\.10gb '-1' is not a whole number from 0 to 1000000/],
    ['#mode=fleet&demand=H100-SXM5-80GB/1g.10gb:2000000', /count of 1g\.10gb '2000000'/],
    ['#mode=fleet&demand=1g.10gb:4', /demand item '1g\.10gb:4' is not MODEL\/PROFILE:COUNT/],
    ['#mode=fleet&demand=H100-SXM5-80GB/:4', /is not MODEL\/PROFILE:COUNT/],
    ['#mode=fleet&work=llm:abc:2', /memory of llm 'abc' is not a number above 0/],
    ['#mode=fleet&work=llm:0:2', /memory of llm '0' is not a number above 0/],
    ['#mode=fleet&work=llm:8', /workload 'llm:8' is not NAME:GIB:COUNT/],
    ['#mode=fleet&work=llm:8:1:x', /minimum compute slices of llm 'x' is not a whole number/],
    ['#mode=fleet&work=llm:8:1:2:3', /is not NAME:GIB:COUNT\[:MIN_SLICES\]\[:media\]/],
    ['#mode=fleet&inv=H100-SXM5-80GB:many', /available H100-SXM5-80GB 'many'/],
    ['#mode=fleet&inv=H100-SXM5-80GB:1:0', /cost of H100-SXM5-80GB '0' is not a number above 0/],
    ['#mode=fleet&inv=H100-SXM5-80GB:1:2:3', /inventory item 'H100-SXM5-80GB:1:2:3' is not MODEL\[:AVAILABLE\[:COST\]\]/],
    ['#mode=fleet&compare=yes', /compare 'yes' is not 1 or 0/],
    ['#mode=fleet&demand=%E0%A4%A', /not valid percent-encoding/],
    ['#mode=fleet&inv=A&inv=B', /key 'inv' appears twice/],
    ['#mode=fleets', /mode 'fleets' is not 'exact', 'seed' or 'fleet'/],
  ];
  for (const [hash, why] of cases) {
    const r = fragment.parse(hash);
    assert.match(r.error || '', why, hash);
    assert.match(r.error, /^The link could not be read: .*Showing the default state instead\.$/, hash);
    assert.equal(r.state.fleet, null, hash);
    assert.equal(r.state.mode, hash === '#mode=fleets' ? 'exact' : 'fleet', hash);
  }
});

test('problemWith: a well-formed link naming an unknown model or profile, or a demand model missing from the inventory', () => {
  const f = fragment.parse('#mode=fleet&demand=H100-SXM5-80GB/1g.5gb:2&inv=H100-SXM5-80GB').state.fleet;
  assert.match(fleet.problemWith(f, catalog), /^demand row 1: H100-SXM5-80GB has no profile '1g\.5gb'; its profiles: 1g\.10gb, /);
  const g = fragment.parse('#mode=fleet&inv=H1000').state.fleet;
  assert.match(fleet.problemWith(g, catalog), /inventory row 1: 'H1000' is not a catalog GPU/);
  const h = fragment.parse('#mode=fleet&demand=A30-24GB/4g.24gb:1&inv=H100-SXM5-80GB').state.fleet;
  assert.match(fleet.problemWith(h, catalog), /A30-24GB is not in the inventory: add it there, or pick a model from it \(H100-SXM5-80GB\)/);
  const e = fragment.parse('#mode=fleet&inv=').state.fleet;
  assert.match(fleet.problemWith(e, catalog), /^inventory: The inventory is empty/);
});

test('readDraft: every bad field gets a sentence naming what is valid; the good draft gives the fleet back', () => {
  const good = fleet.toDraft(fleet.defaultFleet());
  assert.deepEqual(fleet.readDraft(good, catalog), { fleet: fleet.defaultFleet(), errors: [] });
  const d = fleet.toDraft(fleet.defaultFleet());
  d.demand[0].count = '-3';
  d.demand[1].count = 'twelve';
  d.demand[2].profile = '1g.5gb';
  d.workloads[0].memory_gib = '';
  d.workloads[0].min_compute_slices = '1.5';
  d.workloads[1].name = 'a,b';
  d.inventory[0].available = '-1';
  d.inventory[1].cost = '0';
  d.inventory.push({ model: 'A100-80GB', available: '', cost: '' });
  const { fleet: none, errors } = fleet.readDraft(d, catalog);
  assert.equal(none, null);
  const by = (list, index, field) => errors.find((e) => e.list === list && e.index === index && e.field === field)?.message;
  assert.equal(by('demand', 0, 'count'), "Count must be a whole number from 0 to 1,000,000, not '-3'.");
  assert.equal(by('demand', 1, 'count'), "Count must be a whole number from 0 to 1,000,000, not 'twelve'.");
  assert.match(by('demand', 2, 'profile'), /^H100-SXM5-80GB has no profile '1g\.5gb'; its profiles: 1g\.10gb, 1g\.10gb\+me, /);
  assert.match(by('workloads', 0, 'memory_gib'), /^Memory must be a number above 0 and at most 100,000 \(such as 18 or 9\.5\)\.$/);
  assert.match(by('workloads', 0, 'min_compute_slices'), /^Minimum compute slices must be empty \(any\) or a whole number from 0 to 1,000, not '1\.5'\.$/);
  assert.match(by('workloads', 1, 'name'), /cannot contain ',' or ':'/);
  assert.match(by('inventory', 0, 'available'), /^Available must be empty \(no limit\) or a whole number from 0 to 1,000,000, not '-1'\.$/);
  assert.match(by('inventory', 1, 'cost'), /^Cost must be empty \(1 per GPU\) or a number above 0 .*, not '0'\.$/);
  assert.match(by('inventory', 2, 'model'), /A100-80GB is listed twice/);
  const missing = fleet.readDraft(Object.assign(fleet.toDraft(fleet.defaultFleet()), { inventory: [{ model: 'A100-80GB', available: '', cost: '' }] }), catalog).errors;
  assert.deepEqual(missing.map((e) => [e.list, e.index, e.field, e.addModel]), [0, 1, 2, 3].map((i) => ['demand', i, 'model', 'H100-SXM5-80GB']));
  assert.equal(errors.length, 9);
  const twice = fleet.toDraft(fleet.defaultFleet());
  twice.workloads[1].name = ` ${twice.workloads[0].name} `;
  assert.deepEqual(fleet.readDraft(twice, catalog).errors.map((e) => [e.list, e.index, e.field, e.message]),
    [['workloads', 1, 'name', "'llm-8b' names another workload too; give each workload its own name (the plan reports unmet demand by name)."]]);
});

test('planInput: the plan file shape, rows with count 0 left out, optional fields only when set', () => {
  const f = fleet.defaultFleet();
  f.demand.push({ model: 'A100-80GB', profile: '3g.40gb', count: 0 });
  f.workloads[0].min_compute_slices = 2;
  const input = fleet.planInput(f, 1.5);
  assert.equal(input.demand.length, 4);
  assert.deepEqual(input.demand[0], { profile: '1g.10gb', count: 40, model: 'H100-SXM5-80GB' });
  assert.deepEqual(input.workloads, [{ name: 'llm-8b', memory_gib: 18, count: 10, min_compute_slices: 2 }, { name: 'video', memory_gib: 8, count: 4, media: true }]);
  assert.deepEqual(input.gpus, [{ model: 'H100-SXM5-80GB', available: 16, cost: 2.5 }, { model: 'A100-80GB', cost: 1.5 }]);
  assert.equal(input.time_limit_s, 1.5);
  assert.equal('compare' in input, false);
});

test('compareSteps: each model alone, demand models dropped, profiles the model lacks become unmet', () => {
  const f = fleet.defaultFleet();
  f.inventory.push({ model: 'A30-24GB', available: null, cost: null });
  f.demand.push({ model: 'A30-24GB', profile: '4g.24gb', count: 5 });
  const steps = fleet.compareSteps(fleet.planInput(f, 1), catalog);
  assert.deepEqual(steps.map((s) => s.model), ['H100-SXM5-80GB', 'A100-80GB', 'A30-24GB']);
  assert.deepEqual(steps[0].input.gpus, [{ model: 'H100-SXM5-80GB', available: 16, cost: 2.5 }]);
  assert.deepEqual(steps[0].input.demand.map((d) => d.profile), ['1g.10gb', '2g.20gb', '3g.40gb', '7g.80gb']);
  assert.ok(steps[0].input.demand.every((d) => !('model' in d)));
  assert.deepEqual(steps[0].dropped, [{ demand: '4g.24gb', count: 5, code: 'UNKNOWN_PROFILE', reason: 'H100-SXM5-80GB has no profile 4g.24gb.' }]);
  assert.deepEqual(steps[2].input.demand, [{ profile: '4g.24gb', count: 5 }]);
  assert.equal(steps[2].dropped.reduce((a, d) => a + d.count, 0), 60);
  assert.deepEqual(steps[2].input.workloads, steps[0].input.workloads);
  const row = fleet.compareRow(steps[2], { plan: { total_gpus: 9, cost: 9, lower_bound: 9, optimal: true, time_limit_hit: false, unmet: [{ demand: 'video', count: 1, code: 'X', reason: 'r' }], totals: { utilization: {}, stranded: { compute_slices: 0, units: 0 } } } });
  assert.equal(row.unmet_instances, 61);
  assert.equal(row.unmet_text, 'no 1g.10gb, 2g.20gb, 3g.40gb, 7g.80gb on this model. r');
  assert.deepEqual(fleet.compareRow(steps[1], { error: { code: 'BAD', message: 'why' } }), { model: 'A100-80GB', error: 'why' });
});

test('summary and layouts in words: optimal, time limit, unmet; the single-GPU request of a group', () => {
  const plan = { objective: 'cost', total_gpus: 17, cost: 39.5, lower_bound: 39.5, gap: 0, optimal: true, time_limit_hit: false, solve_ms: 2.841, unmet: [],
    models: [{ model: 'H100-SXM5-80GB', new_gpus: 14, existing_gpus: 0 }, { model: 'A100-80GB', new_gpus: 3, existing_gpus: 0 }, { model: 'A30-24GB', new_gpus: 0, existing_gpus: 0 }] };
  const s = fleet.summary(plan);
  assert.equal(s.headline, '17 GPUs, cost 39.50 (14 × H100-SXM5-80GB, 3 × A100-80GB)');
  assert.equal(fleet.summary(Object.assign({}, plan, { total_gpus: 1429, cost: 2143.5, models: [{ model: 'A100-80GB', new_gpus: 1429, existing_gpus: 0 }] })).headline,
    '1,429 GPUs, cost 2,143.50 (1,429 × A100-80GB)');
  assert.equal(s.bound, 'Lower bound 39.50 (cost), gap 0');
  assert.equal(s.status, 'Proven optimal.');
  assert.equal(s.solve, 'Solved in 2.84 ms.');
  const t = fleet.summary(Object.assign({}, plan, { objective: 'gpus', optimal: false, time_limit_hit: true, lower_bound: 16, gap: 1 }));
  assert.equal(t.state, 'time-limit');
  assert.equal(t.status, 'Time limit hit: the best plan found, bound 16, gap 1.');
  assert.equal(t.bound, 'Lower bound 16 GPUs, gap 1');
  const one = fleet.summary(Object.assign({}, plan, { objective: 'gpus', total_gpus: 1, lower_bound: 1, models: [{ model: 'A100-80GB', new_gpus: 1, existing_gpus: 0 }] }));
  assert.equal(one.headline, '1 GPU (1 × A100-80GB)');
  assert.equal(one.bound, 'Lower bound 1 GPU, gap 0');
  const ex = fleet.summary(Object.assign({}, plan, { objective: 'gpus', total_gpus: 1, models: [{ model: 'H100-SXM5-80GB', new_gpus: 1, existing_gpus: 2 }] }));
  assert.equal(ex.headline, '1 new GPU and 2 existing (3 × H100-SXM5-80GB)');
  assert.equal(fleet.summary(Object.assign({}, plan, { objective: 'gpus', total_gpus: 0, models: [{ model: 'H100-SXM5-80GB', new_gpus: 0, existing_gpus: 1 }] })).headline,
    '0 new GPUs and 1 existing (1 × H100-SXM5-80GB)');
  const u = fleet.summary(Object.assign({}, plan, { unmet: [{ demand: 'x', count: 3 }] }));
  assert.equal(u.state, 'unmet');
  assert.match(u.status, /3 instances of the demand cannot be met/);
  const group = { model: 'A100-80GB', count: 2, existing: true, instances: [{ profile: '1g.10gb', start: 0, fixed: true }, { profile: '1g.20gb', start: 2 }, { profile: '1g.20gb', start: 4 }] };
  assert.deepEqual(fleet.singleGpu(group), { gpu: 'A100-80GB', req: [{ profile: '1g.20gb', count: 2 }], fixed: [{ profile: '1g.10gb', start: 0 }] });
  assert.equal(fleet.layoutText(group), '1g.10gb@0*  1g.20gb@2  1g.20gb@4');
});

test("with existing GPUs and a driver, the page's comparison runs give the rows of plan({compare: true}) of the built module", async () => {
  const core = await loadCore();
  const real = { names: (m) => core.profiles(m).profiles.map((p) => p.name) };
  const f = Object.assign(fleet.defaultFleet(), {
    existing: [{ model: 'H100-SXM5-80GB', count: 3, instances: [{ profile: '3g.40gb', start: 4 }] }, { model: 'A100-80GB', count: 2, instances: [{ profile: '4g.40gb', start: 0 }] }],
    driver: 'R550',
  });
  const input = fleet.planInput(f, 3, 60);
  const expected = core.plan(Object.assign({}, input, { compare: true })).compare;
  const rows = fleet.compareSteps(input, real).map((st) => fleet.compareRow(st, core.plan(st.input)));
  assert.deepEqual(rows.map((r) => r.model), expected.map((r) => r.model));
  for (const [i, r] of rows.entries()) {
    for (const k of ['total_gpus', 'cost', 'lower_bound', 'optimal', 'unmet_instances', 'stranded', 'utilization']) assert.deepEqual(r[k], expected[i][k], `${r.model} ${k}`);
  }
  // The existing GPUs count: fewer new GPUs than without them.
  const without = core.plan(fleet.planInput(fleet.defaultFleet(), 3, 60)).plan;
  const withExisting = core.plan(input).plan;
  assert.ok(withExisting.models.some((m) => m.existing_gpus > 0));
  assert.ok(withExisting.total_gpus < without.total_gpus, `${withExisting.total_gpus} new GPUs with existing ones, ${without.total_gpus} without`);
});

test('a workload name the link cannot carry is refused in the draft: over 200 characters, or a control character', () => {
  for (const [name, why] of [['w'.repeat(201), /^A name has at most 200 characters \(this one has 201\)\.$/], ['llm\t8b', /control character/]]) {
    const d = fleet.toDraft(fleet.defaultFleet());
    d.workloads[0].name = name;
    const { fleet: none, errors } = fleet.readDraft(d, catalog);
    assert.equal(none, null);
    assert.deepEqual(errors.map((e) => [e.list, e.index, e.field]), [['workloads', 0, 'name']]);
    assert.match(errors[0].message, why);
  }
  const d = fleet.toDraft(fleet.defaultFleet());
  d.workloads[0].name = 'w'.repeat(200);
  const f = fleet.readDraft(d, catalog).fleet;
  assert.deepEqual(fragment.parse(fragment.serialize(withFleet(f))).state.fleet, f, 'a 200-character name round-trips');
});

test('a planned GPU instance split into compute instances: the layout text shows the split, the single-GPU view asks for the compute instances', () => {
  const group = { model: 'H100-SXM5-80GB', count: 1, existing: false, instances: [
    { profile: '3g.40gb', start: 0, size: 4, compute_slices: 3, fixed: false, compute_instances: [{ profile: '2c.3g.40gb', compute_slices: 2 }, { profile: '1c.3g.40gb', compute_slices: 1 }] },
    { profile: '3g.40gb', start: 4, size: 4, compute_slices: 3, fixed: false, compute_instances: [{ profile: '1c.3g.40gb', compute_slices: 1 }, { profile: '1c.3g.40gb', compute_slices: 1 }, { profile: '1c.3g.40gb', compute_slices: 1 }] },
  ] };
  assert.equal(fleet.layoutText(group), '3g.40gb@0[2c+1c]  3g.40gb@4[3×1c]');
  assert.deepEqual(fleet.singleGpu(group), { gpu: 'H100-SXM5-80GB', req: [{ profile: '2c.3g.40gb', count: 1 }, { profile: '1c.3g.40gb', count: 4 }], fixed: [] });
});
