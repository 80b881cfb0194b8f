// The page's state in the URL fragment, as a pure codec (no DOM): parse(hash) and serialize(state).
//
//   #v=1&gpu=H100-SXM5-80GB&req=3g.40gb:1,1g.10gb:3&fixed=1g.10gb@0&driver=R535&mode=seed&cap=132:80
//
// gpu     catalog key
// req     comma-separated PROFILE[:COUNT] (count 1..1000, 1 when missing); empty = nothing requested
// fixed   comma-separated PROFILE@START: instances already on the GPU
// driver  "newest" (default, may be omitted) or a branch such as R535
// mode    "exact" (default, may be omitted) or "seed" (the simplified custom-capacity model)
// cap     seed mode only: TOTAL_SMS:TOTAL_GB of the hypothetical GPU
// rows    seed mode only: comma-separated NAME:SMS:GB:COUNT rows of the simplified model
// export  the export panel's format: "nvidia-smi" (default, may be omitted), "mig-parted", "k8s" or "json"
// device  the GPU index the export targets: 0 (default, may be omitted) to 15
//
// The fleet planner (mode=fleet; any of these keys gives the fleet state, missing ones are empty lists):
// demand   comma-separated MODEL/PROFILE[:COUNT] (count 0..1000000, 1 when missing); `demand=` demands nothing
// work     comma-separated NAME:GIB:COUNT[:MIN_SLICES][:media] workload needs (NAME without ',' or ':')
// inv      comma-separated MODEL[:AVAILABLE[:COST]] (empty AVAILABLE = no limit, empty COST = 1 per GPU); without
//          this key the inventory is the demand's models, unlimited, at cost 1
// compare  1 to plan the demand on each model alone too (0 or omitted: no comparison)
// fexport  the fleet export's format: "nvidia-smi" (default, may be omitted), "mig-parted", "k8s" or "json"
// fnode    the fleet export's GPUs per node (Kubernetes and JSON): 1 (default, may be omitted) to 64
// exist    comma-separated MODEL[:COUNT][/PROFILE@START[;PROFILE@START...]]: COUNT GPUs already partitioned (count
//          0..1000000, 1 when missing) whose instances stay; no '/' = no instances. ';' cannot occur in a name
//          ('+' can: 1g.10gb+me), e.g. exist=H100-SXM5-80GB:2/3g.40gb@4;1g.10gb@0
// fdriver  the fleet's driver: "newest" (default, may be omitted) or a branch such as R535
// flimit   the fleet's time limit per plan() call in seconds, 0.1 to 60 (omitted: the page's default)
// With mode=fleet, gpu may be omitted (the single-GPU view then shows its defaults).
//
// Values may be percent-encoded (each item, or a whole value with %2C between items). A literal '+' stays '+':
// the codec never uses URLSearchParams, which would turn it into a space. serialize() percent-encodes names.
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.MigcalcLib = root.MigcalcLib || {}).fragment = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const VERSION = '1';
  const MAX_COUNT = 1000;
  const EXPORT_FORMATS = ['nvidia-smi', 'mig-parted', 'k8s', 'json'];
  const MAX_DEVICE = 15;
  const MAX_FLEET_COUNT = 1000000;
  const MAX_GPUS_PER_NODE = 64;
  const MODES = ['exact', 'seed', 'fleet'];
  const MIN_TIME_LIMIT_S = 0.1;
  const MAX_TIME_LIMIT_S = 60;

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

  function decode(text, what) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      throw new FragmentError(`${what} '${text}' is not valid percent-encoding`);
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
    if (out.some((i) => i === '')) throw new FragmentError(`${what} '${decode(raw, what)}' has an empty item`);
    return out;
  }

  function wholeNumber(text, min, max, what) {
    if (!/^\d{1,6}$/.test(text)) throw new FragmentError(`${what} '${text}' is not a whole number`);
    const n = Number(text);
    if (n < min || n > max) throw new FragmentError(`${what} ${n} is outside ${min}..${max}`);
    return n;
  }

  function number(text, what) {
    if (!/^\d{1,6}(\.\d{1,4})?$/.test(text)) throw new FragmentError(`${what} '${text}' is not a number`);
    return Number(text);
  }

  /// Fleet numbers: counts up to 1,000,000, decimals (GiB, cost) with up to 6 decimals.
  function fleetCount(text, what) {
    if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_FLEET_COUNT) throw new FragmentError(`${what} '${text}' is not a whole number from 0 to ${MAX_FLEET_COUNT}`);
    return Number(text);
  }

  function fleetNumber(text, what) {
    if (!/^\d{1,7}(\.\d{1,6})?$/.test(text) || !(Number(text) > 0)) throw new FragmentError(`${what} '${text}' is not a number above 0`);
    return Number(text);
  }

  function parseDemand(item) {
    const slash = item.indexOf('/');
    const colon = item.lastIndexOf(':');
    const end = colon > slash ? colon : item.length;
    if (slash <= 0 || end === slash + 1) throw new FragmentError(`demand item '${item}' is not MODEL/PROFILE:COUNT`);
    const profile = item.slice(slash + 1, end);
    return { model: item.slice(0, slash), profile, count: colon > slash ? fleetCount(item.slice(colon + 1), `count of ${profile}`) : 1 };
  }

  function parseWorkload(item) {
    const parts = item.split(':');
    if (parts.length < 3 || parts.length > 5 || parts[0] === '') throw new FragmentError(`workload '${item}' is not NAME:GIB:COUNT[:MIN_SLICES][:media]`);
    const w = { name: parts[0], memory_gib: fleetNumber(parts[1], `memory of ${parts[0]}`), count: fleetCount(parts[2], `count of ${parts[0]}`), min_compute_slices: null, media: false };
    const rest = parts.slice(3);
    if (rest.length && rest[rest.length - 1] === 'media') {
      w.media = true;
      rest.pop();
    }
    if (rest.length && rest[0] !== '') w.min_compute_slices = wholeNumber(rest[0], 0, 1000, `minimum compute slices of ${parts[0]}`);
    if (rest.length > 1 || (rest.length === 1 && rest[0] === '' && !w.media)) throw new FragmentError(`workload '${item}' is not NAME:GIB:COUNT[:MIN_SLICES][:media]`);
    return w;
  }

  function parseInventory(item) {
    const [model, available, cost, extra] = item.split(':');
    if (model === '' || extra !== undefined) throw new FragmentError(`inventory item '${item}' is not MODEL[:AVAILABLE[:COST]]`);
    return { model, available: available ? fleetCount(available, `available ${model}`) : null, cost: cost ? fleetNumber(cost, `cost of ${model}`) : null };
  }

  function parseExisting(item) {
    const slash = item.indexOf('/');
    const head = slash < 0 ? item : item.slice(0, slash);
    const [model, count, extra] = head.split(':');
    if (model === '' || extra !== undefined || count === '') throw new FragmentError(`existing item '${item}' is not MODEL[:COUNT][/PROFILE@START;...]`);
    const instances = slash < 0 || slash === item.length - 1 ? [] : item.slice(slash + 1).split(';').map((i) => {
      const at = i.lastIndexOf('@');
      if (at <= 0) throw new FragmentError(`existing instance '${i}' of ${model} is not PROFILE@START`);
      return { profile: i.slice(0, at), start: wholeNumber(i.slice(at + 1), 0, 64, `start of ${i.slice(0, at)} on existing ${model}`) };
    });
    return { model, count: count === undefined ? 1 : fleetCount(count, `count of existing ${model}`), instances };
  }

  function driverOf(raw, what) {
    const d = decode(raw, what).trim();
    if (!/^(newest|R\d{3,4})$/i.test(d)) throw new FragmentError(`${what} '${d}' is not 'newest' or a branch such as R535`);
    return d.toLowerCase() === 'newest' ? 'newest' : d.toUpperCase();
  }

  function timeLimit(raw) {
    const t = decode(raw, 'flimit').trim();
    if (!/^\d{1,2}(\.\d{1,3})?$/.test(t) || Number(t) < MIN_TIME_LIMIT_S || Number(t) > MAX_TIME_LIMIT_S) {
      throw new FragmentError(`time limit (flimit) '${t}' is not a number of seconds from ${MIN_TIME_LIMIT_S} to ${MAX_TIME_LIMIT_S}`);
    }
    return Number(t);
  }

  function fleetOf(state) {
    if (!state.fleet) state.fleet = { demand: [], workloads: [], inventory: [], compare: false, existing: [], driver: 'newest', time_limit_s: null };
    return state.fleet;
  }

  function parseReq(item) {
    const colon = item.lastIndexOf(':');
    const profile = colon < 0 ? item : item.slice(0, colon);
    if (profile === '') throw new FragmentError(`request item '${item}' has no profile`);
    const count = colon < 0 ? 1 : wholeNumber(item.slice(colon + 1), 1, MAX_COUNT, `count of ${profile}`);
    return { profile, count };
  }

  function parseFixed(item) {
    const at = item.lastIndexOf('@');
    if (at <= 0) throw new FragmentError(`fixed instance '${item}' is not PROFILE@START`);
    return { profile: item.slice(0, at), start: wholeNumber(item.slice(at + 1), 0, 99, `start of ${item.slice(0, at)}`) };
  }

  function parseRow(item) {
    const parts = item.split(':');
    if (parts.length !== 4 || parts[0] === '') throw new FragmentError(`row '${item}' is not NAME:SMS:GB:COUNT`);
    return { name: parts[0], sms: number(parts[1], 'SMs'), memory_gb: number(parts[2], 'GB'), count: wholeNumber(parts[3], 0, MAX_COUNT, 'count') };
  }

  /// parse('#v=1&gpu=...') -> {state, error}: state is the defaults when the fragment is empty or malformed,
  /// and error (a sentence naming what is wrong) is null unless it was malformed.
  function parse(hash) {
    const text = String(hash || '').replace(/^#/, '');
    if (text.trim() === '') return { state: defaultState(), error: null };
    const fleetMode = /(^|&)mode=fleet(&|$)/.test(text);
    try {
      const state = defaultState();
      state.req = [];
      state.gpu = null;
      const seen = new Set();
      for (const pair of text.split('&')) {
        if (pair === '') continue;
        const eq = pair.indexOf('=');
        const key = eq < 0 ? pair : pair.slice(0, eq);
        const raw = eq < 0 ? '' : pair.slice(eq + 1);
        if (seen.has(key)) throw new FragmentError(`key '${key}' appears twice`);
        seen.add(key);
        if (key === 'v') {
          if (decode(raw, 'version') !== VERSION) throw new FragmentError(`format version '${decode(raw, 'version')}' is not supported (this page reads v=${VERSION})`);
        } else if (key === 'gpu') {
          state.gpu = decode(raw, 'gpu').trim();
          if (state.gpu === '') throw new FragmentError('gpu is empty');
        } else if (key === 'req') {
          state.req = items(raw, 'req').map(parseReq);
        } else if (key === 'fixed') {
          state.fixed = items(raw, 'fixed').map(parseFixed);
        } else if (key === 'driver') {
          state.driver = driverOf(raw, 'driver');
        } else if (key === 'mode') {
          const m = decode(raw, 'mode');
          if (!MODES.includes(m)) throw new FragmentError(`mode '${m}' is not 'exact', 'seed' or 'fleet'`);
          state.mode = m;
        } else if (key === 'cap') {
          const [sms, gb, extra] = decode(raw, 'cap').split(':');
          if (gb === undefined || extra !== undefined) throw new FragmentError(`cap '${decode(raw, 'cap')}' is not TOTAL_SMS:TOTAL_GB`);
          state.cap = { total_sms: number(sms, 'total SMs'), total_memory_gb: number(gb, 'total GB') };
        } else if (key === 'rows') {
          state.rows = items(raw, 'rows').map(parseRow);
        } else if (key === 'export') {
          const f = decode(raw, 'export');
          if (!EXPORT_FORMATS.includes(f)) throw new FragmentError(`export format '${f}' is not one of ${EXPORT_FORMATS.join(', ')}`);
          state.export = f;
        } else if (key === 'device') {
          state.device = wholeNumber(decode(raw, 'device'), 0, MAX_DEVICE, 'device');
        } else if (key === 'fexport') {
          const f = decode(raw, 'fexport');
          if (!EXPORT_FORMATS.includes(f)) throw new FragmentError(`fleet export format '${f}' is not one of ${EXPORT_FORMATS.join(', ')}`);
          state.fexport = f;
        } else if (key === 'fnode') {
          state.fnode = wholeNumber(decode(raw, 'fnode'), 1, MAX_GPUS_PER_NODE, 'GPUs per node (fnode)');
        } else if (key === 'demand') {
          fleetOf(state).demand = items(raw, 'demand').map(parseDemand);
        } else if (key === 'work') {
          fleetOf(state).workloads = items(raw, 'work').map(parseWorkload);
        } else if (key === 'inv') {
          fleetOf(state).inventory = items(raw, 'inv').map(parseInventory);
        } else if (key === 'compare') {
          const c = decode(raw, 'compare');
          if (c !== '0' && c !== '1') throw new FragmentError(`compare '${c}' is not 1 or 0`);
          fleetOf(state).compare = c === '1';
        } else if (key === 'exist') {
          fleetOf(state).existing = items(raw, 'exist').map(parseExisting);
        } else if (key === 'fdriver') {
          fleetOf(state).driver = driverOf(raw, 'fleet driver (fdriver)');
        } else if (key === 'flimit') {
          fleetOf(state).time_limit_s = timeLimit(raw);
        } else {
          throw new FragmentError(`unknown key '${key}' (known: v, gpu, req, fixed, driver, mode, cap, rows, export, device, demand, work, inv, compare, exist, fdriver, flimit, fexport, fnode)`);
        }
      }
      if (state.fleet && !seen.has('inv')) {
        const models = [...new Set(state.fleet.demand.map((d) => d.model))];
        state.fleet.inventory = models.map((model) => ({ model, available: null, cost: null }));
      }
      if (state.gpu === null) {
        if (state.mode !== 'fleet' || seen.has('req') || seen.has('fixed')) throw new FragmentError('gpu is missing');
        const d = defaultState();
        state.gpu = d.gpu;
        state.req = d.req;
      }
      return { state, error: null };
    } catch (e) {
      if (!(e instanceof FragmentError)) throw e;
      const state = defaultState();
      if (fleetMode) state.mode = 'fleet'; // a bad fleet link still opens the fleet planner, with its defaults
      return { state, error: `The link could not be read: ${e.message}. Showing the default state instead.` };
    }
  }

  // Names are written percent-encoded: '+' becomes %2B, so no reader can mistake it for a space.
  const enc = encodeURIComponent;

  /// serialize(state) -> '#v=1&gpu=...': the full state, names percent-encoded ('+' as %2B).
  function serialize(state) {
    const parts = [`v=${VERSION}`, `gpu=${enc(state.gpu)}`];
    parts.push('req=' + state.req.map((r) => `${enc(r.profile)}:${r.count}`).join(','));
    if (state.fixed.length) parts.push('fixed=' + state.fixed.map((f) => `${enc(f.profile)}@${f.start}`).join(','));
    if (state.driver && state.driver !== 'newest') parts.push(`driver=${enc(state.driver)}`);
    if (state.export && state.export !== 'nvidia-smi') parts.push(`export=${enc(state.export)}`);
    if (state.device) parts.push(`device=${state.device}`);
    if (state.mode === 'seed') {
      parts.push('mode=seed');
      if (state.cap) parts.push(`cap=${state.cap.total_sms}:${state.cap.total_memory_gb}`);
      if (state.rows) parts.push('rows=' + state.rows.map((r) => `${enc(r.name)}:${r.sms}:${r.memory_gb}:${r.count}`).join(','));
    }
    if (state.mode === 'fleet') parts.push('mode=fleet');
    if (state.fleet) parts.push(...serializeFleet(state.fleet));
    if (state.fexport && state.fexport !== 'nvidia-smi') parts.push(`fexport=${enc(state.fexport)}`);
    if (state.fnode && state.fnode !== 1) parts.push(`fnode=${state.fnode}`);
    return '#' + parts.join('&');
  }

  function serializeFleet(f) {
    const opt = (v) => (v === null || v === undefined ? '' : String(v));
    const work = (w) => [enc(w.name), w.memory_gib, w.count].concat(w.min_compute_slices !== null && w.min_compute_slices !== undefined ? [w.min_compute_slices] : [], w.media ? ['media'] : []).join(':');
    const inv = (g) => (g.cost !== null && g.cost !== undefined ? `${enc(g.model)}:${opt(g.available)}:${g.cost}` : g.available !== null && g.available !== undefined ? `${enc(g.model)}:${g.available}` : enc(g.model));
    const parts = ['demand=' + f.demand.map((d) => `${enc(d.model)}/${enc(d.profile)}:${d.count}`).join(',')];
    if (f.workloads.length) parts.push('work=' + f.workloads.map(work).join(','));
    parts.push('inv=' + f.inventory.map(inv).join(','));
    if (f.compare) parts.push('compare=1');
    const exist = (e) => `${enc(e.model)}:${e.count}${e.instances.length ? `/${e.instances.map((i) => `${enc(i.profile)}@${i.start}`).join(';')}` : ''}`;
    if (f.existing && f.existing.length) parts.push('exist=' + f.existing.map(exist).join(','));
    if (f.driver && f.driver !== 'newest') parts.push(`fdriver=${enc(f.driver)}`);
    if (f.time_limit_s !== null && f.time_limit_s !== undefined) parts.push(`flimit=${f.time_limit_s}`);
    return parts;
  }

  return { parse, serialize, defaultState, VERSION, MAX_COUNT, EXPORT_FORMATS, MAX_DEVICE, MAX_FLEET_COUNT, MAX_GPUS_PER_NODE, MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S };
});
