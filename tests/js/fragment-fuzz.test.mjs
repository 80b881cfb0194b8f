// A seeded fuzz of the URL-fragment codec (web/lib/fragment.js): random valid states round-trip exactly; 20,000
// fragments mutated from real serialized states, random text, percent-escapes, broken UTF-8 and UTF-16, and huge
// values never make parse() throw or take long, and always give a state the page can show and write back.
// MIGCALC_FUZZ_SEED and MIGCALC_FUZZ_RUNS change the seed and the number of mutated fragments; a failure names
// the seed and the case, so it can be replayed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webLib } from './module.mjs';

const fragment = webLib('fragment');
const { parse, serialize, defaultState, MAX_FRAGMENT_CHARS, MAX_NAME_CHARS } = fragment;

const SEED = Number(process.env.MIGCALC_FUZZ_SEED || 20261210) >>> 0;
const RUNS = Number(process.env.MIGCALC_FUZZ_RUNS || 20000);
const SLOW_MS = 1000; // one parse taking longer than this counts as a hang (most take well under 1 ms)

/// mulberry32: a small seeded generator, so every run of this file sees the same cases.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const chance = (p) => next() < p;
  const list = (max, make) => Array.from({ length: int(0, max) }, make);
  return { next, int, pick, chance, list };
}

// ---- valid states -------------------------------------------------------------------------------------------

const MODELS = ['H100-SXM5-80GB', 'A100-40GB', 'A30-24GB', 'RTX-PRO-6000-96GB', 'B200-180GB'];
const PROFILES = ['1g.10gb', '1g.10gb+me', '3g.40gb', '1c.3g.40gb', '1g.24gb+me.all', '2g.48gb-me', '7g.80gb'];
// Characters a name may hold, among them every one the codec gives a meaning to.
const NAME_CHARS = ['a', 'Z', '0', '9', '.', '-', '_', '+', ' ', '%', '&', '=', '#', '?', '/', '@', ';', ':', ',', '\'', '"', '<', '>',
  'é', 'Ω', '中', '😀', '\u00a0', '\u200b', '\ufeff'];

/// A random name without the characters `not` (the separators of its place in the fragment), no leading or
/// trailing white space (items are trimmed), 1..MAX_NAME_CHARS characters.
function randomName(g, not = '') {
  if (g.chance(0.5)) return g.pick(g.chance(0.5) ? MODELS : PROFILES);
  const length = g.chance(0.05) ? MAX_NAME_CHARS : g.int(1, 24);
  let s = '';
  while (s.length < length) {
    const c = g.pick(NAME_CHARS);
    if (!not.includes(c) && s.length + c.length <= length) s += c;
  }
  s = s.trim();
  return s === '' ? 'x' : s;
}

/// A decimal the codec reads back exactly: up to `digits` whole digits and `places` decimals, above 0 if `positive`.
function decimal(g, digits, places, positive) {
  const whole = g.int(0, 10 ** g.int(1, digits) - 1);
  const frac = g.int(0, 10 ** places - 1);
  const n = Number(`${whole}.${String(frac).padStart(places, '0')}`);
  return positive && n === 0 ? 1 : n;
}

function randomFleet(g) {
  return {
    demand: g.list(4, () => ({ model: randomName(g, ',/:'), profile: randomName(g, ','), count: g.int(0, 1000000) })),
    workloads: g.list(3, () => ({
      name: randomName(g, ',:'), memory_gib: decimal(g, 7, 6, true), count: g.int(0, 1000000),
      min_compute_slices: g.chance(0.5) ? null : g.int(0, 1000), media: g.chance(0.5),
    })),
    inventory: g.list(3, () => ({ model: randomName(g, ',:'), available: g.chance(0.5) ? null : g.int(0, 1000000), cost: g.chance(0.5) ? null : decimal(g, 7, 6, true) })),
    compare: g.chance(0.5),
    existing: g.list(3, () => ({ model: randomName(g, ',:/'), count: g.int(0, 1000000), instances: g.list(3, () => ({ profile: randomName(g, ',;'), start: g.int(0, 64) })) })),
    driver: g.pick(['newest', 'R535', 'R1234']),
    time_limit_s: g.chance(0.5) ? null : Math.max(0.1, g.int(100, 60000) / 1000),
  };
}

/// A random state that the page could hold and the codec can carry.
function randomState(g) {
  const s = defaultState();
  s.gpu = randomName(g);
  s.req = g.list(5, () => ({ profile: randomName(g, ','), count: g.int(1, 1000) }));
  s.fixed = g.list(3, () => ({ profile: randomName(g, ','), start: g.int(0, 99) }));
  s.driver = g.pick(['newest', 'R535', 'R580', 'R1234']);
  s.mode = g.pick(['exact', 'seed', 'fleet']);
  if (s.mode === 'seed') {
    s.cap = g.chance(0.8) ? { total_sms: decimal(g, 6, 4), total_memory_gb: decimal(g, 6, 4) } : null;
    s.rows = g.chance(0.8) ? g.list(4, () => ({ name: randomName(g, ',:'), sms: decimal(g, 6, 4), memory_gb: decimal(g, 6, 4), count: g.int(0, 1000) })) : null;
  }
  s.export = g.pick(fragment.EXPORT_FORMATS);
  s.device = g.int(0, 15);
  s.fleet = g.chance(0.4) ? randomFleet(g) : null;
  s.fexport = g.pick(fragment.EXPORT_FORMATS);
  s.fnode = g.int(1, 64);
  return s;
}

// ---- what every answer of parse() must be ----------------------------------------------------------------------

const isInt = (n, lo, hi) => Number.isInteger(n) && n >= lo && n <= hi;
const isNum = (n, lo, hi) => typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;
// A name as the page may hold it: a string of 1..MAX_NAME_CHARS characters, printable, well-formed UTF-16.
const isName = (s) => typeof s === 'string' && s.length >= 1 && s.length <= MAX_NAME_CHARS
  && !/[\u0000-\u001f\u007f-\u009f]/.test(s) && (() => { try { encodeURIComponent(s); return true; } catch { return false; } })();
const isDriver = (d) => d === 'newest' || /^R\d{3,4}$/.test(d);
const arrayOf = (a, check) => Array.isArray(a) && a.every(check);
const exactKeys = (o, keys) => o !== null && typeof o === 'object' && Object.keys(o).sort().join() === [...keys].sort().join();

/// The reasons `s` is not a state the page can show (empty when it is one).
function problemsOf(s) {
  const bad = [];
  const want = (ok, what) => { if (!ok) bad.push(what); };
  want(exactKeys(s, Object.keys(defaultState())), 'keys');
  want(isName(s.gpu), 'gpu');
  want(arrayOf(s.req, (r) => exactKeys(r, ['profile', 'count']) && isName(r.profile) && isInt(r.count, 1, 1000)), 'req');
  want(arrayOf(s.fixed, (f) => exactKeys(f, ['profile', 'start']) && isName(f.profile) && isInt(f.start, 0, 99)), 'fixed');
  want(isDriver(s.driver), 'driver');
  want(['exact', 'seed', 'fleet'].includes(s.mode), 'mode');
  want(s.cap === null || (exactKeys(s.cap, ['total_sms', 'total_memory_gb']) && isNum(s.cap.total_sms, 0, 1e6) && isNum(s.cap.total_memory_gb, 0, 1e6)), 'cap');
  want(s.rows === null || arrayOf(s.rows, (r) => exactKeys(r, ['name', 'sms', 'memory_gb', 'count']) && isName(r.name) && !/[,:]/.test(r.name)
    && isNum(r.sms, 0, 1e6) && isNum(r.memory_gb, 0, 1e6) && isInt(r.count, 0, 1000)), 'rows');
  want(fragment.EXPORT_FORMATS.includes(s.export) && fragment.EXPORT_FORMATS.includes(s.fexport), 'export formats');
  want(isInt(s.device, 0, 15) && isInt(s.fnode, 1, 64), 'device, fnode');
  const f = s.fleet;
  want(f === null || (exactKeys(f, ['demand', 'workloads', 'inventory', 'compare', 'existing', 'driver', 'time_limit_s'])
    && arrayOf(f.demand, (d) => exactKeys(d, ['model', 'profile', 'count']) && isName(d.model) && isName(d.profile) && isInt(d.count, 0, 1e6))
    && arrayOf(f.workloads, (w) => exactKeys(w, ['name', 'memory_gib', 'count', 'min_compute_slices', 'media']) && isName(w.name) && !/[,:]/.test(w.name)
      && isNum(w.memory_gib, 1e-6, 1e7) && w.memory_gib > 0 && isInt(w.count, 0, 1e6) && (w.min_compute_slices === null || isInt(w.min_compute_slices, 0, 1000)) && typeof w.media === 'boolean')
    && arrayOf(f.inventory, (i) => exactKeys(i, ['model', 'available', 'cost']) && isName(i.model) && (i.available === null || isInt(i.available, 0, 1e6))
      && (i.cost === null || (isNum(i.cost, 1e-6, 1e7) && i.cost > 0)))
    && typeof f.compare === 'boolean' && isDriver(f.driver) && (f.time_limit_s === null || isNum(f.time_limit_s, 0.1, 60))
    && arrayOf(f.existing, (e) => exactKeys(e, ['model', 'count', 'instances']) && isName(e.model) && isInt(e.count, 0, 1e6)
      && arrayOf(e.instances, (i) => exactKeys(i, ['profile', 'start']) && isName(i.profile) && isInt(i.start, 0, 64)))), 'fleet');
  return bad;
}

const shown = (text) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);

/// parse(text) must answer quickly, without throwing, with a valid state; a malformed text gives the defaults and
/// a short sentence; whatever state it gives, the page can write it and read it back the same.
function check(text, where) {
  const t0 = performance.now();
  let r;
  try {
    r = parse(text);
  } catch (e) {
    assert.fail(`${where}: parse threw ${e && e.stack} on ${shown(text)}`);
  }
  const ms = performance.now() - t0;
  assert.ok(ms < SLOW_MS, `${where}: parse took ${ms.toFixed(0)} ms on ${shown(text)}`);
  assert.ok(exactKeys(r, ['state', 'error']), `${where}: answer keys ${Object.keys(r)}`);
  assert.deepEqual(problemsOf(r.state), [], `${where}: not a valid state from ${shown(text)}: ${JSON.stringify(r.state).slice(0, 500)}`);
  if (r.error !== null) {
    assert.equal(typeof r.error, 'string');
    assert.match(r.error, /^The link could not be read: .+\. Showing the default state instead\.$/s, `${where}: ${r.error}`);
    assert.doesNotMatch(r.error, /a bug/, `${where}: ${shown(text)} -> ${r.error}`);
    assert.ok(r.error.length < 2000, `${where}: a notice of ${r.error.length} characters`);
    const defaults = defaultState();
    if (r.state.mode === 'fleet') defaults.mode = 'fleet';
    assert.deepEqual(r.state, defaults, `${where}: a malformed fragment gives the defaults`);
  }
  let hash;
  try {
    hash = serialize(r.state);
  } catch (e) {
    assert.fail(`${where}: serialize threw ${e && e.message} on the state read from ${shown(text)}`);
  }
  const again = parse(hash);
  if (hash.length - 1 > MAX_FRAGMENT_CHARS) {
    // Names are written percent-encoded, so a long fragment of raw characters can come back too long to read.
    assert.match(again.error, /characters long/);
    return r;
  }
  assert.equal(again.error, null, `${where}: ${shown(text)} -> ${shown(hash)}`);
  assert.equal(serialize(again.state), hash, `${where}: ${shown(text)}`);
  return r;
}

// ---- mutations ------------------------------------------------------------------------------------------------

const TOKENS = ['&', '=', ',', ':', '/', '@', ';', '%', '#', '+', ' ', '.', '-', '%2C', '%3A', '%2F', '%40', '%3B', '%26', '%3D', '%25', '%2B',
  '%20', '%E0%A4%A', '%ED%A0%80', '%F0%9F%98', '%FF', '%C0%AF', '%00', '%0A', '%1F', '%7F', '%C2%85', '%E2%80%AE', '%F4%90%80%80',
  '\u0000', '\n', '\ud800', '\udc00', '😀', 'é', '\u202e', '-1', '0', '00', '1', '7', '1e400', '1e3', '0x10', 'NaN', 'Infinity', '999999999',
  '1000001', '1000000', '0.1', '60.001', '.5', '5.', '1.1234567', '99999999999', 'media', 'newest', 'R535', 'r5', 'seed', 'fleet', 'exact',
  'mode=fleet', 'mode=seed', 'v=1', 'v=2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype',
  ...fragment.KEY_NAMES.map((k) => `${k}=`), ...fragment.KEY_NAMES.map((k) => `&${k}=`)];

function randomToken(g) {
  if (g.chance(0.15)) return `%${g.int(0, 255).toString(16).padStart(2, g.chance(0.5) ? '0' : 'G')}`;
  if (g.chance(0.1)) return String.fromCharCode(g.int(0, 0xffff));
  if (g.chance(0.05)) return String(g.int(0, 2 ** 31)) + (g.chance(0.5) ? `.${g.int(0, 10 ** 8)}` : '');
  return g.pick(TOKENS);
}

function mutate(g, text) {
  let s = text;
  const at = () => g.int(0, s.length);
  for (let n = g.int(1, 4); n > 0; n--) {
    const kind = g.int(0, 8);
    if (kind === 0 && s.length) { // delete a slice
      const i = at();
      s = s.slice(0, i) + s.slice(Math.min(s.length, i + g.int(1, 12)));
    } else if (kind === 1 || kind === 2) { // insert tokens
      const i = at();
      let add = '';
      for (let k = g.int(1, 3); k > 0; k--) add += randomToken(g);
      s = s.slice(0, i) + add + s.slice(i);
    } else if (kind === 3 && s.length) { // repeat a slice
      const i = at();
      const piece = s.slice(i, i + g.int(1, 40));
      s = s.slice(0, i) + piece.repeat(g.int(2, 20)) + s.slice(i);
    } else if (kind === 4) { // swap or drop '&' pairs
      const pairs = s.split('&');
      if (pairs.length > 1) {
        const i = g.int(0, pairs.length - 1), j = g.int(0, pairs.length - 1);
        if (g.chance(0.5)) [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
        else pairs.splice(i, 1);
        s = pairs.join('&');
      }
    } else if (kind === 5) { // a number replaced
      s = s.replace(/\d+(\.\d+)?/, () => g.pick(['0', '-1', '1001', '65', '100', '1000000', '1000001', '4294967296', '1e400', '0.00000001', '9'.repeat(g.int(1, 40)), '']));
    } else if (kind === 6) { // percent-encode a slice, or decode one
      const i = at();
      const j = Math.min(s.length, i + g.int(1, 30));
      let piece;
      try { piece = g.chance(0.5) ? encodeURIComponent(s.slice(i, j)) : decodeURIComponent(s.slice(i, j)); } catch { piece = s.slice(i, j); }
      s = s.slice(0, i) + piece + s.slice(j);
    } else if (kind === 7 && g.chance(0.05)) { // a very long value: around the fragment's and a name's limits
      const length = g.pick([MAX_NAME_CHARS, MAX_NAME_CHARS + 1, 1000, MAX_FRAGMENT_CHARS - s.length, MAX_FRAGMENT_CHARS + 1, 200000]);
      const unit = g.pick(['a', ',', '%41', ':', 'a,', 'x:1,', '&', '%', '😀', '1g.10gb@0;']);
      const i = at();
      s = s.slice(0, i) + unit.repeat(Math.max(1, Math.ceil(length / unit.length))) + s.slice(i);
    } else if (kind === 8) { // a key renamed or doubled
      s += `&${g.pick(fragment.KEY_NAMES)}=${randomToken(g)}`;
    }
  }
  return s;
}

function randomText(g) {
  let s = g.chance(0.5) ? '#' : '';
  for (let n = g.int(0, 40); n > 0; n--) s += randomToken(g);
  return s;
}

// ---- the tests ------------------------------------------------------------------------------------------------

test('random valid states round-trip exactly: parse(serialize(s)) is s, serialize(parse(serialize(s))) is serialize(s)', () => {
  const g = generator(SEED);
  for (let i = 0; i < 3000; i++) {
    const s = randomState(g);
    const hash = serialize(s);
    assert.ok(hash.length <= MAX_FRAGMENT_CHARS, `seed ${SEED} state ${i}: ${hash.length} characters`);
    const r = parse(hash);
    assert.equal(r.error, null, `seed ${SEED} state ${i}: ${shown(hash)}`);
    assert.deepEqual(r.state, s, `seed ${SEED} state ${i}: ${shown(hash)}`);
    assert.equal(serialize(r.state), hash, `seed ${SEED} state ${i}`);
    assert.deepEqual(problemsOf(s), [], `seed ${SEED} state ${i}: the generator made an invalid state`);
  }
});

test(`${RUNS} fragments mutated from serialized states never throw or hang, and give a valid state`, () => {
  const g = generator(SEED ^ 0x5eed);
  let malformed = 0;
  let read = 0;
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const text = mutate(g, serialize(g.chance(0.2) ? defaultState() : randomState(g)));
    const r = check(text, `seed ${SEED} mutation ${i}`);
    if (r.error) malformed++;
    else read++;
  }
  // Both outcomes must be common, or the mutations test only one of them.
  assert.ok(malformed > RUNS / 10 && read > RUNS / 20, `${malformed} malformed, ${read} read`);
  assert.ok(performance.now() - t0 < 60000, 'the whole fuzz took over a minute');
});

test('random text, random code units and percent-escapes never throw or hang', () => {
  const g = generator(SEED ^ 0xbadf00d);
  for (let i = 0; i < 5000; i++) check(randomText(g), `seed ${SEED} text ${i}`);
  for (let i = 0; i < 1000; i++) {
    let s = '';
    for (let n = g.int(0, 200); n > 0; n--) s += String.fromCharCode(g.int(0, 0xffff));
    check(s, `seed ${SEED} code units ${i}`);
  }
});

test('huge and hostile fragments are refused quickly, naming the limit', () => {
  const big = MAX_FRAGMENT_CHARS + 1;
  const cases = [
    ['&'.repeat(MAX_FRAGMENT_CHARS), /: gpu is missing\./],
    ['&'.repeat(1 << 20), /it is 1048576 characters long, and links of at most 65536 characters are read/],
    ['%'.repeat(1 << 20), /characters long, and links of at most 65536 characters are read/],
    [`gpu=${'a'.repeat(big)}`, /characters long/],
    [`gpu=A100-40GB&req=${'1g.5gb,'.repeat(9000)}1g.5gb`, null],
    [`gpu=A100-40GB&req=${'a,'.repeat(32000)}`, /empty item/],
    [`gpu=A100-40GB&req=${'%2C'.repeat(21000)}`, /empty item/],
    [`gpu=${'%41'.repeat(MAX_NAME_CHARS + 1)}`, /gpu 'A{60}… \(201 characters\)' is longer than 200 characters/],
    [`gpu=${'%41'.repeat(MAX_NAME_CHARS)}`, null],
    [`gpu=A100-40GB&rows=${'x'.repeat(MAX_NAME_CHARS + 1)}:1:1:1`, /row name .* is longer than 200 characters/],
    ['mode=fleet&work=' + `${'w'.repeat(5000)}:1:1`, /workload name .* longer than 200/],
    [`gpu=A%0A100`, /gpu 'A\?100' has a control character/],
    [`gpu=A100-40GB&req=%ED%A0%80`, /not valid percent-encoding/],
    [`gpu=A100-40GB&req=\ud800:1`, /requested profile '.*' has a control character or a broken character/],
    [`${'x=1&'.repeat(16000)}gpu=A100-40GB`, /unknown key 'x' \(known: v, gpu, [^)]*\); key 'x' appears twice\. Showing/],
    [`gpu=A100-40GB&${'mode=fleet&'.repeat(5000)}`, /: key 'mode' appears twice\. Showing/],
    [Array.from({ length: 8 }, (_, i) => `k${i}=1`).join('&'), /unknown key 'k0' \(known: [^)]*\); unknown key 'k1'; unknown key 'k2'; unknown key 'k3'; unknown key 'k4'; and 4 more problems\./],
    ['gpu=A100-40GB&__proto__=1&constructor=2&toString=3', /unknown key '__proto__'.*unknown key 'constructor'; unknown key 'toString'/],
    [`gpu=A100-40GB&req=1g.5gb:${'9'.repeat(50000)}`, /count of 1g\.5gb '9{60}… \(50000 characters\)' is not a whole number/],
    [`mode=fleet&demand=A30-24GB/1g.6gb:1e400`, /not a whole number from 0 to 1000000/],
    [`mode=fleet&exist=A30-24GB/${'1g.6gb@0;'.repeat(7000)}`, /existing instance '' of A30-24GB is not PROFILE@START/],
  ];
  for (const [text, expected] of cases) {
    const r = check(text, `hostile ${shown(text)}`);
    if (expected === null) assert.equal(r.error, null, shown(text));
    else assert.match(r.error || '', expected, shown(text));
  }
  assert.equal(parse(`#gpu=${'%41'.repeat(MAX_NAME_CHARS)}`).state.gpu, 'A'.repeat(MAX_NAME_CHARS));
  assert.equal(parse(`#mode=fleet&gpu=${'a'.repeat(big)}`).state.mode, 'fleet', 'a bad fleet link opens the fleet planner');
});

test('a fragment within the limit is read whole: 6,000 items of one request', () => {
  const hash = `#v=1&gpu=A100-40GB&req=${Array.from({ length: 6000 }, (_, i) => `p${i}:${(i % 1000) + 1}`).join(',')}`;
  assert.ok(hash.length < MAX_FRAGMENT_CHARS);
  const r = parse(hash);
  assert.equal(r.error, null);
  assert.equal(r.state.req.length, 6000);
  assert.ok(serialize(r.state) === hash, 'serialize writes the same fragment back');
});
