// CLI tests: spawn the native `migcalc` and check exit codes, --json shapes, help, version and bad input.
// Run: node --test tests/cli/   (Node 20, no dependencies). Binary: $MIGCALC_BIN, default build/cli/migcalc.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const BIN = resolve(root, process.env.MIGCALC_BIN || 'build/cli/migcalc');
const FIXTURES = join(root, 'tests', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'migcalc-cli-'));
let fixtureRaw;  // tests/fixtures/seed_cases.json as Python wrote it (see rawSection)

if (!existsSync(BIN)) throw new Error(`migcalc binary not found at ${BIN}; build it or set MIGCALC_BIN`);

/** Run migcalc; never hangs (20 s limit). */
function run(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', timeout: 20000 });
  assert.equal(r.error, undefined, `spawn failed: ${r.error}`);
  assert.notEqual(r.status, null, `migcalc ${args.join(' ')} was killed (${r.signal})`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json(args, input) {
  const r = run([args[0], '--json', ...args.slice(1)], input);  // right after the command: a trailing option may take a value
  let body;
  assert.doesNotThrow(() => { body = JSON.parse(r.out); }, `stdout of ${args.join(' ')} --json is not JSON:\n${r.out}`);
  return { ...r, body };
}

/** Bad input: exit 2, message on stderr, {"error": {code, message}} on stdout with --json. */
function expectBadInput(args, code, ...mentions) {
  const r = json(args);
  assert.equal(r.code, 2, `exit code of ${args.join(' ')}`);
  assert.deepEqual(Object.keys(r.body), ['error']);
  assert.equal(typeof r.body.error.message, 'string');
  if (code) assert.equal(r.body.error.code, code);
  assert.match(r.err, /\S/, 'a message on stderr');
  for (const m of mentions) assert.ok(r.body.error.message.includes(m), `message mentions ${m}: ${r.body.error.message}`);
  const plain = run(args);
  assert.equal(plain.code, 2);
  assert.equal(plain.out.trim(), '', 'without --json nothing on stdout');
  assert.ok(plain.err.includes(r.body.error.message), 'the same message on stderr');
  return r.body.error;
}

function profileNames(gpu) {
  const r = json(['profiles', '--gpu', gpu]);
  assert.equal(r.code, 0);
  return r.body.profiles.map((p) => p.name);
}

/** Check the shape every `check --json` answer has. */
function assertCheckShape(body, gpu) {
  for (const key of ['gpu', 'verdict', 'feasible', 'instances', 'reasons', 'remaining', 'utilization']) assert.ok(key in body, `has ${key}`);
  assert.ok(['feasible', 'not feasible', 'unknown'].includes(body.verdict));
  if (body.verdict === 'unknown') assert.equal(body.feasible, null);
  else assert.equal(body.feasible, body.verdict === 'feasible');
  for (const i of body.instances) {
    assert.equal(typeof i.profile, 'string');
    assert.ok(Number.isInteger(i.start) && Number.isInteger(i.size) && i.size > 0);
    assert.equal(typeof i.fixed, 'boolean');
  }
  assert.equal(body.reasons.length > 0, body.feasible !== true, 'reasons non-empty exactly when not feasible');
  for (const r of body.reasons) {
    assert.match(r.code, /^[A-Z_]+$/);
    assert.ok(r.message.length > 10);
    assert.ok(Array.isArray(r.units) && r.units.every(Number.isInteger), 'units of a reason');
    assert.ok(Array.isArray(r.profiles) && r.profiles.every((p) => typeof p === 'string'), 'profiles of a reason');
  }
  assert.deepEqual(Object.keys(body.remaining).sort(), profileNames(gpu).sort(), 'remaining lists every profile');
  for (const v of Object.values(body.remaining)) assert.ok(v === null || Number.isInteger(v));
  for (const [k, m] of Object.entries(body.utilization)) {
    assert.ok('used' in m && 'total' in m, `utilization.${k} has used and total (null when unknown, never omitted)`);
  }
}

/** Numbers outside strings, in order, as their JSON text: tells 100 from 100.0. */
function numberTokens(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      out.push(m[0]);
      i += m[0].length - 1;
    }
  }
  return out;
}

function commandNames() {
  const help = run(['--help']).out;
  const lines = help.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Commands:'));
  const names = [];
  for (const l of lines.slice(from + 1)) {
    if (!l.trim()) break;
    names.push(l.trim().split(/\s+/)[0]);
  }
  return names;
}

describe('help and version', () => {
  test('--version prints the version and the catalog date', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^migcalc \d+\.\d+\.\d+ \(catalog \d{4}-\d{2}-\d{2}\)\n$/);
  });

  test('--help lists the commands and exit codes; no command at all is a usage error', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['gpus', 'profiles', 'check', 'layouts', 'seed']) assert.ok(commandNames().includes(c), c);
    assert.match(r.out, /Exit codes/);
    assert.equal(run([]).code, 2);
  });

  test('every command answers --help with its usage and exit 0', () => {
    for (const c of commandNames()) {
      const r = run([c, '--help']);
      assert.equal(r.code, 0, `${c} --help`);
      assert.match(r.out, new RegExp(`Usage: migcalc ${c}`), `${c} --help shows its usage`);
    }
  });

  test('an unknown command or option is a usage error with a suggestion', () => {
    const r = run(['chek']);
    assert.equal(r.code, 2);
    assert.match(r.err, /check/);
    expectBadInput(['check', '--gpu', 'A100-40GB', '--bogus'], 'USAGE', '--fixed');
    expectBadInput(['check', '1g.5gb'], 'USAGE', '--gpu');
  });
});

describe('check: exit codes and JSON shapes', () => {
  test('feasible: exit 0, instances with start/size/fixed, empty reasons, remaining with zeros', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '3g.40gb']);
    assert.equal(r.code, 0);
    assertCheckShape(r.body, 'H100-SXM5-80GB');
    assert.equal(r.body.feasible, true);
    assert.deepEqual(r.body.instances.map(({ profile, start, size, fixed }) => ({ profile, start, size, fixed })),
      [{ profile: '3g.40gb', start: 4, size: 4, fixed: false }]);
    assert.equal(r.body.remaining['7g.80gb'], 0);
    assert.equal(r.body.remaining['4g.40gb'], 1);
    assert.equal(r.body.utilization.memory_mib.used, 40448);
  });

  test('the issue example: --fixed 1g.5gb@0 with 4g.20gb on A100-40GB is not feasible (exit 1)', () => {
    const r = json(['check', '--gpu', 'A100-40GB', '--fixed', '1g.5gb@0', '4g.20gb']);
    assert.equal(r.code, 1);
    assertCheckShape(r.body, 'A100-40GB');
    assert.equal(r.body.feasible, false);
    assert.deepEqual(r.body.instances.map((i) => [i.profile, i.start, i.fixed]), [['1g.5gb', 0, true]]);
    assert.deepEqual(r.body.reasons.map((x) => x.code), ['NO_PLACEMENT']);
  });

  test('not feasible: 8 x 1g.10gb on an H100 exits 1 with coded reasons and the largest part that fits', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:8']);
    assert.equal(r.code, 1);
    assertCheckShape(r.body, 'H100-SXM5-80GB');
    assert.ok(r.body.reasons.some((x) => x.code === 'INSTANCE_CAP'));
    assert.equal(r.body.largest_subset.count, 7);
  });

  test('repeated profiles add up and a missing count means 1', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:4', '1g.10gb:3', '1g.10gb']);
    assert.equal(r.code, 1);
    assert.ok(r.body.reasons.some((x) => x.code === 'INSTANCE_CAP' && x.message.includes('8')));
    const ok = json(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:4', '1g.10gb:3']);
    assert.equal(ok.code, 0);
    assert.equal(ok.body.instances.length, 7);
  });

  test('an empty request shows what still fits beside the fixed instances', () => {
    const r = json(['check', '--gpu', 'A100-40GB', '--fixed', '3g.20gb@4']);
    assert.equal(r.code, 0);
    assert.equal(r.body.remaining['4g.20gb'], 1);
    assert.equal(r.body.remaining['1g.5gb'], 4);
  });

  test('unknown: a model without placements exits 3 with feasible null and nulls for unknown numbers', () => {
    const r = json(['check', '--gpu', 'RTX-PRO-5000-48GB', '1g.24gb', '1g.24gb-me']); // a mix (issue 11 item 4)
    assert.equal(r.code, 3);
    assertCheckShape(r.body, 'RTX-PRO-5000-48GB');
    assert.equal(r.body.feasible, null);
    assert.equal(r.body.reasons[0].code, 'PLACEMENTS_UNKNOWN');
    for (const v of Object.values(r.body.remaining)) assert.equal(v, null);
    assert.equal(r.body.utilization.sms.total, null);
    assert.equal(r.body.utilization.memory_mib.total, null);
    assert.equal(run(['check', '--gpu', 'RTX-PRO-4500-32GB', '1g.16gb', '1g.16gb-me']).code, 3);
    assert.equal(run(['check', '--gpu', 'RTX-PRO-4500-32GB', '2g.32gb']).code, 0); // one profile within its cap
    assert.equal(run(['check', '--gpu', 'RTX-PRO-4500-32GB', '1g.16gb:3']).code, 1); // over its cap
  });

  test('the driver option refuses what an older driver cannot do', () => {
    const r = json(['check', '--gpu', 'A100-40GB', '--driver', 'R470', '4g.20gb', '3g.20gb']);
    assert.equal(r.code, 1);
    assert.deepEqual(r.body.reasons.map((x) => x.code), ['DRIVER_TOO_OLD']);
    assert.equal(json(['check', '--gpu', 'A100-40GB', '--driver', '510.47.03', '4g.20gb', '3g.20gb']).code, 0);
    expectBadInput(['check', '--gpu', 'A100-40GB', '--driver', 'abc', '1g.5gb'], 'BAD_DRIVER', 'R525');
  });

  test('GPUs are found by nvidia-smi name and by PCI ID in both forms; GB200 IDs are ambiguous', () => {
    for (const g of ['NVIDIA H100 80GB HBM3', '0x2330', '0x233010DE']) {
      const r = json(['check', '--gpu', g, '3g.40gb']);
      assert.equal(r.code, 0, g);
      assert.equal(r.body.gpu, 'H100-SXM5-80GB');
    }
    expectBadInput(['check', '--gpu', '0x294110DE', '1g.23gb'], 'AMBIGUOUS_GPU', 'GB200-186GB', 'GB200-189GB');
  });

  test('the human-readable output says feasible, not feasible or unknown, with the same exit codes', () => {
    const ok = run(['check', '--gpu', 'H100-SXM5-80GB', '3g.40gb']);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /Feasible/);
    assert.match(ok.out, /3g\.40gb/);
    const no = run(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:8']);
    assert.equal(no.code, 1);
    assert.match(no.out, /Not feasible/);
    const unk = run(['check', '--gpu', 'RTX-PRO-5000-48GB', '1g.24gb', '1g.24gb-me']);
    assert.equal(unk.code, 3);
    assert.match(unk.out, /Unknown/);
  });

  test('the golden scenarios give the same verdicts through the CLI', () => {
    const scenarios = JSON.parse(readFileSync(join(FIXTURES, 'scenarios.json'), 'utf8'));
    const exitFor = { feasible: 0, 'not feasible': 1, unknown: 3 };
    for (const s of scenarios) {
      const args = ['check', '--gpu', s.gpu, '--driver', s.driver];
      for (const f of s.fixed) args.push('--fixed', `${f.profile}@${f.start}`);
      for (const r of s.request) args.push(`${r.profile}:${r.count}`);
      const r = json(args);
      assert.equal(r.code, exitFor[s.expect.verdict], s.name);
      assert.equal(r.body.verdict, s.expect.verdict, s.name);
      if (s.expect.reason_codes) assert.deepEqual([...new Set(r.body.reasons.map((x) => x.code))].sort(), [...s.expect.reason_codes].sort(), s.name);
      for (const [p, n] of Object.entries(s.expect.remaining || {})) assert.equal(r.body.remaining[p], n, `${s.name}: remaining ${p}`);
    }
  });
});

describe('check: bad input', () => {
  test('an unknown GPU is refused with close names suggested', () => {
    expectBadInput(['check', '--gpu', 'H100-SXM-80GB', '3g.40gb'], 'UNKNOWN_GPU', 'H100-SXM5-80GB');
    expectBadInput(['profiles', '--gpu', 'A100'], 'UNKNOWN_GPU', 'A100-40GB');
  });

  test('an unknown profile is refused (exit 1) and the message lists the GPU profiles', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '3g.20gb']);
    assert.equal(r.code, 1);
    const reason = r.body.reasons.find((x) => x.code === 'UNKNOWN_PROFILE');
    assert.ok(reason);
    for (const p of profileNames('H100-SXM5-80GB')) assert.ok(reason.message.includes(p), p);
  });

  test('counts that are zero, negative, non-numeric or absurd are bad input', () => {
    const zero = expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:0'], 'BAD_COUNT', '--fixed');
    assert.ok(zero.message.includes('1g.10gb@0'));
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:-1'], 'BAD_COUNT');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:abc'], 'BAD_COUNT', 'abc');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:1000000000000'], 'BAD_COUNT');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '1g.10gb:1e3'], 'BAD_COUNT');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '3g40gb'], 'BAD_PROFILE_NAME', '3g.40gb');
  });

  test('a malformed --fixed is bad input; overlapping or misplaced fixed instances are reasons', () => {
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '--fixed', '1g.10gb'], 'BAD_FIXED', '@');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '--fixed', '1g.10gb@x'], 'BAD_FIXED');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '--fixed', '@3'], 'BAD_FIXED');
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '--fixed'], 'USAGE', '--fixed');
    const overlap = json(['check', '--gpu', 'H100-SXM5-80GB', '--fixed', '3g.40gb@0', '--fixed', '2g.20gb@2']);
    assert.equal(overlap.code, 1);
    assert.ok(overlap.body.reasons.some((x) => x.code === 'FIXED_OVERLAP'));
    const start = json(['check', '--gpu', 'RTX-PRO-6000-96GB', '--fixed', '1g.24gb@1']);
    assert.equal(start.code, 1);
    assert.ok(start.body.reasons.some((x) => x.code === 'FIXED_BAD_START' && x.message.includes('9')));
  });

  test('a custom GPU file works, and a malformed one is refused with a clear message', () => {
    const exported = json(['profiles', '--gpu', 'A100-40GB']);
    const file = join(tmp, 'a100.json');
    writeFileSync(file, JSON.stringify(exported.body));
    const mine = json(['check', '--gpu-file', file, '3g.20gb:2']);
    const real = json(['check', '--gpu', 'A100-40GB', '3g.20gb:2']);
    assert.equal(mine.code, 0);
    assert.deepEqual(mine.body.instances, real.body.instances);
    assert.deepEqual(mine.body.remaining, real.body.remaining);

    expectBadInput(['check', '--gpu-file', join(tmp, 'missing.json'), '1g.5gb'], 'BAD_FILE', 'missing.json');
    const cases = [
      ['{"key": "X",', 'line'],
      ['[]', 'object'],
      ['{"key": "X", "compute_slices": 2, "memory_slices": 2}', 'profiles'],
      ['{"key": "X", "compute_slices": 2, "memory_slices": 2, "placement_units": 2, "profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,4}:1"}]}', 'placements'],
      ['{"key": "X", "compute_slices": 2, "memory_slices": 2, "profiles": [{"name": "big", "compute_slices": 1, "instances": 1}]}', 'profile name'],
    ];
    cases.forEach(([text, mention], k) => {
      const f = join(tmp, `bad${k}.json`);
      writeFileSync(f, text);
      expectBadInput(['check', '--gpu-file', f, '1g.8gb'], 'BAD_GPU_FILE', mention);
    });
  });
});

describe('check: large custom grids', () => {
  test('a 32-unit custom GPU gets an answer or a clear SEARCH_LIMIT refusal, never a hang', () => {
    const pl = (size) => `{${Array.from({ length: 32 / size }, (_, k) => k * size).join(',')}}:${size}`;
    const model = { key: 'BIG-32', compute_slices: 32, memory_slices: 32, placement_units: 32, profiles: [
      { name: '1g.1gb', compute_slices: 1, instances: 32, placements: pl(1) },
      { name: '2g.2gb', compute_slices: 2, instances: 16, placements: pl(2) },
      { name: '4g.4gb', compute_slices: 4, instances: 8, placements: pl(4) }] };
    const file = join(tmp, 'big.json');
    writeFileSync(file, JSON.stringify(model));
    for (const req of [['1g.1gb:3'], ['1g.1gb:10', '2g.2gb:5', '4g.4gb:3'], ['1g.1gb:20', '2g.2gb:8']]) {
      const r = json(['check', '--gpu-file', file, ...req]);
      if (r.code === 2) assert.equal(r.body.error.code, 'SEARCH_LIMIT', req.join(' '));
      else assert.ok([0, 1].includes(r.code), req.join(' '));
    }
    assert.equal(json(['check', '--gpu-file', file, '1g.1gb:3']).code, 0);
  });
});

describe('other commands', () => {
  test('gpus --json lists all 22 models; profiles --json lists placements', () => {
    const g = json(['gpus']);
    assert.equal(g.code, 0);
    assert.equal(g.body.gpus.length, 22);
    assert.ok(g.body.gpus.some((x) => x.key === 'GB200-189GB'));
    const p = json(['profiles', '--gpu', 'RTX-PRO-6000-96GB']);
    assert.equal(p.code, 0);
    assert.equal(p.body.profiles.find((x) => x.name === '1g.24gb').placements, '{0,3,6,9}:3');
    assert.equal(run(['gpus']).code, 0);
    assert.equal(run(['profiles', '--gpu', 'RTX-PRO-5000-48GB']).code, 0);
  });

  test('layouts counts 19 base layouts on A100 and refuses models without placements with exit 3', () => {
    const r = json(['layouts', '--gpu', 'A100-40GB', '--base']);
    assert.equal(r.code, 0);
    assert.equal(r.body.count, 19);
    assert.equal(r.body.layouts.length, 19);
    const u = json(['layouts', '--gpu', 'RTX-PRO-5000-48GB']);
    assert.equal(u.code, 3);
    assert.equal(u.body.error.code, 'PLACEMENTS_UNKNOWN');
  });
});

describe('seed (custom capacity mode)', () => {
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'seed_cases.json'), 'utf8'));

  test('every golden case from the exercise\'s Python function comes back identical, ints and floats alike', () => {
    assert.ok(cases.length >= 20);
    for (const c of cases) {
      // JSON.stringify would turn 0.0 into 0: send the input exactly as Python wrote it
      const r = run(['seed'], rawSection(c, 'input'));
      assert.equal(r.code, 0, c.name);
      assert.deepEqual(JSON.parse(r.out), c.output, c.name);
      const kinds = (text) => numberTokens(text).map((t) => (/[.eE]/.test(t) ? 'float' : 'int'));
      assert.deepEqual(kinds(r.out), kinds(rawSection(c, 'output')), `${c.name}: int/float kinds`);
    }
  });

  test('a file argument works like stdin', () => {
    const f = join(tmp, 'seed.json');
    writeFileSync(f, JSON.stringify(cases[0].input));
    const r = run(['seed', f]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), cases[0].output);
  });

  test('malformed seed input is bad input with an error object on stdout', () => {
    for (const text of ['xx', '{"total_sms": 98}', '{"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a"}]}']) {
      const r = run(['seed'], text);
      assert.equal(r.code, 2, text);
      assert.equal(JSON.parse(r.out).error.code, 'BAD_SEED_INPUT');
      assert.match(r.err, /\S/);
    }
  });
});

// The fixture as Python wrote it keeps 100.0 apart from 100: the raw text of one case's "input" or "output".
function rawSection(c, field) {
  fixtureRaw ??= readFileSync(join(FIXTURES, 'seed_cases.json'), 'utf8');
  const at = fixtureRaw.indexOf(JSON.stringify(c.name));
  assert.ok(at >= 0, c.name);
  const from = fixtureRaw.indexOf('{', fixtureRaw.indexOf(`"${field}":`, at));
  let depth = 0;
  for (let i = from; i < fixtureRaw.length; i++) {
    const ch = fixtureRaw[i];
    if (ch === '"') {
      for (i++; fixtureRaw[i] !== '"'; i++) if (fixtureRaw[i] === '\\') i++;
    } else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && --depth === 0) return fixtureRaw.slice(from, i + 1);
  }
  throw new Error(`no ${field} for ${c.name}`);
}

describe('check with compute-instance sub-profiles (issue 5 item 2)', () => {
  test('1c.3g.40gb:6 on an H100 80GB: two 3g.40gb GPU instances, three 1c compute instances each (--json)', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '1c.3g.40gb:6']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.body.verdict, 'feasible');
    assert.deepEqual(r.body.request, [{ profile: '1c.3g.40gb', count: 6 }]);
    assert.deepEqual(r.body.instances.map((i) => `${i.profile}@${i.start}`).sort(), ['3g.40gb@0', '3g.40gb@4']);
    for (const i of r.body.instances) assert.deepEqual(i.compute_instances, Array(3).fill({ profile: '1c.3g.40gb', compute_slices: 1 }));
    assert.ok(r.body.notes.some((n) => n.includes('6 × 1c.3g.40gb make 2 × 3g.40gb GPU instances')), r.body.notes.join('\n'));
  });

  test('the table shows each GPU instance\'s split', () => {
    const r = run(['check', '--gpu', 'H100-SXM5-80GB', '2c.3g.40gb', '1c.3g.40gb:4']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Feasible: 2 new GPU instances \(2 split into 5 compute instances\)\./m);
    assert.match(r.out, /^ {2}3g\.40gb +0:4 +0-3 +0-2 +CIs: (2c\+1c|3×1c)$/m);
    assert.match(r.out, /^ {2}3g\.40gb +4:4 +4-7 +4-6 +CIs: (2c\+1c|3×1c)$/m);
    assert.match(r.out, /CIs: 2c\+1c\n[\s\S]*CIs: 3×1c|CIs: 3×1c\n[\s\S]*CIs: 2c\+1c/);
  });

  test('GPU-instance profiles and CI sub-profiles mixed in any order: not feasible when they need too many GPU instances', () => {
    for (const order of [['3g.40gb:1', '1c.3g.40gb:6', '2c.3g.40gb:1'], ['2c.3g.40gb:1', '1c.3g.40gb:6', '3g.40gb:1']]) {
      const r = json(['check', '--gpu', 'H100-SXM5-80GB', ...order]);
      assert.equal(r.code, 1, order.join(' '));
      // Every failing rule, slice totals first (issue 11 item 3); the CI explanation joins the first reason.
      assert.deepEqual(r.body.reasons.map((x) => x.code).slice(0, 3), ['SLICE_TOTAL', 'SLICE_TOTAL', 'INSTANCE_CAP']);
      assert.match(r.body.reasons[0].message, /^4 × 3g\.40gb need 16 memory slices > 8/);
      assert.match(r.body.reasons[0].message, /make 4 × 3g\.40gb GPU instances/);
      assert.match(r.body.reasons[2].message, /^4 × 3g\.40gb exceeds its instance cap/);
      assert.equal(r.body.largest_subset.count, 2);
    }
  });

  test('a CI size the GPU instance has not is bad input naming the valid ones', () => {
    expectBadInput(['check', '--gpu', 'H100-SXM5-80GB', '4c.3g.40gb'], 'BAD_CI_PROFILE', '1c.3g.40gb, 2c.3g.40gb');
    expectBadInput(['check', '--gpu', 'A100-40GB', '3c.4g.20gb:2'], 'BAD_CI_PROFILE', '4g.20gb', '1c.4g.20gb');
  });

  test('requests without CI sub-profiles keep their output: no compute_instances key', () => {
    const r = json(['check', '--gpu', 'H100-SXM5-80GB', '3g.40gb', '2g.20gb', '1g.10gb:2']);
    assert.equal(r.code, 0);
    assert.ok(!r.out.includes('compute_instances'));
    assert.ok(!run(['check', '--gpu', 'H100-SXM5-80GB', '3g.40gb']).out.includes('CIs:'));
  });

  test('profiles --json lists the CI sub-profiles of each GPU instance profile', () => {
    const r = json(['profiles', '--gpu', 'A100-40GB']);
    const p3 = r.body.profiles.find((p) => p.name === '3g.20gb');
    assert.deepEqual(p3.ci_profiles.map((c) => [c.name, c.compute_slices, c.id, c.per_gi]), [['1c.3g.20gb', 1, 0, 3], ['2c.3g.20gb', 2, 1, 1]]);
    assert.deepEqual(r.body.profiles.find((p) => p.name === '1g.5gb').ci_profiles, []);
  });
});

describe('the input boundary: inputs that once crashed the CLI get exit 2 and a structured error', () => {
  const file = (name, text) => { const p = join(tmp, name); writeFileSync(p, text); return p; };

  test('a JSON number beyond a double (1e400) in a plan, a seed input, a fleet plan and a GPU file', () => {
    expectBadInput(['plan', file('huge.json', '{"demand": [{"profile": "1g.10gb", "count": 1e400}]}')], 'BAD_PLAN_FILE', 'too large for a double');
    assert.equal(run(['seed'], '{"total_sms": 1e400}').code, 2);
    expectBadInput(['export', '--format', 'nvidia-smi', '--plan', file('huge-plan.json', '{"groups": [{"model": "A100-40GB", "count": 1e400}]}')], 'BAD_PLAN_FILE');
    expectBadInput(['check', '--gpu-file', file('huge-gpu.json', '{"key": "X", "compute_slices": 1e400}'), '1g.5gb'], 'BAD_GPU_FILE');
  });

  test('"existing": "yes" in a fleet plan is a typed error, not an abort', () => {
    const plan = file('existing-yes.json', '{"groups": [{"model": "A100-40GB", "existing": "yes", "instances": [{"profile": "7g.40gb", "start": 0}]}]}');
    expectBadInput(['export', '--format', 'nvidia-smi', '--plan', plan], 'BAD_PLAN_FILE', 'groups[0].existing');
  });

  test('a profile with an 11-digit slice count is refused by check, export and validate', () => {
    assert.equal(json(['check', '--gpu', 'H100-SXM5-80GB', '99999999999c.3g.40gb']).code, 2);
    assert.equal(json(['export', '--format', 'nvidia-smi', '--gpu', 'H100-SXM5-80GB', '99999999999c.3g.40gb']).code, 2);
    const yaml = file('digits.yaml', 'version: v1\nmig-configs:\n  x:\n    - devices: all\n      mig-enabled: true\n      mig-devices:\n        "99999999999c.3g.40gb": 1\n');
    assert.notEqual(run(['validate', yaml, '--json']).code, null);
    assert.ok([0, 1, 2].includes(run(['validate', yaml, '--json']).code));
  });

  test('bytes that are not UTF-8 are printed as U+FFFD, not an abort', () => {
    const yaml = file('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    const r = run(['yaml-to-json', yaml]);
    assert.ok([0, 2].includes(r.code), `exit ${r.code}: ${r.err}`);
    const v = run(['validate', yaml, '--json']);
    assert.ok([0, 1, 2].includes(v.code), `exit ${v.code}: ${v.err}`);
    assert.doesNotThrow(() => JSON.parse(v.out));
  });

  test('JSON nested 60,000 deep is refused by its depth', () => {
    expectBadInput(['plan', file('deep.json', '['.repeat(60000) + ']'.repeat(60000))], 'TOO_LARGE', 'more than 64 deep');
  });

  test('a config name that would reach a shell command or YAML unquoted is refused', () => {
    const e = expectBadInput(['export', '--format', 'mig-parted', '--gpu', 'A100-40GB', '--name', '$(reboot)', '7g.40gb'], 'USAGE');
    assert.match(e.message, /nvidia\.com\/mig\.config/);
    assert.equal(run(['export', '--format', 'mig-parted', '--gpu', 'A100-40GB', '--name', 'whole-gpu', '7g.40gb']).code, 0);
  });

  test('a 1 MiB GPU name is refused by its length at once', () => {
    const e = expectBadInput(['check', '--gpu', 'x'.repeat(100000), '1g.5gb'], 'TOO_LARGE');
    assert.ok(e.message.length < 400);
  });
});

describe('generate-config (issue 11 item 6)', () => {
  test('every model by default: NVIDIA\'s named configs, with a device filter where a name means different counts', () => {
    const r = run(['generate-config', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const configs = JSON.parse(r.out)['mig-configs'];
    assert.deepEqual(configs['all-disabled'], [{ devices: 'all', 'mig-enabled': false }]);
    assert.deepEqual(configs['all-enabled'], [{ devices: 'all', 'mig-enabled': true, 'mig-devices': {} }]);
    const tenGb = configs['all-1g.10gb'];
    assert.equal(tenGb.length, 2);
    const byCount = Object.fromEntries(tenGb.map((e) => [e['mig-devices']['1g.10gb'], e['device-filter']]));
    assert.deepEqual(byCount[4], ['0x20B010DE', '0x20B110DE', '0x20F110DE', '0x20F610DE']);
    assert.ok(byCount[7].includes('0x233010DE') && byCount[7].includes('0x20B210DE'));
    assert.deepEqual(configs['all-1g.24gb.me.all'], [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.24gb+me.all': 1 } }]);
    assert.ok(configs['all-1g.24gb-me']);
    const a30 = configs['all-balanced'].find((e) => (e['device-filter'] || []).includes('0x20B710DE'));
    assert.deepEqual(a30['mig-devices'], { '1g.6gb': 2, '2g.12gb': 1 });
    assert.match(r.err, /note: .*GB200-189GB/, 'the note on the PCI ID the two GB200 boards share, on stderr');
  });

  test('--gpu chooses models; --driver leaves out what it lacks; --json answers with the notes', () => {
    const r = json(['generate-config', '--gpu', 'A100-40GB', '--gpu', 'b200', '--driver', 'R470']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.body.gpus, ['A100-40GB', 'B200-180GB']);
    assert.equal(r.body.driver, 'R470');
    assert.equal(r.body.format, 'yaml');
    const names = Object.keys(r.body.config['mig-configs']);
    assert.ok(names.includes('all-1g.5gb.me'), 'R470 has 1g.5gb+me');
    assert.ok(!names.includes('all-1g.10gb'), 'A100-40GB 1g.10gb needs R525');
    assert.ok(r.body.notes.some((n) => /B200-180GB is left out/.test(n)), r.body.notes.join('\n'));
    assert.ok(r.body.text.startsWith('# NVIDIA\'s named mig-parted configs'));
    const plain = run(['generate-config', '--gpu', 'A100-40GB', '--gpu', 'b200', '--driver', 'R470']);
    assert.equal(plain.out, r.body.text);
    assert.match(plain.out, /# Note: B200-180GB is left out/);
  });

  test('bad input: unknown GPU, bad driver, bad format, a positional argument', () => {
    expectBadInput(['generate-config', '--gpu', 'H999'], 'UNKNOWN_GPU');
    expectBadInput(['generate-config', '--driver', 'R5x'], 'BAD_DRIVER');
    expectBadInput(['generate-config', '--format', 'xml'], 'BAD_EXPORT_REQUEST', 'yaml or json');
    expectBadInput(['generate-config', 'A100-40GB'], 'USAGE', '--gpu');
  });
});

describe('export --name (issue 11 item 8)', () => {
  test('a name YAML 1.1 would read as another value is written quoted; the name of the file\'s other config is refused', () => {
    const r = run(['export', '--format', 'mig-parted', '--gpu', 'A30-24GB', '--name', 'yes', '4g.24gb']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\n {2}"yes":\n/);
    assert.match(r.out, /nvidia\.com\/mig\.config=yes --overwrite/);
    expectBadInput(['export', '--format', 'mig-parted', '--gpu', 'A30-24GB', '--name', 'all-disabled', '4g.24gb'], 'USAGE', 'already has a config of that name');
  });
});

describe('export --format dra (issue 11 item 7)', () => {
  test('a model without profiles: every placement; a layout: its devices; help and bad format name dra', () => {
    const model = json(['export', '--format', 'dra', '--gpu', 'A100-40GB']);
    assert.equal(model.code, 0);
    assert.equal(model.body.kind, 'List');
    assert.deepEqual(model.body.items.map((s) => Object.keys(s.spec).includes('sharedCounters')), [true, false]);
    assert.equal(model.body.items[1].spec.devices.length, 25);
    const layout = json(['export', '--format', 'dra', '--gpu', 'A100-40GB', '3g.20gb', '2g.10gb']);
    assert.equal(layout.code, 0);
    assert.deepEqual(layout.body.items[1].spec.devices.map((d) => d.name), ['gpu-0-mig-2g10gb-14-0', 'gpu-0-mig-3g20gb-9-4']);
    const yaml = run(['export', '--format', 'dra', '--gpu', 'A100-40GB', '3g.20gb']);
    assert.equal(yaml.code, 0);
    assert.match(yaml.out, /^# .*\n(# .*\n)*---\napiVersion: "resource\.k8s\.io\/v1"\nkind: ResourceSlice\n/);
    assert.match(yaml.out, /k8s-dra-driver-gpu/);
    assert.match(run(['export', '--help']).out, /--format dra/);
    const unknown = json(['export', '--format', 'dra', '--gpu', 'RTX-PRO-4500-32GB']);
    assert.equal(unknown.code, 3);
    assert.equal(unknown.body.error.code, 'PLACEMENTS_UNKNOWN');
    assert.match(run(['export', '--format', 'nope', '--gpu', 'A100-40GB', '1g.5gb']).err, /dra/);
  });
});

describe('validate reads as mig-parted does (issue 11 item 8)', () => {
  test('a key given twice is read (the last wins, as mig-parted does) and the text output warns about it', () => {
    const file = join(tmp, 'twice.yaml');
    writeFileSync(file, 'version: v1\nmig-configs:\n  c:\n    - devices: all\n      mig-enabled: false\n  c:\n'
      + '    - devices: all\n      mig-enabled: true\n      mig-devices:\n        "1g.10gb": 1\n');
    const r = run(['validate', file, '--gpu', 'H100-SXM5-80GB']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Warnings \(mig-parted accepts these\):\n {2}line 6: the key 'c' appears twice/m);
    assert.match(r.out, /1g\.10gb x1/);
    const j = json(['validate', file, '--gpu', 'H100-SXM5-80GB']);
    assert.equal(j.body.warnings.length, 1);
    assert.equal(j.body.warnings[0].line, 6);
  });
});

describe('the guard every command runs inside', () => {
  // `migcalc _guard-self-test` (not listed by --help) throws inside the guard: the proof that a fault in migcalc is one
  // INTERNAL line and exit 4, never an abort (the module's twin: call('_guardSelfTest')).
  const oneLine = (text) => text.replace(/\n$/, '').split('\n');

  test('an exception inside a command is exit 4 with one line on stderr, its two-line text joined', () => {
    const r = run(['_guard-self-test']);
    assert.equal(r.code, 4, r.err);
    assert.equal(r.out, '', 'nothing on stdout without --json');
    assert.equal(oneLine(r.err).length, 1, `one line: ${JSON.stringify(r.err)}`);
    assert.match(r.err, /^migcalc: migcalc _guard-self-test failed inside migcalc \(the guard's self-test threw this on two lines\); the input was not at fault\. Please report it with the input\.\n$/);
  });

  test('with --json the same line is {"error": {"code": "INTERNAL", "message"}} on stdout', () => {
    const r = run(['_guard-self-test', '--json']);
    assert.equal(r.code, 4, r.err);
    const body = JSON.parse(r.out);
    assert.deepEqual(Object.keys(body), ['error']);
    assert.equal(body.error.code, 'INTERNAL');
    assert.equal(`migcalc: ${body.error.message}\n`, r.err);
    assert.equal(oneLine(r.err).length, 1);
  });

  test('an exhausted allocation and a thrown non-exception are caught the same way', () => {
    for (const [kind, what] of [['out-of-memory', 'out of memory'], ['other', 'unknown exception']]) {
      const r = run(['_guard-self-test', kind]);
      assert.equal(r.code, 4, kind);
      assert.equal(oneLine(r.err).length, 1, kind);
      assert.ok(r.err.includes(`failed inside migcalc (${what})`), r.err);
    }
  });

  test('the self-test is not a command for users: --help does not list it, a near miss is not suggested', () => {
    assert.ok(!run(['--help']).out.includes('_guard'));
    const near = run(['_guard-self-tst']);
    assert.equal(near.code, 2);
    assert.ok(!near.err.includes('_guard-self-test'), near.err);
  });
});

describe('a plan file is read by the typed reader of every door', () => {
  const file = (name, text) => { const p = join(tmp, name); writeFileSync(p, text); return p; };
  const demand = '"gpus": ["H100-SXM5-80GB"], "demand": [{"profile": "1g.10gb", "count": 9}]';

  test('a driver reads as check reads it: 535 and "R535" give the same plan (535 was once refused)', () => {
    const byNumber = json(['plan', file('driver-number.json', `{${demand}, "driver": 535}`)]);
    const byName = json(['plan', file('driver-name.json', `{${demand}, "driver": "R535"}`)]);
    assert.equal(byNumber.code, 0, byNumber.err);
    assert.equal(byName.code, 0, byName.err);
    const untimed = (b) => ({ ...b, solve_ms: 0 });
    assert.deepEqual(untimed(byNumber.body), untimed(byName.body));
    expectBadInput(['plan', file('driver-bad.json', `{${demand}, "driver": true}`)], 'BAD_DRIVER', 'driver is true; it must be a driver');
  });

  test('an existing GPU\'s instance is refused as check refuses the same fixed instance', () => {
    const plan = file('existing-start.json', `{${demand}, "existing": [{"model": "H100-SXM5-80GB", "instances": [{"profile": "3g.40gb", "start": "4"}]}]}`);
    const inPlan = expectBadInput(['plan', plan], 'BAD_FIXED', 'existing[0].instances[0].start is the text "4"');
    assert.match(inPlan.message, /it must be a whole number from 0 to 9999/);
  });
});
