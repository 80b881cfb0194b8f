// The fleet planner's DOM: the demand tables (profiles, workloads), the inventory and the existing GPUs as editable
// rows with an error line under each row, the driver and time limit, and the answer (totals, bound and gap, GPUs per model, grouped layouts with small
// diagrams and a table for screen readers, unmet demand, the comparison). It edits its own draft (strings as
// typed) and reports every change; fleet-app.js decides what to plan.
(function (ns) {
  'use strict';
  const { h, s, replace, $ } = ns.MigcalcDom;
  const lib = ns.MigcalcLib;
  const U = 24; // viewBox px per placement unit of the small diagrams
  const ROW = 22;

  let ctx = null; // {gpus, profilesOf(model), onChange(draft)}
  let draft = null;

  const removeLabel = { demand: 'profile row', workloads: 'workload', inventory: 'model', existing: 'existing GPU row' };

  function modelSelect(value, label, dataset, short) {
    const groups = lib.format.groupByFamily(ctx.gpus).map((g) => h('optgroup', { label: g.family }, g.gpus.map((gpu) => h('option', { value: gpu.key }, short ? gpu.key : lib.format.gpuLabel(gpu)))));
    const known = ctx.gpus.some((g) => g.key === value);
    const select = h('select', { 'aria-label': label, dataset }, known ? null : h('option', { value }, `${value} (not in the catalog)`), groups);
    select.value = value;
    return select;
  }

  function profileSelect(row, label, dataset) {
    const answer = ctx.profilesOf(row.model);
    const profiles = answer.error ? [] : answer.profiles;
    // Each GPU-instance profile, then its compute-instance sub-profiles (planned as the fewest GPU instances that hold them).
    const names = profiles.flatMap((p) => [[p.name, p.name]].concat((p.ci_profiles || []).map((c) => [c.name, `${c.name} (compute instance)`])));
    const known = names.some(([name]) => name === row.profile);
    const select = h('select', { 'aria-label': label, dataset }, known ? null : h('option', { value: row.profile }, `${row.profile} (not on ${row.model})`),
      names.map(([name, text]) => h('option', { value: name }, text)));
    select.value = row.profile;
    return select;
  }

  function field(list, index, name, el) {
    el.dataset.list = list;
    el.dataset.index = String(index);
    el.dataset.field = name;
    el.setAttribute('aria-describedby', `fleet-err-${list}-${index}`);
    const event = el.tagName === 'SELECT' || el.type === 'checkbox' ? 'change' : 'input';
    el.addEventListener(event, () => {
      const row = draft[list][index];
      row[name] = el.type === 'checkbox' ? el.checked : el.value;
      if (list === 'demand' && name === 'model') {
        const answer = ctx.profilesOf(row.model);
        const names = answer.error ? [] : answer.profiles.map((p) => p.name);
        if (!names.includes(row.profile) && names.length) row.profile = names[0];
      }
      if (el.tagName === 'SELECT') renderTables(); // profile choices, units and labels follow the model and profile
      ctx.onChange(draft);
    });
    return el;
  }

  function textInput(list, index, name, value, label, opts) {
    return field(list, index, name, h('input', Object.assign({ type: 'text', value, 'aria-label': label, autocomplete: 'off', spellcheck: 'false' }, opts || {})));
  }

  function removeButton(list, index, what) {
    return h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${removeLabel[list]} ${index + 1} (${what})`, dataset: { remove: list, index: String(index) }, onclick: () => {
      draft[list].splice(index, 1);
      renderTables();
      const next = document.querySelector(`button[data-remove="${list}"][data-index="${Math.min(index, draft[list].length - 1)}"]`);
      (next || $(`fleet-add-${list}`)).focus();
      ctx.onChange(draft);
    } }, 'remove');
  }

  const none = { demand: 'No profiles: add one, or plan workloads only.', workloads: 'No workloads.', inventory: 'No models yet: add one.',
    existing: 'None: every GPU is new. Add GPUs that are already partitioned to fill them first.' };

  /// One data row and, under it, the row's error line (filled by showErrors); a line saying so when there are none.
  function rows(list, columns, cells) {
    if (!draft[list].length) return [h('tr', { class: 'none' }, h('td', { colspan: String(columns), class: 'hint' }, none[list]))];
    return draft[list].flatMap((row, i) => [
      h('tr', { dataset: { row: String(i) } }, cells(row, i).map((c) => h('td', {}, c))),
      h('tr', { class: 'row-errors', hidden: true }, h('td', { colspan: String(columns), id: `fleet-err-${list}-${i}`, class: 'field-error', role: 'alert' })),
    ]);
  }

  function unitsOf(row) {
    const answer = ctx.profilesOf(row.model);
    const p = !answer.error && answer.profiles.find((x) => x.name === row.profile);
    return p ? `${p.compute_slices}g · ${lib.format.gib(p.memory_mib)} · ${p.sm === null ? '?' : p.sm} SMs` : '';
  }

  /// Rebuild the three tables from the draft; the focused control keeps focus (by list, row and field).
  function renderTables() {
    const a = document.activeElement;
    const focus = a && a.dataset && a.dataset.field ? { list: a.dataset.list, index: a.dataset.index, field: a.dataset.field } : null;
    replace($('fleet-demand-rows'), rows('demand', 5, (r, i) => [
      field('demand', i, 'model', modelSelect(r.model, `Model of profile row ${i + 1}`, {}, true)),
      field('demand', i, 'profile', profileSelect(r, `Profile of row ${i + 1}`, {})),
      h('span', { class: 'hint' }, unitsOf(r)),
      textInput('demand', i, 'count', r.count, `Count of ${r.profile} on ${r.model}`, { inputmode: 'numeric', class: 'num' }),
      removeButton('demand', i, `${r.profile} on ${r.model}`),
    ]));
    replace($('fleet-workload-rows'), rows('workloads', 6, (w, i) => [
      textInput('workloads', i, 'name', w.name, `Name of workload ${i + 1}`),
      textInput('workloads', i, 'memory_gib', w.memory_gib, `Memory (GiB) of ${w.name || `workload ${i + 1}`}`, { inputmode: 'decimal', class: 'num' }),
      textInput('workloads', i, 'min_compute_slices', w.min_compute_slices, `Minimum compute slices of ${w.name || `workload ${i + 1}`} (empty: any)`, { inputmode: 'numeric', class: 'num', placeholder: 'any' }),
      field('workloads', i, 'media', h('input', { type: 'checkbox', checked: w.media, 'aria-label': `${w.name || `workload ${i + 1}`} needs a media engine` })),
      textInput('workloads', i, 'count', w.count, `Count of ${w.name || `workload ${i + 1}`}`, { inputmode: 'numeric', class: 'num' }),
      removeButton('workloads', i, w.name),
    ]));
    replace($('fleet-inventory-rows'), rows('inventory', 4, (g, i) => [
      field('inventory', i, 'model', modelSelect(g.model, `Model of inventory row ${i + 1}`, {})),
      textInput('inventory', i, 'available', g.available, `Available ${g.model} (empty: no limit)`, { inputmode: 'numeric', class: 'num', placeholder: 'no limit' }),
      textInput('inventory', i, 'cost', g.cost, `Cost per ${g.model} (empty: 1)`, { inputmode: 'decimal', class: 'num', placeholder: '1' }),
      removeButton('inventory', i, g.model),
    ]));
    replace($('fleet-existing-rows'), rows('existing', 4, (e, i) => [
      field('existing', i, 'model', modelSelect(e.model, `Model of existing row ${i + 1}`, {}, true)),
      textInput('existing', i, 'count', e.count, `Count of existing ${e.model}`, { inputmode: 'numeric', class: 'num' }),
      textInput('existing', i, 'instances', e.instances, `Instances on each existing ${e.model}, as profile@start separated by spaces`, { placeholder: 'e.g. 3g.40gb@4 1g.10gb@0', class: 'instances' }),
      removeButton('existing', i, e.model),
    ]));
    renderDriver();
    $('fleet-limit').value = draft.time_limit_s;
    $('fleet-compare').checked = draft.compare;
    if (focus) {
      const el = document.querySelector(`[data-list="${focus.list}"][data-index="${focus.index}"][data-field="${focus.field}"]`);
      if (el) el.focus();
    }
  }

  /// The driver select: "Newest (default)" and the branches of the catalog's GPUs and of the models on the page.
  function renderDriver() {
    const models = new Set(draft.inventory.concat(draft.existing, draft.demand).map((r) => r.model));
    const branches = new Set(lib.format.driverOptions(ctx.gpus, null));
    for (const m of models) {
      const answer = ctx.profilesOf(m);
      if (!answer.error) for (const d of lib.format.driverOptions([], answer)) branches.add(d);
    }
    if (draft.driver !== 'newest') branches.add(draft.driver);
    const sorted = [...branches].sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
    const select = $('fleet-driver');
    replace(select, h('option', { value: 'newest' }, 'Newest (default)'), sorted.map((d) => h('option', { value: d }, d)));
    select.value = draft.driver;
  }

  /// Show each error under its row and mark its control; list-wide errors go under the table.
  function showErrors(errors) {
    for (const cell of document.querySelectorAll('#panel-fleet .row-errors td')) {
      replace(cell);
      cell.parentElement.hidden = true;
    }
    for (const el of document.querySelectorAll('#panel-fleet [aria-invalid]')) el.removeAttribute('aria-invalid');
    $('fleet-inventory-error').textContent = '';
    $('fleet-limit-error').textContent = '';
    $('fleet-existing-error').textContent = '';
    for (const e of errors) {
      if (e.list === 'options') {
        $('fleet-limit-error').textContent = e.message;
        const el = e.field === 'driver' ? $('fleet-driver') : $('fleet-limit');
        el.setAttribute('aria-invalid', 'true');
        continue;
      }
      if (e.index < 0) {
        $('fleet-inventory-error').textContent = e.message;
        continue;
      }
      const cell = $(`fleet-err-${e.list}-${e.index}`);
      if (!cell) continue;
      if (cell.firstChild) cell.appendChild(document.createTextNode(' '));
      cell.appendChild(document.createTextNode(e.message));
      if (e.addModel) {
        cell.appendChild(document.createTextNode(' '));
        cell.appendChild(h('button', { type: 'button', class: 'link', dataset: { addModel: e.addModel }, onclick: () => addRow('inventory', { model: e.addModel, available: '', cost: '' }) }, `Add ${e.addModel} to the inventory`));
      }
      cell.parentElement.hidden = false;
      const el = document.querySelector(`[data-list="${e.list}"][data-index="${e.index}"][data-field="${e.field}"]`);
      if (el) el.setAttribute('aria-invalid', 'true');
    }
  }

  /// The planner refused the existing GPUs (a start the model does not offer, an overlap): its sentence under the
  /// rows it names (their instances marked), or under the table when it names none.
  function showPlannerError(rowsOf, message) {
    const text = `The planner refused these existing GPUs: ${message}`;
    if (!rowsOf.length) $('fleet-existing-error').textContent = text;
    for (const i of rowsOf) {
      const cell = $(`fleet-err-existing-${i}`);
      if (!cell) continue;
      replace(cell, document.createTextNode(text));
      cell.parentElement.hidden = false;
      const el = document.querySelector(`[data-list="existing"][data-index="${i}"][data-field="instances"]`);
      if (el) el.setAttribute('aria-invalid', 'true');
    }
  }

  function setDraft(next) {
    draft = next;
    renderTables();
  }

  function addRow(list, row) {
    draft[list].push(row);
    renderTables();
    const first = document.querySelector(`[data-list="${list}"][data-index="${draft[list].length - 1}"]`);
    if (first) first.focus();
    ctx.onChange(draft);
  }

  /// init({gpus, profilesOf, onChange, onExample, onClear, limitHint}): wire the static controls once.
  function init(c) {
    ctx = c;
    $('fleet-add-demand').addEventListener('click', () => {
      const model = draft.inventory.length ? draft.inventory[0].model : ctx.gpus[0].key;
      const answer = ctx.profilesOf(model);
      addRow('demand', { model, profile: answer.error || !answer.profiles.length ? '' : answer.profiles[0].name, count: '1' });
    });
    $('fleet-add-workloads').addEventListener('click', () => addRow('workloads', { name: `workload-${draft.workloads.length + 1}`, memory_gib: '10', min_compute_slices: '', media: false, count: '1' }));
    $('fleet-add-inventory').addEventListener('click', () => {
      const free = ctx.gpus.find((g) => g.placements_known && !draft.inventory.some((x) => x.model === g.key)) || ctx.gpus[0];
      addRow('inventory', { model: free.key, available: '', cost: '' });
    });
    $('fleet-add-existing').addEventListener('click', () => {
      const model = draft.inventory.length ? draft.inventory[0].model : ctx.gpus[0].key;
      addRow('existing', { model, count: '1', instances: '' });
    });
    $('fleet-driver').addEventListener('change', () => {
      draft.driver = $('fleet-driver').value;
      ctx.onChange(draft);
    });
    $('fleet-limit').addEventListener('input', () => {
      draft.time_limit_s = $('fleet-limit').value;
      ctx.onChange(draft);
    });
    $('fleet-limit-hint').textContent = c.limitHint;
    $('fleet-compare').addEventListener('change', () => {
      draft.compare = $('fleet-compare').checked;
      ctx.onChange(draft);
    });
    $('fleet-example').addEventListener('click', c.onExample);
    $('fleet-clear').addEventListener('click', c.onClear);
  }

  /// status(kind, text): kind is loading, planning, done, invalid or error (panel's data-fleet, for tests too).
  function status(kind, text) {
    $('panel-fleet').dataset.fleet = kind;
    $('fleet-status').textContent = text;
    $('fleet-answer').classList.toggle('stale', kind === 'planning' || kind === 'invalid');
    $('fleet-answer').setAttribute('aria-busy', String(kind === 'planning' || kind === 'loading'));
  }

  function miniDiagram(gpu, group) {
    const geo = gpu && gpu.placement_units ? lib.diagram.layout(gpu, group.instances, null) : null;
    if (!geo) return h('p', { class: 'hint' }, 'No diagram: placements unknown.');
    const yM = ROW + 2;
    const root = s('svg', { viewBox: `0 0 ${geo.units * U} ${2 * ROW + 4}`, class: 'fleet-mini', 'aria-hidden': 'true', preserveAspectRatio: 'xMinYMid meet' });
    for (const sl of geo.slices) root.appendChild(s('rect', { x: sl.from * U + 1, y: 0, width: (sl.to - sl.from) * U - 2, height: ROW - 2, class: 'cell' }));
    for (let u = 0; u < geo.units; u++) root.appendChild(s('rect', { x: u * U + 1, y: yM, width: U - 2, height: ROW - 2, class: 'cell' }));
    for (const b of geo.blocks) {
      const g = s('g', { class: `block ${b.cls}${b.fixed ? ' fixed' : ''}` });
      if (b.compute) g.appendChild(s('rect', { x: b.compute.from * U + 1.5, y: 0.5, width: (b.compute.to - b.compute.from) * U - 3, height: ROW - 3, rx: 3, class: 'part compute' }));
      g.appendChild(s('rect', { x: b.memory.from * U + 1.5, y: yM + 0.5, width: (b.memory.to - b.memory.from) * U - 3, height: ROW - 3, rx: 3, class: 'part memory' }));
      for (const m of b.memoryOnly) g.appendChild(s('rect', { x: m.from * U + 1.5, y: yM + 0.5, width: (m.to - m.from) * U - 3, height: ROW - 3, rx: 3, class: 'memory-only' }));
      if (b.fixed) { // an existing instance: dashed outline and the single-GPU diagram's pin
        const px = b.memory.to * U - 8;
        g.appendChild(s('g', { class: 'pin' }, s('line', { x1: px, y1: yM + 3, x2: px, y2: yM + 14 }), s('circle', { cx: px, cy: yM + 6, r: 4 })));
      }
      const span = b.compute || b.memory;
      const label = /^\d+g/.exec(b.profile);
      if (label && (span.to - span.from) * U >= 18) g.appendChild(s('text', { x: (span.from + span.to) / 2 * U, y: ROW / 2 + 3.5, class: 'mini-label' }, label[0]));
      root.appendChild(g);
    }
    return root;
  }

  function meterRow(label, m, unit) {
    const has = (v) => v !== undefined && v !== null;
    const known = m && has(m.used) && has(m.total);
    const fmt = (v) => (unit === 'MiB' ? `${lib.fleet.num(Math.round(v / 1024))} GiB` : lib.fleet.num(v));
    const text = known ? `${fmt(m.used)} of ${fmt(m.total)}${has(m.percent) ? ` (${m.percent}%)` : ''}` : 'unknown';
    return h('div', { class: 'fleet-meter' },
      h('span', {}, label),
      h('meter', { min: '0', max: '100', value: String(known && has(m.percent) ? m.percent : 0), 'aria-label': `${label}: ${text}` }),
      h('span', { class: 'bar-text' }, text));
  }

  function table(caption, head, body, cls) {
    return h('table', { class: cls || 'fleet-result-table' }, caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, body.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
  }

  /// The plan answer ({plan} or {error}); linkFor(group) gives the single-GPU view's link of a group.
  function renderPlan(answer, linkFor) {
    const verdict = $('fleet-verdict');
    if (answer.error) {
      verdict.textContent = `Cannot plan — ${answer.error.message}`;
      verdict.dataset.verdict = 'unknown';
      for (const id of ['fleet-facts', 'fleet-models', 'fleet-totals', 'fleet-unmet', 'fleet-groups', 'fleet-groups-table']) replace($(id));
      return;
    }
    const p = answer.plan;
    const sum = lib.fleet.summary(p);
    verdict.textContent = sum.headline;
    verdict.dataset.verdict = sum.state === 'optimal' ? 'feasible' : sum.state === 'unmet' ? 'infeasible' : 'unknown';
    replace($('fleet-facts'),
      h('li', { id: 'fleet-bound' }, sum.bound),
      h('li', { id: 'fleet-optimal', dataset: { state: sum.state } }, sum.status),
      h('li', {}, sum.solve),
      p.notes.map((n) => h('li', { class: 'note' }, n)));
    replace($('fleet-models'), p.models.length ? table('GPUs per model', ['Model', 'New GPUs', 'Existing GPUs used', 'Cost'],
      p.models.map((m) => [m.model, m.new_gpus.toLocaleString('en-US'), String(m.existing_gpus), lib.fleet.num(m.cost)])) : null);
    const u = p.totals.utilization;
    const st = p.totals.stranded;
    replace($('fleet-totals'), p.total_gpus ? [
      meterRow('Compute slices', u.compute_slices), meterRow('Memory', u.memory_mib, 'MiB'), meterRow('SMs', u.sms),
      h('p', { class: 'hint' }, `Stranded: ${st.compute_slices.toLocaleString('en-US')} compute slice(s), ${st.units.toLocaleString('en-US')} placement unit(s) over all GPUs.`),
    ] : null);
    replace($('fleet-unmet'), p.unmet.length ? [h('h3', {}, 'Unmet demand'), h('ul', { class: 'reasons' }, p.unmet.map((x) => h('li', {}, `${x.count.toLocaleString('en-US')} × ${x.demand}: ${x.reason}`)))] : null);
    const gpuOf = (key) => ctx.gpus.find((g) => g.key === key);
    const shown = p.groups.reduce((a, g) => a + g.count, 0); // new GPUs and the existing ones used
    $('fleet-groups-heading').textContent = p.groups.length ? `Layouts: ${p.groups.length} distinct, over ${shown.toLocaleString('en-US')} GPU${shown === 1 ? '' : 's'}` : 'Layouts';
    replace($('fleet-groups'), p.groups.map((g) => h('figure', { class: 'fleet-group', dataset: { model: g.model, count: String(g.count) } },
      miniDiagram(gpuOf(g.model), g),
      h('figcaption', {},
        h('strong', { class: 'fleet-group-count' }, `${g.count.toLocaleString('en-US')} ×`), ` ${g.model}${g.existing ? ' (existing)' : ''}`,
        h('span', { class: 'fleet-group-layout' }, lib.fleet.layoutText(g)),
        h('a', { href: linkFor(g), class: 'fleet-open' }, 'Open in single-GPU view')))));
    replace($('fleet-groups-table'),
      h('caption', {}, 'Layouts: GPUs, model and instances (profile at start)'),
      h('thead', {}, h('tr', {}, ['GPUs', 'Model', 'Instances'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, p.groups.map((g) => h('tr', {}, h('td', {}, String(g.count)), h('td', {}, g.model),
        h('td', {}, g.instances.map((i) => `${i.profile} at ${i.start}${i.fixed ? ' (existing)' : ''}${i.compute_instances ? ` (${lib.format.ciText(i.compute_instances)})` : ''}`).join(', '))))));
  }

  /// The comparison: rows so far, how many are still being planned (null rows = no comparison asked).
  function renderCompare(rowsSoFar, pending) {
    const box = $('fleet-compare-box');
    box.hidden = rowsSoFar === null;
    if (rowsSoFar === null) return;
    const pct = (m) => (m && m.percent !== undefined && m.percent !== null ? `${m.percent}%` : 'unknown');
    replace($('fleet-compare-table'), table(`Each model alone${pending ? ` (${pending} still planning…)` : ''}`,
      ['Model', 'GPUs', 'Cost', 'Compute used', 'Memory used', 'Stranded slices', 'Unmet'],
      rowsSoFar.map((r) => (r.error ? [r.model, 'error', r.error, '', '', '', '']
        : [r.model, `${r.total_gpus.toLocaleString('en-US')}${r.optimal ? '' : r.time_limit_hit ? ' (time limit)' : ' (not proven)'}`, lib.fleet.num(r.cost),
          pct(r.utilization.compute_slices), pct(r.utilization.memory_mib), String(r.stranded.compute_slices),
          r.unmet_instances.toLocaleString('en-US')])), 'fleet-result-table fleet-compare'),
      rowsSoFar.some((r) => r.unmet_instances) ? h('ul', { class: 'reasons fleet-compare-unmet' }, rowsSoFar.filter((r) => r.unmet_instances).map((r) =>
        h('li', {}, h('strong', {}, r.model), `: ${r.unmet_instances.toLocaleString('en-US')} unmet — ${r.unmet_text}`))) : null);
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { fleet: { init, setDraft, showErrors, showPlannerError, status, renderPlan, renderCompare } });
})(self);
