// The import panel: paste `nvidia-smi mig -lgip`/`-lgipp` output (the GPU it describes), `-lgi` output (instances to
// pin) or a mig-parted config / GPU Operator ConfigMap (validated per entry and model). The pasted text stays on
// the page: it never goes into the URL.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const interop = ns.MigcalcLib.interop;

  const KINDS = {
    gpu: 'GPU profiles (nvidia-smi mig -lgip / -lgipp)',
    state: 'GPU instances (nvidia-smi mig -lgi)',
    config: 'mig-parted config or ConfigMap',
  };

  let deps = null; // {core, state(), profilesOf(key), gpus(), onUseGpu(key), onPin(fixed)}
  let timer = null;
  let readFor = null; // the GPU the shown result was read against

  function init(d) {
    deps = d;
    $('import-text').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(read, 250);
    });
    $('import-kind').addEventListener('change', read);
    $('import-only-gpu').addEventListener('change', read);
    read(); // text pasted while the import functions were loading
  }

  /// Re-read after the page state changed (the current GPU matters for pinning and the config filter).
  function refresh() {
    if (readFor === deps.state().gpu) return;
    read();
  }

  function read() {
    const text = $('import-text').value;
    const out = $('import-result');
    readFor = deps.state().gpu;
    out.dataset.reads = String(Number(out.dataset.reads || 0) + 1);
    $('import-only-gpu-name').textContent = deps.state().gpu;
    if (text.trim() === '') {
      $('import-detected').textContent = '';
      replace(out);
      return;
    }
    const chosen = $('import-kind').value;
    const kind = chosen === 'auto' ? interop.detectPaste(text) : chosen;
    if (!kind) {
      $('import-detected').textContent = '';
      replace(out, h('p', { class: 'import-error' }, 'This does not look like nvidia-smi mig -lgip, -lgipp or -lgi output, nor a mig-parted config (no "mig-configs:"). Pick the kind by hand to see what is wrong.'));
      return;
    }
    $('import-detected').textContent = chosen === 'auto' ? `Read as: ${KINDS[kind]}.` : '';
    out.dataset.kind = kind;
    if (kind === 'gpu') replace(out, gpuResult(deps.core.importGpu(text)));
    else if (kind === 'state') replace(out, stateResult(deps.core.importState(text)));
    else replace(out, configResult(deps.core.validateConfig(text, $('import-only-gpu').checked ? { gpu: deps.state().gpu } : undefined)));
  }

  function errorOf(answer) {
    return h('p', { class: 'import-error', role: 'alert' }, answer.error.message);
  }

  function gpuResult(a) {
    if (a.error) return errorOf(a);
    // Only an exact match can be loaded: the page computes with catalog models, and a near match would answer
    // for a GPU that is not the one pasted.
    const known = a.catalog_match && a.exact_match && deps.gpus().some((g) => g.key === a.catalog_match);
    const head = a.catalog_match
      ? `GPU ${a.gpu_index}: ${a.model.profiles.length} profiles; ${a.exact_match ? 'matches' : 'closest to'} catalog GPU ${a.catalog_match}` +
        (a.differences.length ? `, with ${a.differences.length} difference${a.differences.length === 1 ? '' : 's'}:` : ', with no differences.')
      : `GPU ${a.gpu_index}: ${a.model.profiles.length} profiles; a custom model that matches no catalog GPU (shown read-only).`;
    return [
      h('p', { id: 'import-gpu-summary' }, head),
      a.differences.length ? h('ul', { class: 'import-list' }, a.differences.map((d) => h('li', {}, d))) : null,
      a.also_matching.length ? h('p', { class: 'hint' }, `Also fits: ${a.also_matching.join(', ')}.`) : null,
      a.notes.length ? h('ul', { class: 'import-list hint' }, a.notes.map((n) => h('li', {}, n))) : null,
      known
        ? h('p', {}, h('button', { type: 'button', id: 'import-use-gpu', onclick: () => deps.onUseGpu(a.catalog_match) }, `Use this GPU (${a.catalog_match})`))
        : h('p', { class: 'hint', id: 'import-read-only' }, 'This is not exactly a catalog GPU, so the page shows it read-only. The command line can compute with it: migcalc import-gpu FILE --json > gpu.json, then migcalc check --gpu-file gpu.json.'),
      profileTable(a.model.profiles),
    ];
  }

  function profileTable(profiles) {
    return h('div', { class: 'table-scroll' }, h('table', { class: 'import-table' },
      h('caption', {}, 'Profiles read from the paste'),
      h('thead', {}, h('tr', {}, ['Profile', 'ID', 'Instances', 'Memory GiB', 'SMs', 'Placements'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, profiles.map((p) => h('tr', {},
        h('td', {}, p.name), h('td', {}, String(p.id)), h('td', {}, String(p.instances)),
        h('td', {}, p.memory_gib === null || p.memory_gib === undefined ? 'unknown' : String(p.memory_gib)),
        h('td', {}, p.sm === null || p.sm === undefined ? 'unknown' : String(p.sm)),
        h('td', {}, p.placements || 'unknown'))))));
  }

  function stateResult(a) {
    if (a.error) return errorOf(a);
    if (!a.gpus.length) return h('p', {}, 'No GPU instances: nothing to pin.');
    const gpu = deps.state().gpu;
    const names = new Set(deps.profilesOf(gpu).profiles.map((p) => p.name));
    const select = h('select', { id: 'import-gpu-index' }, a.gpus.map((g) => h('option', { value: String(g.index) }, `GPU ${g.index}`)));
    const list = h('ul', { class: 'import-list', id: 'import-instances' });
    const problem = h('p', { class: 'import-error' });
    const button = h('button', { type: 'button', id: 'import-pin' }, 'Pin these instances');
    const show = () => {
      const g = a.gpus.find((x) => String(x.index) === select.value);
      replace(list, g.instances.map((i) => h('li', {}, `${i.profile} at ${i.start} (size ${i.size}, profile ID ${i.profile_id}, instance ${i.instance_id})`)));
      const missing = [...new Set(g.instances.map((i) => i.profile).filter((p) => !names.has(p)))];
      problem.textContent = missing.length ? `${gpu} has no ${missing.join(', ')}: pick the GPU these instances come from first.` : '';
      problem.hidden = !missing.length;
      button.disabled = missing.length > 0;
    };
    select.addEventListener('change', show);
    button.addEventListener('click', () => {
      const g = a.gpus.find((x) => String(x.index) === select.value);
      deps.onPin(g.instances.map((i) => ({ profile: i.profile, start: i.start })), g.index);
      $('import-status').textContent = `Pinned ${g.instances.length} instance${g.instances.length === 1 ? '' : 's'} of GPU ${g.index} on ${gpu}.`;
    });
    show();
    return [
      h('p', { class: 'import-controls' }, h('label', {}, 'Instances of ', select), ' ', button, ' ', h('span', { id: 'import-status', role: 'status' })),
      list, problem,
      h('p', { class: 'hint' }, `Pinning replaces the pinned instances of the current request on ${gpu} and sets the export's GPU index; the requested counts stay.`),
    ];
  }

  function configResult(a) {
    if (a.error) return errorOf(a);
    const head = h('p', { id: 'import-config-summary', class: a.valid ? 'import-ok' : 'import-error' },
      (a.valid ? 'Valid' : a.schema_errors.length ? 'Not valid: the config does not follow the mig-parted schema' : 'Not valid: an entry is infeasible or applies to no GPU') +
      (a.unwrapped_from ? ` (read from ${a.unwrapped_from})` : '') + '.');
    const schema = a.schema_errors.length
      ? h('ul', { class: 'import-list' }, a.schema_errors.map((e) => h('li', { class: 'import-error' }, `line ${e.line}: ${e.message}`)))
      : null;
    const rows = a.entries.map((e) => h('tr', { dataset: { config: e.config } },
      h('th', { scope: 'row' }, e.config + (e.entry > 0 ? ` [${e.entry}]` : '')),
      h('td', {}, String(e.line)),
      h('td', {}, e.summary),
      h('td', {}, resultsCell(e))));
    return [head, schema, a.entries.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'import-table', id: 'import-config-table' },
      h('caption', {}, 'Each config entry on the GPUs it applies to'),
      h('thead', {}, h('tr', {}, ['Config', 'Line', 'Devices', 'Result'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))) : null];
  }

  // Group the per-model results by status: "feasible: A100-40GB, A100-80GB"; the others with their reasons.
  function resultsCell(e) {
    const out = [];
    if (e.error) out.push(h('div', { class: 'import-error' }, e.error));
    const byStatus = new Map();
    for (const r of e.results) {
      if (!byStatus.has(r.status)) byStatus.set(r.status, []);
      byStatus.get(r.status).push(r);
    }
    const order = ['feasible', 'not feasible', 'unknown'];
    const rank = (st) => (order.includes(st) ? order.indexOf(st) : order.length);
    for (const [status, list] of [...byStatus].sort((a, b) => rank(a[0]) - rank(b[0]))) {
      const names = list.map((r) => r.gpu).join(', ');
      if (status === 'feasible') out.push(h('div', { class: 'import-ok' }, `feasible: ${names}`));
      else if (status === 'not feasible' || status === 'unknown')
        out.push(h('ul', { class: status === 'not feasible' ? 'import-error import-reasons' : 'hint import-reasons' },
          list.map((r) => h('li', {}, `${status} on ${r.gpu}${r.reason ? ': ' + r.reason : ''}`))));
      else out.push(h('details', { class: 'hint' }, h('summary', {}, `${status} on ${list.length} model${list.length === 1 ? '' : 's'}`),
        h('ul', { class: 'import-reasons' }, list.map((r) => h('li', {}, r.reason || r.gpu)))));
    }
    return out;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { importer: { init, refresh } });
})(self);
