// The binding contract: every function of the module, given a wrong value of any type in any argument or field,
// answers {error: {code, message}} (never throws, never silently replaces the value), and the next correct call
// still gets the correct answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, ROOT } from './module.mjs';

const core = await loadCore();
const smi = (name) => readFileSync(`${ROOT}tests/fixtures/interop/smi/${name}`, 'utf8');
const yamlText = readFileSync(`${ROOT}tests/fixtures/interop/mig-parted-example-dgx-a100.yaml`, 'utf8');

function nested(depth) {
  let v = { profile: '1g.5gb' };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

// The wrong values of the issue: null, undefined, a number for a string, a string for a number, NaN, Infinity, -1,
// 1e308, "2", 2.5, nested objects and huge arrays.
const WRONG = [
  ['null', null], ['undefined', undefined], ['the number 42', 42], ['the text "x"', 'x'], ['NaN', NaN],
  ['Infinity', Infinity], ['-1', -1], ['1e308', 1e308], ['"2"', '2'], ['2.5', 2.5], ['true', true],
  ['a nested object', nested(100)], ['a huge array', new Array(100000).fill('1g.5gb')], ['an empty object', {}],
];

// Each function: a correct call, a check of its answer, and the places that may be damaged: [where in the arguments,
// the type expected there, 'optional' when null or undefined may be accepted (an absent field)].
const FUNCTIONS = [
  {
    name: 'check',
    args: () => [{ gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: 2 }, '2g.10gb:1'], fixed: [{ profile: '1g.5gb', start: 6 }], driver: 'R525' }],
    ok: (r) => r.feasible === true && r.instances.length === 4,
    paths: [[[0], 'object'], [[0, 'gpu'], 'text'], [[0, 'request'], 'list', 'optional'], [[0, 'request', 0], 'item'],
      [[0, 'request', 0, 'profile'], 'text'], [[0, 'request', 0, 'count'], 'whole', 'optional'], [[0, 'request', 1], 'item'],
      [[0, 'fixed'], 'list', 'optional'], [[0, 'fixed', 0], 'item'], [[0, 'fixed', 0, 'profile'], 'text'],
      [[0, 'fixed', 0, 'start'], 'whole'], [[0, 'driver'], 'driver', 'optional']],
  },
  { name: 'profiles', args: () => ['A100-40GB'], ok: (r) => Array.isArray(r.profiles), paths: [[[0], 'text']] },
  {
    name: 'layouts', args: () => ['A30-24GB', { base: true, driver: 'R525' }], ok: (r) => r.count > 0 && Array.isArray(r.layouts),
    paths: [[[0], 'text'], [[1], 'object', 'optional'], [[1, 'base'], 'flag', 'optional'], [[1, 'driver'], 'driver', 'optional']],
  },
  {
    name: 'seed',
    args: () => [{ total_sms: 98, total_memory_gb: 40, profiles: [{ name: '1g.5gb', sms: 14, memory_gb: 5, count: 2 }] }],
    ok: (r) => r.feasible === true,
    paths: [[[0], 'object'], [[0, 'total_sms'], 'number'], [[0, 'total_memory_gb'], 'number'], [[0, 'profiles'], 'list'],
      [[0, 'profiles', 0], 'object'], [[0, 'profiles', 0, 'name'], 'text'], [[0, 'profiles', 0, 'sms'], 'number'],
      [[0, 'profiles', 0, 'memory_gb'], 'number'], [[0, 'profiles', 0, 'count'], 'whole']],
  },
  {
    name: 'exportLayout',
    args: () => [{ gpu: 'A100-40GB', request: ['3g.20gb:1', '2g.10gb'], fixed: ['1g.5gb@6'], driver: 'R525', format: 'nvidia-smi', device: 0, name: 'two-halves' }],
    ok: (r) => r.format === 'nvidia-smi' && /nvidia-smi mig/.test(r.text),
    paths: [[[0], 'object'], [[0, 'gpu'], 'text'], [[0, 'request'], 'list'], [[0, 'request', 0], 'item'], [[0, 'fixed'], 'list', 'optional'],
      [[0, 'fixed', 0], 'item'], [[0, 'driver'], 'driver', 'optional'], [[0, 'format'], 'text'], [[0, 'device'], 'whole', 'optional'],
      [[0, 'name'], 'text', 'optional']],
  },
  {
    name: 'generateConfig',
    args: () => [{ gpus: ['A30-24GB', 'A100-40GB'], driver: 'R535', format: 'yaml' }],
    ok: (r) => r.format === 'yaml' && /all-balanced/.test(r.text) && r.gpus.length === 2,
    paths: [[[0], 'object', 'optional'], [[0, 'gpus'], 'list', 'optional'], [[0, 'gpus', 0], 'text'],
      [[0, 'driver'], 'driver', 'optional'], [[0, 'format'], 'text', 'optional']],
  },
  {
    name: 'validateConfig', args: () => [yamlText, { gpu: 'A100-SXM4-40GB' }], ok: (r) => typeof r.valid === 'boolean',
    paths: [[[0], 'text'], [[1], 'object', 'optional'], [[1, 'gpu'], 'text', 'optional']],
  },
  {
    name: 'importGpu', args: () => [smi('a100-40gb-lgip-lgipp.txt'), { index: 0 }], ok: (r) => r.model && r.gpu_index === 0,
    paths: [[[0], 'text'], [[1], 'object', 'optional'], [[1, 'index'], 'whole', 'optional']],
  },
  { name: 'importState', args: () => [smi('a100-40gb-lgi.txt')], ok: (r) => !r.error, paths: [[[0], 'text']] },
  {
    name: 'plan',
    args: () => [{ demand: [{ profile: '1g.10gb', count: 9, model: 'H100-SXM5-80GB' }], gpus: [{ model: 'H100-SXM5-80GB', available: 4, cost: 1 }] }],
    ok: (r) => r.plan && r.plan.total_gpus === 2,
    paths: [[[0], 'object'], [[0, 'demand'], 'list', 'optional'], [[0, 'demand', 0], 'object'], [[0, 'demand', 0, 'profile'], 'text'],
      [[0, 'demand', 0, 'count'], 'whole'], [[0, 'gpus'], 'list', 'optional'], [[0, 'gpus', 0, 'model'], 'text'],
      [[0, 'gpus', 0, 'available'], 'whole', 'optional'], [[0, 'gpus', 0, 'cost'], 'number', 'optional']],
  },
  {
    name: 'exportPlan',
    args: () => [{ groups: [{ model: 'A100-40GB', count: 2, existing: false, instances: [{ profile: '3g.20gb', start: 0 }, { profile: '3g.20gb', start: 4 }] }] }, { format: 'nvidia-smi', gpus_per_node: 2 }],
    ok: (r) => r.fleet === true && /-cgi/.test(r.text),
    paths: [[[0], 'object'], [[0, 'groups'], 'list'], [[0, 'groups', 0], 'object'], [[0, 'groups', 0, 'model'], 'text'],
      [[0, 'groups', 0, 'count'], 'whole', 'optional'], [[0, 'groups', 0, 'existing'], 'flag', 'optional'],
      [[0, 'groups', 0, 'instances'], 'list'], [[0, 'groups', 0, 'instances', 0], 'object'],
      [[0, 'groups', 0, 'instances', 0, 'start'], 'whole'], [[0, 'groups', 0, 'instances', 0, 'profile'], 'text'],
      [[1], 'object'], [[1, 'format'], 'text'], [[1, 'gpus_per_node'], 'whole', 'optional']],
  },
];

// Which wrong values are still of the expected type, so may get an answer (a profile named "x" is a name the catalog
// refuses with an error; a count of 42 may fit a custom capacity): every other one must be an error.
const SAME_TYPE = {
  text: ['the text "x"', '"2"'], whole: ['the number 42'], number: ['the number 42', '2.5'], flag: ['true'],
  driver: ['the number 42'], item: ['the text "x"', '"2"'], list: [], object: ['an empty object'],
};

function damaged(args, path, value) {
  let at = args;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]] = value;
  return args;
}

function mayBeAccepted(type, label, optional) {
  return (optional && (label === 'null' || label === 'undefined')) || SAME_TYPE[type].includes(label);
}

for (const f of FUNCTIONS) {
  test(`${f.name}(): the correct call gets its answer`, () => {
    const r = core[f.name](...f.args());
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.ok(f.ok(r), `unexpected answer: ${JSON.stringify(r).slice(0, 300)}`);
  });

  test(`${f.name}(): every wrong value in every place is an error value, and the next call is answered`, () => {
    let checked = 0;
    for (const [path, type, optional] of f.paths) {
      for (const [label, value] of WRONG) {
        const args = damaged(f.args(), path, value);
        let r;
        assert.doesNotThrow(() => { r = core[f.name](...args); }, `${f.name} with ${label} at ${path.join('.')} threw`);
        assert.equal(typeof r, 'object', `${f.name} with ${label} at ${path.join('.')} answered ${typeof r}`);
        if (r.error) {
          assert.match(r.error.code, /^[A-Z_]+$/, `${label} at ${path.join('.')}`);
          assert.ok(r.error.message.length > 10, `${label} at ${path.join('.')}: empty message`);
          assert.notEqual(r.error.code, 'INTERNAL', `${f.name} with ${label} at ${path.join('.')}: ${r.error.message}`);
        } else {
          assert.ok(mayBeAccepted(type, label, optional),
            `${f.name} silently accepted ${label} at ${path.join('.')}: ${JSON.stringify(r).slice(0, 200)}`);
        }
        checked++;
      }
      const again = core[f.name](...f.args());
      assert.ok(!again.error && f.ok(again), `${f.name} after damage at ${path.join('.')}: ${JSON.stringify(again).slice(0, 200)}`);
    }
    assert.equal(checked, f.paths.length * WRONG.length);
  });
}

test('values JSON cannot carry are refused by name, not thrown', () => {
  const cyclic = { gpu: 'A100-40GB' };
  cyclic.self = cyclic;
  for (const [label, input] of [['a cycle', cyclic], ['a BigInt', { gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: 2n }] }],
    ['NaN', { gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: NaN }] }]]) {
    const r = core.check(input);
    assert.equal(r.error?.code, 'BAD_INPUT', label);
  }
  assert.match(core.check({ gpu: 'A100-40GB', request: [{ profile: '1g.5gb', count: NaN }] }).error.message, /"count" is NaN/);
});

test('the module lists the functions its JS face defines', () => {
  const listed = core.functions().split(',').sort();
  const defined = FUNCTIONS.map((f) => f.name).concat(['gpus', 'catalogVersion']).sort();
  assert.deepEqual(listed, defined);
  for (const name of listed) assert.equal(typeof core[name], 'function', name);
});

test('an unknown function name is an error value', () => {
  const r = JSON.parse(core.call('nope', '[]'));
  assert.equal(r.error.code, 'BAD_INPUT');
  assert.equal(JSON.parse(core.call('check', '{')).error.code, 'BAD_INPUT');
  assert.equal(JSON.parse(core.call('check', '[' .repeat(100))).error.code, 'TOO_LARGE');
});

test('an exception inside a function is answered as INTERNAL, and the module keeps answering', () => {
  const r = JSON.parse(core.call('_guardSelfTest', '[]'));
  assert.equal(r.error.code, 'INTERNAL');
  assert.match(r.error.message, /the guard's self-test/);
  for (let i = 0; i < 3; i++) assert.equal(JSON.parse(core.call('_guardSelfTest', '[]')).error.code, 'INTERNAL');
  assert.equal(core.check({ gpu: 'A100-40GB', request: ['7g.40gb'] }).feasible, true);
  assert.equal(core._guardSelfTest, undefined, 'not a function of the JS face');
});
