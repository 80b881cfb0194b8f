// The page's state in the URL fragment, as a pure codec (no DOM): parse(hash) and serialize(state). Each key is
// one entry of the table KEYS below (how to read it, how to write it), used by both.
//
//   #v=1&gpu=H100-SXM5-80GB&req=3g.40gb:1,1g.10gb:3&fixed=1g.10gb@0&driver=R535&mode=seed&cap=132:80
//
// gpu     catalog key
// req     comma-separated PROFILE[:COUNT] (count 1..1000, 1 when missing); empty = nothing requested
// fixed   comma-separated PROFILE@START: instances already on the GPU (start 0..99)
// driver  "newest" (default, may be omitted) or a branch such as R535
// mode    "exact" (default, may be omitted) or "seed" (the simplified custom-capacity model)
// cap     seed mode only: TOTAL_SMS:TOTAL_GB of the hypothetical GPU
// rows    seed mode only: comma-separated NAME:SMS:GB:COUNT rows of the simplified model (count 0..1000; NAME
//         without ',' or ':')
// export  the export panel's format: "nvidia-smi" (default, may be omitted), "mig-parted", "k8s", "dra" or "json"
// device  the GPU index the export targets: 0 (default, may be omitted) to 15
//
// The fleet planner (mode=fleet; any of these keys gives the fleet state, missing ones are empty lists):
// demand   comma-separated MODEL/PROFILE[:COUNT] (count 0..1000000, 1 when missing; MODEL without ':'); `demand=`
//          demands nothing
// work     comma-separated NAME:GIB:COUNT[:MIN_SLICES][:media] workload needs (NAME without ',' or ':')
// inv      comma-separated MODEL[:AVAILABLE[:COST]] (empty AVAILABLE = no limit, empty COST = 1 per GPU); without
//          this key the inventory is the demand's models, unlimited, at cost 1
// compare  1 to plan the demand on each model alone too (0 or omitted: no comparison)
// fexport  the fleet export's format: "nvidia-smi" (default, may be omitted), "mig-parted", "k8s", "dra" or "json"
// fnode    the fleet export's GPUs per node (Kubernetes and JSON): 1 (default, may be omitted) to 64
// exist    comma-separated MODEL[:COUNT][/PROFILE@START[;PROFILE@START...]]: COUNT GPUs already partitioned (count
//          0..1000000, 1 when missing, start 0..64) whose instances stay; no '/' = no instances. ';' cannot occur
//          in a name ('+' can: 1g.10gb+me), e.g. exist=H100-SXM5-80GB:2/3g.40gb@4;1g.10gb@0
// fdriver  the fleet's driver: "newest" (default, may be omitted) or a branch such as R535
// flimit   the fleet's time limit per plan() call in seconds, 0.1 to 60 (omitted: the page's default)
// With mode=fleet, gpu may be omitted (the single-GPU view then shows its defaults).
//
// Values may be percent-encoded (each item, or a whole value with %2C between items). A literal '+' stays '+':
// the codec never uses URLSearchParams, which would turn it into a space. serialize() percent-encodes names.
//
// Limits (a longer or stranger fragment is refused with a sentence, never an exception or a long wait):
// - the whole fragment: at most 65,536 characters (MAX_FRAGMENT_CHARS), as written (percent-escapes count 3);
// - a name (GPU model, profile, row, workload): at most 200 characters (MAX_NAME_CHARS) once decoded, with no
//   control character (U+0000-U+001F, U+007F-U+009F) and no lone UTF-16 surrogate;
// - counts, starts and numbers: the ranges above (whole numbers of at most 6 or 7 digits, decimals of at most 4 or 6
//   places), so no number is ever read in exponent form or beyond what a double holds exactly.
// parse() never throws: a malformed fragment gives the defaults (a fleet link: the fleet planner with its
// defaults) and one sentence naming up to 5 of its problems and what each key accepts.
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.MigcalcLib = root.MigcalcLib || {}).fragment = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const VERSION = '1';
  const MAX_COUNT = 1000;
  const EXPORT_FORMATS = ['nvidia-smi', 'mig-parted', 'k8s', 'dra', 'json'];
  const MAX_DEVICE = 15;
  const MAX_FLEET_COUNT = 1000000;
  const MAX_GPUS_PER_NODE = 64;
  const MODES = ['exact', 'seed', 'fleet'];
  const MIN_TIME_LIMIT_S = 0.1;
  const MAX_TIME_LIMIT_S = 60;
  const MAX_FRAGMENT_CHARS = 65536;
  const MAX_NAME_CHARS = 200;
  const MAX_PROBLEMS_SHOWN = 5;
  const QUOTED_CHARS = 60; // a value quoted in a sentence is cut after this many characters

  function defaultState() {
    return {
      gpu: 'H100-SXM5-80GB',
      req: [{ profile: '3g.40gb', count: 1 }, { profile: '2g.20gb', count: 1 }, { profile: '1g.10gb', count: 2 }],
      fixed: [],
      driver: 'newest',
      mode: 'exact',
      cap: null,
      rows: null,
      export: 'nvidia-smi',
      device: 0,
      fleet: null, // the fleet planner's {demand, workloads, inventory, compare, existing, driver, time_limit_s}; null = its defaults
      fexport: 'nvidia-smi', // the fleet export's format
      fnode: 1, // the fleet export's GPUs per node
    };
  }

  class FragmentError extends Error {}

  /// A value as a sentence quotes it: cut after QUOTED_CHARS characters, so a huge value gives a short notice.
  function q(text) {
    const s = String(text);
    return s.length <= QUOTED_CHARS ? s : `${s.slice(0, QUOTED_CHARS)}… (${s.length} characters)`;
  }

  function decode(text, what) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      throw new FragmentError(`${what} '${q(text)}' is not valid percent-encoding`);
    }
  }

  // Split a list value on literal commas, decode each item; a whole value encoded with %2C also works.
  function items(raw, what) {
    if (raw === '') return [];
    const out = [];
    for (const part of raw.split(',')) {
      const decoded = decode(part, what);
      for (const item of decoded.split(',')) out.push(item.trim());
    }
    if (out.some((i) => i === '')) throw new FragmentError(`${what} '${q(decode(raw, what))}' has an empty item`);
    return out;
  }

  // C0 and C1 control characters, and UTF-16 surrogates that are not part of a pair (encodeURIComponent throws on
  // those, so serialize() could not write the name back).
  const BAD_CHARACTER = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

  /// A name as read: at most MAX_NAME_CHARS characters, no control character, no lone surrogate.
  function name(text, what) {
    if (text.length > MAX_NAME_CHARS) throw new FragmentError(`${what} '${q(text)}' is longer than ${MAX_NAME_CHARS} characters`);
    if (BAD_CHARACTER.test(text)) throw new FragmentError(`${what} '${q(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'))}' has a control character or a broken character; a name is printable text`);
    return text;
  }

  function wholeNumber(text, min, max, what) {
    if (!/^\d{1,6}$/.test(text)) throw new FragmentError(`${what} '${q(text)}' is not a whole number`);
    const n = Number(text);
    if (n < min || n > max) throw new FragmentError(`${what} ${n} is outside ${min}..${max}`);
    return n;
  }

  function number(text, what) {
    if (!/^\d{1,6}(\.\d{1,4})?$/.test(text)) throw new FragmentError(`${what} '${q(text)}' is not a number`);
    return Number(text);
  }

  /// Fleet numbers: counts up to 1,000,000, decimals (GiB, cost) with up to 6 decimals.
  function fleetCount(text, what) {
    if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_FLEET_COUNT) throw new FragmentError(`${what} '${q(text)}' is not a whole number from 0 to ${MAX_FLEET_COUNT}`);
    return Number(text);
  }

  function fleetNumber(text, what) {
    if (!/^\d{1,7}(\.\d{1,6})?$/.test(text) || !(Number(text) > 0)) throw new FragmentError(`${what} '${q(text)}' is not a number above 0`);
    return Number(text);
  }

  function oneOf(text, allowed, what) {
    if (!allowed.includes(text)) throw new FragmentError(`${what} '${q(text)}' is not ${allowed.length === 3 ? `'${allowed[0]}', '${allowed[1]}' or '${allowed[2]}'` : `one of ${allowed.join(', ')}`}`);
    return text;
  }

  function parseReq(item) {
    const colon = item.lastIndexOf(':');
    const profile = colon < 0 ? item : item.slice(0, colon);
    if (profile === '') throw new FragmentError(`request item '${q(item)}' has no profile`);
    name(profile, 'requested profile');
    const count = colon < 0 ? 1 : wholeNumber(item.slice(colon + 1), 1, MAX_COUNT, `count of ${q(profile)}`);
    return { profile, count };
  }

  function parseFixed(item) {
    const at = item.lastIndexOf('@');
    if (at <= 0) throw new FragmentError(`fixed instance '${q(item)}' is not PROFILE@START`);
    const profile = name(item.slice(0, at), 'fixed profile');
    return { profile, start: wholeNumber(item.slice(at + 1), 0, 99, `start of ${q(profile)}`) };
  }

  function parseRow(item) {
    const parts = item.split(':');
    if (parts.length !== 4 || parts[0] === '') throw new FragmentError(`row '${q(item)}' is not NAME:SMS:GB:COUNT`);
    return { name: name(parts[0], 'row name'), sms: number(parts[1], 'SMs'), memory_gb: number(parts[2], 'GB'), count: wholeNumber(parts[3], 0, MAX_COUNT, 'count') };
  }

  function parseCap(raw) {
    const text = decode(raw, 'cap');
    const [sms, gb, extra] = text.split(':');
    if (gb === undefined || extra !== undefined) throw new FragmentError(`cap '${q(text)}' is not TOTAL_SMS:TOTAL_GB`);
    return { total_sms: number(sms, 'total SMs'), total_memory_gb: number(gb, 'total GB') };
  }

  function parseDemand(item) {
    const slash = item.indexOf('/');
    const colon = item.lastIndexOf(':');
    const end = colon > slash ? colon : item.length;
    if (slash <= 0 || end === slash + 1) throw new FragmentError(`demand item '${q(item)}' is not MODEL/PROFILE:COUNT`);
    const model = name(item.slice(0, slash), 'demand model');
    // Without `inv` the demand's models become the inventory, whose items are MODEL:AVAILABLE:COST.
    if (model.includes(':')) throw new FragmentError(`demand model '${q(model)}' has a ':'; a model name has none`);
    const profile = name(item.slice(slash + 1, end), 'demand profile');
    return { model, profile, count: colon > slash ? fleetCount(item.slice(colon + 1), `count of ${q(profile)}`) : 1 };
  }

  function parseWorkload(item) {
    const parts = item.split(':');
    if (parts.length < 3 || parts.length > 5 || parts[0] === '') throw new FragmentError(`workload '${q(item)}' is not NAME:GIB:COUNT[:MIN_SLICES][:media]`);
    const n = name(parts[0], 'workload name');
    const w = { name: n, memory_gib: fleetNumber(parts[1], `memory of ${q(n)}`), count: fleetCount(parts[2], `count of ${q(n)}`), min_compute_slices: null, media: false };
    const rest = parts.slice(3);
    if (rest.length && rest[rest.length - 1] === 'media') {
      w.media = true;
      rest.pop();
    }
    if (rest.length && rest[0] !== '') w.min_compute_slices = wholeNumber(rest[0], 0, 1000, `minimum compute slices of ${q(n)}`);
    if (rest.length > 1 || (rest.length === 1 && rest[0] === '' && !w.media)) throw new FragmentError(`workload '${q(item)}' is not NAME:GIB:COUNT[:MIN_SLICES][:media]`);
    return w;
  }

  function parseInventory(item) {
    const [model, available, cost, extra] = item.split(':');
    if (model === '' || extra !== undefined) throw new FragmentError(`inventory item '${q(item)}' is not MODEL[:AVAILABLE[:COST]]`);
    name(model, 'inventory model');
    return { model, available: available ? fleetCount(available, `available ${q(model)}`) : null, cost: cost ? fleetNumber(cost, `cost of ${q(model)}`) : null };
  }

  function parseExisting(item) {
    const slash = item.indexOf('/');
    const head = slash < 0 ? item : item.slice(0, slash);
    const [model, count, extra] = head.split(':');
    if (model === '' || extra !== undefined || count === '') throw new FragmentError(`existing item '${q(item)}' is not MODEL[:COUNT][/PROFILE@START;...]`);
    name(model, 'existing model');
    const instances = slash < 0 || slash === item.length - 1 ? [] : item.slice(slash + 1).split(';').map((i) => {
      const at = i.lastIndexOf('@');
      if (at <= 0) throw new FragmentError(`existing instance '${q(i)}' of ${q(model)} is not PROFILE@START`);
      const profile = name(i.slice(0, at), 'existing profile');
      return { profile, start: wholeNumber(i.slice(at + 1), 0, 64, `start of ${q(profile)} on existing ${q(model)}`) };
    });
    return { model, count: count === undefined ? 1 : fleetCount(count, `count of existing ${q(model)}`), instances };
  }

  function driverOf(raw, what) {
    const d = decode(raw, what).trim();
    if (!/^(newest|R\d{3,4})$/i.test(d)) throw new FragmentError(`${what} '${q(d)}' is not 'newest' or a branch such as R535`);
    return d.toLowerCase() === 'newest' ? 'newest' : d.toUpperCase();
  }

  function timeLimit(raw) {
    const t = decode(raw, 'flimit').trim();
    if (!/^\d{1,2}(\.\d{1,3})?$/.test(t) || Number(t) < MIN_TIME_LIMIT_S || Number(t) > MAX_TIME_LIMIT_S) {
      throw new FragmentError(`time limit (flimit) '${q(t)}' is not a number of seconds from ${MIN_TIME_LIMIT_S} to ${MAX_TIME_LIMIT_S}`);
    }
    return Number(t);
  }

  function fleetOf(state) {
    if (!state.fleet) state.fleet = { demand: [], workloads: [], inventory: [], compare: false, existing: [], driver: 'newest', time_limit_s: null };
    return state.fleet;
  }

  // Names are written percent-encoded: '+' becomes %2B, so no reader can mistake it for a space.
  const enc = encodeURIComponent;
  const given = (v) => v !== null && v !== undefined;
  const fleetWritten = (fn) => (s) => (s.fleet ? fn(s.fleet) : null);

  function writeWorkload(w) {
    return [enc(w.name), w.memory_gib, w.count].concat(given(w.min_compute_slices) ? [w.min_compute_slices] : [], w.media ? ['media'] : []).join(':');
  }

  function writeInventory(g) {
    if (given(g.cost)) return `${enc(g.model)}:${given(g.available) ? g.available : ''}:${g.cost}`;
    return given(g.available) ? `${enc(g.model)}:${g.available}` : enc(g.model);
  }

  function writeExisting(e) {
    return `${enc(e.model)}:${e.count}${e.instances.length ? `/${e.instances.map((i) => `${enc(i.profile)}@${i.start}`).join(';')}` : ''}`;
  }

  /// The keys, in the order serialize() writes them. read(raw, state) reads the raw (still percent-encoded) value
  /// into the state or throws a FragmentError; write(state) gives the value to write, or null to leave the key out.
  const KEYS = [
    {
      key: 'v',
      read: (raw) => {
        const v = decode(raw, 'version');
        if (v !== VERSION) throw new FragmentError(`format version '${q(v)}' is not supported (this page reads v=${VERSION})`);
      },
      write: () => VERSION,
    },
    {
      key: 'gpu',
      read: (raw, s) => {
        const gpu = decode(raw, 'gpu').trim();
        if (gpu === '') throw new FragmentError('gpu is empty');
        s.gpu = name(gpu, 'gpu');
      },
      write: (s) => enc(s.gpu),
    },
    { key: 'req', read: (raw, s) => { s.req = items(raw, 'req').map(parseReq); }, write: (s) => s.req.map((r) => `${enc(r.profile)}:${r.count}`).join(',') },
    { key: 'fixed', read: (raw, s) => { s.fixed = items(raw, 'fixed').map(parseFixed); }, write: (s) => (s.fixed.length ? s.fixed.map((f) => `${enc(f.profile)}@${f.start}`).join(',') : null) },
    { key: 'driver', read: (raw, s) => { s.driver = driverOf(raw, 'driver'); }, write: (s) => (s.driver && s.driver !== 'newest' ? enc(s.driver) : null) },
    {
      key: 'export',
      read: (raw, s) => { s.export = oneOf(decode(raw, 'export'), EXPORT_FORMATS, 'export format'); },
      write: (s) => (s.export && s.export !== 'nvidia-smi' ? enc(s.export) : null),
    },
    { key: 'device', read: (raw, s) => { s.device = wholeNumber(decode(raw, 'device'), 0, MAX_DEVICE, 'device'); }, write: (s) => (s.device ? String(s.device) : null) },
    { key: 'mode', read: (raw, s) => { s.mode = oneOf(decode(raw, 'mode'), MODES, 'mode'); }, write: (s) => (s.mode === 'seed' || s.mode === 'fleet' ? s.mode : null) },
    { key: 'cap', read: (raw, s) => { s.cap = parseCap(raw); }, write: (s) => (s.mode === 'seed' && s.cap ? `${s.cap.total_sms}:${s.cap.total_memory_gb}` : null) },
    {
      key: 'rows',
      read: (raw, s) => { s.rows = items(raw, 'rows').map(parseRow); },
      write: (s) => (s.mode === 'seed' && s.rows ? s.rows.map((r) => `${enc(r.name)}:${r.sms}:${r.memory_gb}:${r.count}`).join(',') : null),
    },
    { key: 'demand', read: (raw, s) => { fleetOf(s).demand = items(raw, 'demand').map(parseDemand); }, write: fleetWritten((f) => f.demand.map((d) => `${enc(d.model)}/${enc(d.profile)}:${d.count}`).join(',')) },
    { key: 'work', read: (raw, s) => { fleetOf(s).workloads = items(raw, 'work').map(parseWorkload); }, write: fleetWritten((f) => (f.workloads.length ? f.workloads.map(writeWorkload).join(',') : null)) },
    { key: 'inv', read: (raw, s) => { fleetOf(s).inventory = items(raw, 'inv').map(parseInventory); }, write: fleetWritten((f) => f.inventory.map(writeInventory).join(',')) },
    {
      key: 'compare',
      read: (raw, s) => {
        const c = decode(raw, 'compare');
        if (c !== '0' && c !== '1') throw new FragmentError(`compare '${q(c)}' is not 1 or 0`);
        fleetOf(s).compare = c === '1';
      },
      write: fleetWritten((f) => (f.compare ? '1' : null)),
    },
    { key: 'exist', read: (raw, s) => { fleetOf(s).existing = items(raw, 'exist').map(parseExisting); }, write: fleetWritten((f) => (f.existing && f.existing.length ? f.existing.map(writeExisting).join(',') : null)) },
    { key: 'fdriver', read: (raw, s) => { fleetOf(s).driver = driverOf(raw, 'fleet driver (fdriver)'); }, write: fleetWritten((f) => (f.driver && f.driver !== 'newest' ? enc(f.driver) : null)) },
    { key: 'flimit', read: (raw, s) => { fleetOf(s).time_limit_s = timeLimit(raw); }, write: fleetWritten((f) => (given(f.time_limit_s) ? String(f.time_limit_s) : null)) },
    {
      key: 'fexport',
      read: (raw, s) => { s.fexport = oneOf(decode(raw, 'fexport'), EXPORT_FORMATS, 'fleet export format'); },
      write: (s) => (s.fexport && s.fexport !== 'nvidia-smi' ? enc(s.fexport) : null),
    },
    { key: 'fnode', read: (raw, s) => { s.fnode = wholeNumber(decode(raw, 'fnode'), 1, MAX_GPUS_PER_NODE, 'GPUs per node (fnode)'); }, write: (s) => (s.fnode && s.fnode !== 1 ? String(s.fnode) : null) },
  ];
  const KEY_NAMES = KEYS.map((k) => k.key);
  const BY_KEY = new Map(KEYS.map((k) => [k.key, k]));

  /// Read every key of `text` into a fresh state; each problem is a phrase added to the set `problems`.
  function read(text, problems) {
    const state = defaultState();
    state.req = [];
    state.gpu = null;
    const seen = new Set();
    let knownListed = false;
    for (const pair of text.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const raw = eq < 0 ? '' : pair.slice(eq + 1);
      try {
        if (seen.has(key)) throw new FragmentError(`key '${q(key)}' appears twice`);
        seen.add(key);
        const entry = BY_KEY.get(key);
        if (!entry) {
          const known = knownListed ? '' : ` (known: ${KEY_NAMES.join(', ')})`;
          knownListed = true;
          throw new FragmentError(`unknown key '${q(key)}'${known}`);
        }
        entry.read(raw, state);
      } catch (e) {
        if (!(e instanceof FragmentError)) throw e;
        problems.add(e.message);
      }
    }
    if (state.fleet && !seen.has('inv')) {
      const models = [...new Set(state.fleet.demand.map((d) => d.model))];
      state.fleet.inventory = models.map((model) => ({ model, available: null, cost: null }));
    }
    if (state.gpu === null && !seen.has('gpu')) {
      if (state.mode !== 'fleet' || seen.has('req') || seen.has('fixed')) problems.add('gpu is missing');
      const d = defaultState();
      state.gpu = d.gpu;
      state.req = d.req;
    }
    return state;
  }

  /// parse('#v=1&gpu=...') -> {state, error}: state is the defaults when the fragment is empty or malformed,
  /// and error (a sentence naming what is wrong) is null unless it was malformed. Never throws.
  function parse(hash) {
    const text = String(hash || '').replace(/^#/, '');
    if (text.trim() === '') return { state: defaultState(), error: null };
    const found = new Set(); // each problem once, however often it occurs
    let state = null;
    if (text.length > MAX_FRAGMENT_CHARS) {
      found.add(`it is ${text.length} characters long, and links of at most ${MAX_FRAGMENT_CHARS} characters are read`);
    } else {
      try {
        state = read(text, found);
      } catch (e) {
        found.add(`this page failed to read it (a bug: ${q(e && e.message)})`);
      }
    }
    if (found.size === 0) return { state, error: null };
    const problems = [...found];
    const fallback = defaultState();
    if (/(^|&)mode=fleet(&|$)/.test(text)) fallback.mode = 'fleet'; // a bad fleet link still opens the fleet planner, with its defaults
    const more = problems.length - MAX_PROBLEMS_SHOWN;
    const list = problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
    return { state: fallback, error: `The link could not be read: ${list}. Showing the default state instead.` };
  }

  /// serialize(state) -> '#v=1&gpu=...': the full state, names percent-encoded ('+' as %2B).
  function serialize(state) {
    const parts = [];
    for (const k of KEYS) {
      const value = k.write(state);
      if (value !== null) parts.push(`${k.key}=${value}`);
    }
    return '#' + parts.join('&');
  }

  return { parse, serialize, defaultState, KEY_NAMES, VERSION, MAX_COUNT, EXPORT_FORMATS, MAX_DEVICE, MAX_FLEET_COUNT, MAX_GPUS_PER_NODE, MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S,
    MAX_FRAGMENT_CHARS, MAX_NAME_CHARS };
});
