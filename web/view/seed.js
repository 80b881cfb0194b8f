// The custom-capacity tab: the exercise's simplified model (sums of SMs and GB), clearly labelled as such.
// Its fields write to the store as they are typed (each valid value), so the link holds an edit before the field
// is left: following a link or the back button never loses it.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;
  const MAX_NAME_CHARS = ns.MigcalcLib.fragment.MAX_NAME_CHARS;

  let capsWired = false;

  /// A number field: `read(el)` gives the value to store; typing stores each valid value, leaving stores any.
  function numberField(el, read, onChange) {
    el.addEventListener('input', () => {
      if (el.value !== '' && el.validity.valid) onChange(read(el));
    });
    el.addEventListener('change', () => onChange(read(el)));
    return el;
  }

  function numberInput(value, label, read, onChange, step) {
    return numberField(h('input', { type: 'number', min: '0', step: step || 'any', value: String(value), 'aria-label': label }), read, onChange);
  }

  /// Why `name` cannot be a row's name (the link separates rows with ',' and fields with ':'), or null.
  function nameProblem(name) {
    if (name === '') return 'Give the row a name.';
    if (/[,:]/.test(name)) return "A row name cannot contain ',' or ':' (the link separates rows and fields with them).";
    if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'A row name is printable text.';
    return null;
  }

  /// The name field: typing stores each valid name and marks an invalid one; leaving it on an invalid name puts
  /// back the last valid one, the name the state holds.
  function nameInput(row, i, handlers) {
    const t = h('input', { type: 'text', value: row.name, maxlength: String(MAX_NAME_CHARS), 'aria-label': `Name of row ${i + 1}` });
    let stored = row.name;
    const mark = (problem) => {
      t.setAttribute('aria-invalid', problem ? 'true' : 'false');
      t.title = problem || '';
    };
    t.addEventListener('input', () => {
      const name = t.value.trim();
      const problem = nameProblem(name);
      mark(problem);
      if (problem || name === stored) return;
      stored = name;
      handlers.onRow(i, { name });
    });
    t.addEventListener('change', () => {
      if (nameProblem(t.value.trim())) {
        t.value = stored;
        mark(null);
      }
      handlers.onRow(i, { name: stored }); // the rows are drawn again from the state once no field has focus
    });
    return t;
  }

  const toNumber = (el) => Number(el.value) || 0;
  const toCount = (el) => Math.max(0, Math.floor(Number(el.value) || 0));

  /// Rebuild the rows (only when their number changes, or no row field has focus), then show the answer.
  function render(cap, rows, answer, handlers) {
    const sms = $('seed-sms'), gb = $('seed-gb');
    if (!capsWired) {
      capsWired = true;
      numberField(sms, toNumber, (v) => handlers.onCap({ total_sms: v }));
      numberField(gb, toNumber, (v) => handlers.onCap({ total_memory_gb: v }));
    }
    if (document.activeElement !== sms) sms.value = String(cap.total_sms);
    if (document.activeElement !== gb) gb.value = String(cap.total_memory_gb);
    const body = $('seed-rows');
    if (body.children.length !== rows.length || !body.contains(document.activeElement)) {
      replace(body, rows.map((r, i) => h('tr', {},
        h('td', {}, nameInput(r, i, handlers)),
        h('td', {}, numberInput(r.sms, `SMs of ${r.name}`, toNumber, (v) => handlers.onRow(i, { sms: v }))),
        h('td', {}, numberInput(r.memory_gb, `GB of ${r.name}`, toNumber, (v) => handlers.onRow(i, { memory_gb: v }))),
        h('td', {}, numberInput(r.count, `Count of ${r.name}`, toCount, (v) => handlers.onRow(i, { count: v }), '1')),
        h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Remove row ${r.name}`, onclick: () => handlers.onRemoveRow(i) }, 'remove')))));
    }
    const out = $('seed-verdict');
    out.textContent = format.seedText(answer);
    out.dataset.verdict = answer.error ? 'unknown' : answer.feasible ? 'feasible' : 'infeasible';
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { seed: { render } });
})(self);
