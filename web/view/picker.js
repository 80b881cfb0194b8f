// The GPU model picker (grouped by family, with memory and inferred/unknown flags), the driver and the named
// configs menu.
(function (ns) {
  'use strict';
  const { h, replace, $ } = ns.MigcalcDom;
  const format = ns.MigcalcLib.format;

  function renderGpus(gpus, onPick) {
    const select = $('gpu');
    replace(select, format.groupByFamily(gpus).map((g) => h('optgroup', { label: g.family }, g.gpus.map((gpu) => h('option', { value: gpu.key }, format.gpuLabel(gpu))))));
    select.addEventListener('change', () => onPick(select.value));
  }

  /// Per-model parts: facts line, driver options, named configs.
  function renderModel(profiles, gpus, state, handlers) {
    $('gpu').value = profiles.key;
    const conf = profiles.confidence.placements || 'unknown';
    const facts = [
      `${profiles.family}, ${format.gib(profiles.total_memory_mib)}, ${profiles.sms === null ? 'unknown' : profiles.sms} SMs`,
      `${profiles.compute_slices} compute slices, ${profiles.placement_units === null ? 'unknown' : profiles.placement_units} placement units`,
      !profiles.placements_known ? 'placements unknown' : profiles.placements_inferred ? 'placements inferred' : `placements: ${conf}`,
      `minimum driver R${profiles.min_driver}`,
    ];
    $('gpu-facts').textContent = facts.join(' · ');
    renderSources(profiles);

    const driver = $('driver');
    replace(driver, h('option', { value: 'newest' }, 'Newest (default)'), format.driverOptions(gpus, profiles).map((d) => h('option', { value: d }, d)));
    if (state.driver !== 'newest' && ![...driver.options].some((o) => o.value === state.driver)) driver.appendChild(h('option', { value: state.driver }, state.driver));
    driver.value = state.driver;
    driver.onchange = () => handlers.onDriver(driver.value);

    const preset = $('preset');
    const names = Object.keys(profiles.named_configs || {});
    replace(preset, h('option', { value: '' }, names.length ? 'Load a named config…' : 'No named configs for this model'),
      names.map((n) => h('option', { value: n }, `${n}: ${Object.entries(profiles.named_configs[n]).map(([p, c]) => `${c} × ${p}`).join(', ')}`)));
    preset.disabled = names.length === 0;
    preset.onchange = () => {
      if (preset.value) handlers.onPreset(profiles.named_configs[preset.value]);
      preset.value = '';
    };
  }

  /// The model's sources and notes; the page's first module leaves their texts out (sources_omitted) and app.js
  /// calls this again with the full module's answer.
  function renderSources(profiles) {
    replace($('gpu-sources'),
      profiles.sources_omitted ? h('li', { class: 'note' }, 'Loading the sources and notes…') : null,
      profiles.sources.map((src, i) => h('li', {}, `[${i}] ${src}`)),
      profiles.notes.map((n) => h('li', { class: 'note' }, n)),
      Object.entries(profiles.confidence).map(([field, word]) => h('li', { class: 'note' }, `${field}: ${word}`)));
  }

  function syncDriver(state) {
    $('driver').value = state.driver;
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { picker: { renderGpus, renderModel, renderSources, syncDriver } });
})(self);
