// The fleet planner's pure logic (no DOM): the default demand, the editable draft (strings as typed) <-> the
// fleet state, validation sentences next to each field, the plan() input, the per-model comparison runs, the
// plan answer shaped for the view, and the export section's formats, file names and sentences. The fleet keys of
// the URL fragment are in lib/fragment.js.
//
// fleet state: {demand: [{model, profile, count}], workloads: [{name, memory_gib, count, min_compute_slices|null,
//               media}], inventory: [{model, available|null, cost|null}], compare, existing: [{model, count,
//               instances: [{profile, start}]}], driver: 'newest'|'R535', time_limit_s: null (the page's default)|s}
// catalog:     {names(model) -> the model's profile names, or null for a model not in the catalog}
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./format.js'));
  else (root.MigcalcLib = root.MigcalcLib || {}).fleet = factory(root.MigcalcLib.format);
})(typeof self !== 'undefined' ? self : this, function (format) {
  'use strict';

  const MAX_COUNT = 1000000;
  const MAX_GIB = 100000;
  const MAX_NAME_CHARS = 200; // a workload name, as the URL fragment reads it (fragment.js MAX_NAME_CHARS)
  const MAX_GPUS_PER_NODE = 64;
  const MIN_TIME_LIMIT_S = 0.1;
  const MAX_TIME_LIMIT_S = 60;

  /// The fleet export's formats (exportPlan()'s `format`): the select's label, the file to save, its type, and
  /// whether GPUs per node changes it.
  const EXPORT_FORMATS = [
    { value: 'nvidia-smi', label: 'nvidia-smi script', file: 'migcalc-fleet.sh', mime: 'text/x-shellscript', perNode: false },
    { value: 'mig-parted', label: 'mig-parted config', file: 'migcalc-fleet-mig-parted.yaml', mime: 'application/yaml', perNode: false },
    { value: 'k8s', label: 'Kubernetes (resources per node)', file: 'migcalc-fleet-k8s.txt', mime: 'text/plain', perNode: true },
    { value: 'dra', label: 'Kubernetes DRA ResourceSlices (one GPU per layout)', file: 'migcalc-fleet-dra.yaml', mime: 'application/yaml', perNode: false },
    { value: 'json', label: 'JSON', file: 'migcalc-fleet.json', mime: 'application/json', perNode: true },
  ];

  /// The issue's example: four H100 profiles, two workload needs, H100s (16 available, 2.5 each) and A100s (1.5).
  function defaultFleet() {
    const h100 = 'H100-SXM5-80GB';
    return {
      demand: [
        { model: h100, profile: '1g.10gb', count: 40 }, { model: h100, profile: '2g.20gb', count: 12 },
        { model: h100, profile: '3g.40gb', count: 6 }, { model: h100, profile: '7g.80gb', count: 2 },
      ],
      workloads: [
        { name: 'llm-8b', memory_gib: 18, count: 10, min_compute_slices: null, media: false },
        { name: 'video', memory_gib: 8, count: 4, min_compute_slices: null, media: true },
      ],
      inventory: [{ model: h100, available: 16, cost: 2.5 }, { model: 'A100-80GB', available: null, cost: 1.5 }],
      compare: false,
      existing: [],
      driver: 'newest',
      time_limit_s: null,
    };
  }

  const str = (v) => (v === null || v === undefined ? '' : String(v));

  /// The editable form of a fleet: every number as the text of its input.
  function toDraft(fleet) {
    return {
      demand: fleet.demand.map((d) => ({ model: d.model, profile: d.profile, count: str(d.count) })),
      workloads: fleet.workloads.map((w) => ({ name: w.name, memory_gib: str(w.memory_gib), min_compute_slices: str(w.min_compute_slices), media: !!w.media, count: str(w.count) })),
      inventory: fleet.inventory.map((g) => ({ model: g.model, available: str(g.available), cost: str(g.cost) })),
      compare: !!fleet.compare,
      existing: (fleet.existing || []).map((e) => ({ model: e.model, count: str(e.count), instances: instancesText(e.instances) })),
      driver: fleet.driver || 'newest',
      time_limit_s: str(fleet.time_limit_s),
    };
  }

  /// [{profile: '3g.40gb', start: 4}, ...] -> "3g.40gb@4 1g.10gb@0".
  function instancesText(instances) {
    return instances.map((i) => `${i.profile}@${i.start}`).join(' ');
  }

  /// readInstances("3g.40gb@4, 1g.10gb@0", names) -> {value: [{profile, start}]} or {error: sentence}; items are
  /// separated by spaces or commas; the profile must be one of `names` (whether the start is one the model offers
  /// is the planner's to say).
  function readInstances(text, model, names) {
    const out = [];
    const bad = [];
    const unknown = [];
    for (const item of String(text).split(/[\s,]+/).filter((x) => x !== '')) {
      const m = /^([^@]+)@(\d{1,2})$/.exec(item);
      if (!m || Number(m[2]) > 64) bad.push(item);
      else if (!names.includes(m[1])) unknown.push(m[1]);
      else out.push({ profile: m[1], start: Number(m[2]) });
    }
    if (bad.length) return { error: `${bad.map((b) => `'${b}'`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not PROFILE@START (a profile, '@' and a start from 0 to 64, such as ${names.includes('3g.40gb') ? '3g.40gb@4' : `${names[0] || '1g.10gb'}@0`}); separate instances by spaces or commas.` };
    if (unknown.length) return { error: `${model} has no profile ${unknown.map((u) => `'${u}'`).join(', ')}; its profiles: ${listProfiles(names)}.` };
    return { value: out };
  }

  function readTimeLimit(text) {
    const t = String(text).trim();
    if (t === '') return { value: null };
    if (/^\d{1,2}(\.\d{1,3})?$/.test(t) && Number(t) >= MIN_TIME_LIMIT_S && Number(t) <= MAX_TIME_LIMIT_S) return { value: Number(t) };
    return { error: `Time limit must be empty (the page's default) or seconds from ${MIN_TIME_LIMIT_S} to ${MAX_TIME_LIMIT_S} (such as 2.5)${t === '' ? '' : `, not '${t}'`}.` };
  }

  function readCount(text, what, max, empty) {
    const t = String(text).trim();
    if (t === '' && empty) return { value: null };
    if (/^\d{1,7}$/.test(t) && Number(t) <= (max || MAX_COUNT)) return { value: Number(t) };
    return { error: `${what} must be ${empty ? `empty (${empty}) or ` : ''}a whole number from 0 to ${(max || MAX_COUNT).toLocaleString('en-US')}${t === '' ? '' : `, not '${t}'`}.` };
  }

  function readPositive(text, what, max, example, empty) {
    const t = String(text).trim();
    if (t === '' && empty) return { value: null };
    if (/^\d{1,7}(\.\d{1,6})?$/.test(t) && Number(t) > 0 && Number(t) <= max) return { value: Number(t) };
    return { error: `${what} must be ${empty ? `empty (${empty}) or ` : ''}a number above 0 and at most ${max.toLocaleString('en-US')} (such as ${example})${t === '' ? '' : `, not '${t}'`}.` };
  }

  function listProfiles(names) {
    return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  }

  /// readDraft(draft, catalog) -> {fleet, errors: [{list, index, field, message, addModel?}]}; fleet is null when
  /// any field is wrong (index -1: the list as a whole; addModel: the inventory lacks this demand's model).
  function readDraft(draft, catalog) {
    const errors = [];
    const fail = (list, index, field, message, extra) => errors.push(Object.assign({ list, index, field, message }, extra));
    const take = (r, list, index, field) => (r.error ? (fail(list, index, field, r.error), null) : r.value);
    const fleet = { demand: [], workloads: [], inventory: [], compare: !!draft.compare, existing: [], driver: draft.driver || 'newest', time_limit_s: null };

    const inInventory = new Set();
    draft.inventory.forEach((g, i) => {
      if (catalog.names(g.model) === null) fail('inventory', i, 'model', `'${g.model}' is not a catalog GPU; pick one from the list.`);
      else if (inInventory.has(g.model)) fail('inventory', i, 'model', `${g.model} is listed twice; keep one row (or remove this one).`);
      inInventory.add(g.model);
      const available = take(readCount(g.available, 'Available', MAX_COUNT, 'no limit'), 'inventory', i, 'available');
      const cost = take(readPositive(g.cost, 'Cost', 1e6, '2.5', '1 per GPU'), 'inventory', i, 'cost');
      fleet.inventory.push({ model: g.model, available, cost });
    });
    if (draft.inventory.length === 0) fail('inventory', -1, null, 'The inventory is empty: add at least one GPU model to plan on.');

    draft.demand.forEach((d, i) => {
      const names = catalog.names(d.model);
      if (names === null) fail('demand', i, 'model', `'${d.model}' is not a catalog GPU; pick one from the list.`);
      else if (!names.includes(d.profile)) fail('demand', i, 'profile', `${d.model} has no profile '${d.profile}'; its profiles: ${listProfiles(names)}.`);
      else if (!inInventory.has(d.model)) fail('demand', i, 'model', `${d.model} is not in the inventory: add it there, or pick a model from it (${[...inInventory].join(', ') || 'none yet'}).`, { addModel: d.model });
      const count = take(readCount(d.count, 'Count'), 'demand', i, 'count');
      fleet.demand.push({ model: d.model, profile: d.profile, count });
    });

    const named = new Set();
    draft.workloads.forEach((w, i) => {
      const name = String(w.name).trim();
      if (name === '') fail('workloads', i, 'name', 'Give the workload a name.');
      else if (/[,:]/.test(name)) fail('workloads', i, 'name', `A name cannot contain ',' or ':' (got '${name}').`);
      else if (name.length > MAX_NAME_CHARS) fail('workloads', i, 'name', `A name has at most ${MAX_NAME_CHARS} characters (this one has ${name.length}).`);
      else if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) fail('workloads', i, 'name', 'A name is printable text: it has a control character (a tab or a line break, say).');
      else if (named.has(name)) fail('workloads', i, 'name', `'${name}' names another workload too; give each workload its own name (the plan reports unmet demand by name).`);
      named.add(name);
      const memory = take(readPositive(w.memory_gib, 'Memory', MAX_GIB, '18 or 9.5'), 'workloads', i, 'memory_gib');
      const min = take(readCount(w.min_compute_slices, 'Minimum compute slices', 1000, 'any'), 'workloads', i, 'min_compute_slices');
      const count = take(readCount(w.count, 'Count'), 'workloads', i, 'count');
      fleet.workloads.push({ name, memory_gib: memory, count, min_compute_slices: min, media: !!w.media });
    });

    (draft.existing || []).forEach((e, i) => {
      const names = catalog.names(e.model);
      if (names === null) fail('existing', i, 'model', `'${e.model}' is not a catalog GPU; pick one from the list.`);
      const count = take(readCount(e.count, 'Count'), 'existing', i, 'count');
      const instances = names === null ? [] : take(readInstances(e.instances, e.model, names), 'existing', i, 'instances');
      fleet.existing.push({ model: e.model, count, instances });
    });
    if (!/^(newest|R\d{3,4})$/.test(fleet.driver)) fail('options', -1, 'driver', `Driver '${fleet.driver}' is not 'newest' or a branch such as R535.`);
    fleet.time_limit_s = take(readTimeLimit(draft.time_limit_s === undefined ? '' : draft.time_limit_s), 'options', -1, 'time_limit_s');
    return { fleet: errors.length ? null : fleet, errors };
  }

  /// Why a fleet (from a link) cannot be shown, as one sentence, or null. Checks what the codec cannot: models
  /// and profiles against the catalog, duplicates, the demand's models in the inventory.
  function problemWith(fleet, catalog) {
    const { errors } = readDraft(toDraft(fleet), catalog);
    if (!errors.length) return null;
    const e = errors[0];
    const where = e.index < 0 ? (e.list === 'options' ? e.field : e.list) : `${e.list} row ${e.index + 1}`;
    return `${where}: ${e.message}`;
  }

  /// The plan() input of a valid fleet; rows with count 0 are left out. The time limit is the fleet's, at most
  /// maxTimeLimitS (when given), or timeLimitS (the page's default) when the fleet has none.
  function planInput(fleet, timeLimitS, maxTimeLimitS) {
    const input = {
      demand: fleet.demand.filter((d) => d.count > 0).map((d) => ({ profile: d.profile, count: d.count, model: d.model })),
      workloads: fleet.workloads.filter((w) => w.count > 0).map((w) => {
        const out = { name: w.name, memory_gib: w.memory_gib, count: w.count };
        if (w.min_compute_slices !== null) out.min_compute_slices = w.min_compute_slices;
        if (w.media) out.media = true;
        return out;
      }),
      gpus: fleet.inventory.map((g) => {
        const out = { model: g.model };
        if (g.available !== null) out.available = g.available;
        if (g.cost !== null) out.cost = g.cost;
        return out;
      }),
    };
    const existing = (fleet.existing || []).filter((e) => e.count > 0);
    if (existing.length) input.existing = existing.map((e) => ({ model: e.model, count: e.count, instances: e.instances.map((i) => ({ profile: i.profile, start: i.start })) }));
    if (fleet.driver && fleet.driver !== 'newest') input.driver = fleet.driver;
    const own = fleet.time_limit_s === null || fleet.time_limit_s === undefined ? null : fleet.time_limit_s;
    const limit = own === null ? timeLimitS : maxTimeLimitS ? Math.min(own, maxTimeLimitS) : own;
    if (limit) input.time_limit_s = limit;
    return input;
  }

  /// The rows of the existing GPUs a planner error is about ("Existing H100-SXM5-80GB: ..."): their indices.
  function existingRowsOf(error, fleet) {
    if (!error || error.code !== 'BAD_EXISTING') return [];
    const rows = [];
    (fleet.existing || []).forEach((e, i) => {
      if (error.message.startsWith(`Existing ${e.model}:`) || error.message.includes(`(${e.model})`)) rows.push(i);
    });
    return rows;
  }

  /// One run per inventory model for the comparison, as `migcalc plan --compare` does it: the same demand on that
  /// model alone (the demand's own models ignored); demand for a profile the model lacks is unmet there.
  function compareSteps(input, catalog) {
    return input.gpus.map((g) => {
      const names = catalog.names(g.model) || [];
      const dropped = [];
      const demand = [];
      for (const d of input.demand) {
        if (names.includes(d.profile)) demand.push({ profile: d.profile, count: d.count });
        else dropped.push({ demand: d.profile, count: d.count, code: 'UNKNOWN_PROFILE', reason: `${g.model} has no profile ${d.profile}.` });
      }
      const one = Object.assign({}, input, { demand, gpus: [g] });
      if (input.existing) { // as the core's compareModels: only this model's existing GPUs
        const mine = input.existing.filter((e) => e.model === g.model);
        if (mine.length) one.existing = mine;
        else delete one.existing;
      }
      return { model: g.model, input: one, dropped };
    });
  }

  /// A comparison row from one model's plan() answer: {model, total_gpus, cost, lower_bound, optimal,
  /// time_limit_hit, utilization, stranded, unmet_instances, unmet, unmet_text} or {model, error}.
  function compareRow(step, answer) {
    if (!answer || answer.error) return { model: step.model, error: answer ? answer.error.message : 'no answer' };
    const p = answer.plan;
    const unmet = step.dropped.concat(p.unmet);
    const missing = step.dropped.map((d) => d.demand);
    const reasons = (missing.length ? [`no ${missing.join(', ')} on this model.`] : []).concat([...new Set(p.unmet.map((u) => u.reason))]);
    return {
      model: step.model, total_gpus: p.total_gpus, cost: p.cost, lower_bound: p.lower_bound, optimal: p.optimal,
      time_limit_hit: p.time_limit_hit, utilization: p.totals.utilization, stranded: p.totals.stranded,
      unmet_instances: unmet.reduce((a, u) => a + u.count, 0), unmet, unmet_text: reasons.join(' '),
    };
  }

  /// 39.5 -> "39.50", 1429 -> "1,429", 0.25 -> "0.25".
  function num(x) {
    if (x === null || x === undefined || !Number.isFinite(x)) return 'unknown';
    const digits = Number.isInteger(x) ? 0 : 2;
    return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  const gpusWord = (n) => `${n.toLocaleString('en-US')} GPU${n === 1 ? '' : 's'}`;

  /// The answer's words: {headline, bound, status, state: 'optimal'|'time-limit'|'not-optimal'|'unmet', solve,
  /// perModel}.
  function summary(plan) {
    const cost = plan.objective === 'cost';
    const unmet = plan.unmet.reduce((a, u) => a + u.count, 0);
    const perModel = plan.models.filter((m) => m.new_gpus + m.existing_gpus > 0).map((m) => `${num(m.new_gpus + m.existing_gpus)} × ${m.model}`).join(', ');
    const existing = plan.models.reduce((a, m) => a + m.existing_gpus, 0);
    const gpus = existing ? `${plan.total_gpus.toLocaleString('en-US')} new GPU${plan.total_gpus === 1 ? '' : 's'} and ${existing.toLocaleString('en-US')} existing` : gpusWord(plan.total_gpus);
    const headline = plan.total_gpus === 0 && unmet === 0 && existing === 0 ? 'No GPUs needed: the demand is empty.'
      : `${gpus}${cost ? `, cost ${num(plan.cost)}` : ''}${perModel ? ` (${perModel})` : ''}`;
    const bound = `Lower bound ${cost ? `${num(plan.lower_bound)} (cost)` : gpusWord(plan.lower_bound)}, gap ${num(plan.gap)}`;
    let state = plan.optimal ? 'optimal' : plan.time_limit_hit ? 'time-limit' : 'not-optimal';
    let status = plan.optimal ? 'Proven optimal.'
      : plan.time_limit_hit ? `Time limit hit: the best plan found, bound ${num(plan.lower_bound)}, gap ${num(plan.gap)}.` : 'Not proven optimal.';
    if (unmet) {
      state = 'unmet';
      status = `${status} ${unmet.toLocaleString('en-US')} instance${unmet === 1 ? '' : 's'} of the demand cannot be met (see below).`;
    }
    return { headline, bound, status, state, solve: `Solved in ${num(plan.solve_ms)} ms.`, perModel };
  }

  /// The single-GPU view's request for one group: {gpu, req: [{profile, count}], fixed: [{profile, start}]}.
  function singleGpu(group) {
    const req = [];
    const fixed = [];
    for (const i of group.instances) {
      if (i.fixed) {
        fixed.push({ profile: i.profile, start: i.start });
        continue;
      }
      // A GPU instance split into compute instances is asked for by them (the single-GPU view packs them alike).
      for (const profile of i.compute_instances ? i.compute_instances.map((c) => c.profile) : [i.profile]) {
        const row = req.find((r) => r.profile === profile);
        if (row) row.count += 1;
        else req.push({ profile, count: 1 });
      }
    }
    return { gpu: group.model, req, fixed };
  }

  /// "2g.20gb@0  2g.20gb@2  3g.40gb@4[2c+1c]" (* marks an existing instance; [..] its compute instances).
  function layoutText(group) {
    const cis = (i) => (i.compute_instances ? `[${format.ciText(i.compute_instances)}]` : '');
    return group.instances.map((i) => `${i.profile}@${i.start}${i.fixed ? '*' : ''}${cis(i)}`).join('  ') || '(empty)';
  }

  function exportFormatOf(value) {
    return EXPORT_FORMATS.find((f) => f.value === value) || EXPORT_FORMATS[0];
  }

  /// readGpusPerNode('4') -> {value: 4}; anything but a whole number from 1 to 64 -> {error: sentence}.
  function readGpusPerNode(text) {
    const t = String(text).trim();
    if (/^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= MAX_GPUS_PER_NODE) return { value: Number(t) };
    return { error: `GPUs per node must be a whole number from 1 to ${MAX_GPUS_PER_NODE}${t === '' ? '' : `, not '${t}'`}.` };
  }

  /// What the export section says about a plan() answer: {none} (a sentence: there is nothing to export) or
  /// {note} (null, or a sentence: the export holds only what was placed).
  function exportNote(answer) {
    if (!answer) return { none: 'Nothing to export yet: the plan is on its way.' };
    if (answer.error) return { none: `Nothing to export: there is no plan (${answer.error.message})` };
    const p = answer.plan;
    const unmet = p.unmet.reduce((a, u) => a + u.count, 0);
    const instances = (n) => `${n.toLocaleString('en-US')} instance${n === 1 ? '' : 's'}`;
    if (!p.groups.length) {
      return { none: unmet ? `Nothing to export: the plan places nothing on any GPU (${instances(unmet)} of the demand cannot be met; see Unmet demand).`
        : 'Nothing to export: the plan needs no GPUs (the demand is empty).' };
    }
    const gpus = p.groups.reduce((a, g) => a + g.count, 0);
    return { note: unmet ? `The plan leaves ${instances(unmet)} of the demand unmet: this export holds only what is placed, on ${gpusWord(gpus)}.` : null };
  }

  function linesIn(text) {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n + (text === '' || text.endsWith('\n') ? 0 : 1);
  }

  /// The part of an export the page shows: whole lines up to maxChars. {text, shownLines, hiddenLines}.
  function exportPreview(text, maxChars) {
    if (text.length <= maxChars) return { text, shownLines: linesIn(text), hiddenLines: 0 };
    const cut = text.lastIndexOf('\n', maxChars - 1);
    const shown = cut < 0 ? text.slice(0, maxChars) : text.slice(0, cut + 1);
    const shownLines = cut < 0 ? 0 : linesIn(shown); // a first line longer than maxChars is shown cut
    return { text: shown, shownLines, hiddenLines: linesIn(text) - shownLines };
  }

  return { defaultFleet, toDraft, readDraft, problemWith, planInput, existingRowsOf, instancesText, MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S, compareSteps, compareRow, summary, singleGpu, layoutText, num, MAX_COUNT,
    EXPORT_FORMATS, MAX_GPUS_PER_NODE, exportFormatOf, readGpusPerNode, exportNote, exportPreview };
});
