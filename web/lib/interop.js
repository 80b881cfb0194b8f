// Pure helpers of the export and import panels (no DOM): file names, the text of an export answer, the GPU index
// check, which kind of text was pasted, and the arguments and summary of "Generate NVIDIA-style config".
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.MigcalcLib = root.MigcalcLib || {}).interop = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const FORMATS = [
    { value: 'nvidia-smi', label: 'nvidia-smi script', ext: 'sh', mime: 'text/x-shellscript' },
    { value: 'mig-parted', label: 'mig-parted config', ext: 'yaml', mime: 'application/yaml' },
    { value: 'k8s', label: 'Kubernetes (device plugin, example Pod)', ext: 'yaml', mime: 'application/yaml' },
    { value: 'dra', label: 'Kubernetes DRA ResourceSlices (NVIDIA DRA driver)', ext: 'yaml', mime: 'application/yaml' },
    { value: 'json', label: 'JSON layout', ext: 'json', mime: 'application/json' },
  ];
  const MAX_DEVICE = 15;

  function formatOf(value) {
    return FORMATS.find((f) => f.value === value) || FORMATS[0];
  }

  /// fileName('H100-SXM5-80GB', 'nvidia-smi') -> 'migcalc-H100-SXM5-80GB.sh'; k8s and dra files get a suffix.
  function fileName(gpu, format) {
    const f = formatOf(format);
    const safe = String(gpu).replace(/[^A-Za-z0-9._-]+/g, '_');
    return `migcalc-${safe}${f.value === 'k8s' || f.value === 'dra' ? `-${f.value}` : ''}.${f.ext}`;
  }

  /// The text to show for an exportLayout() answer: {text} or, for json, the layout pretty-printed.
  function exportText(answer) {
    if (answer.text !== undefined) return answer.text;
    if (answer.layout !== undefined) return JSON.stringify(answer.layout, null, 2) + '\n';
    return '';
  }

  /// parseDevice('3') -> {device: 3}; a bad value -> {error: sentence}.
  function parseDevice(text) {
    const t = String(text).trim();
    if (!/^\d{1,2}$/.test(t) || Number(t) > MAX_DEVICE)
      return { error: `The GPU index must be a whole number from 0 to ${MAX_DEVICE} (nvidia-smi -i), not '${t}'.` };
    return { device: Number(t) };
  }

  /// For whom "Generate NVIDIA-style config" writes NVIDIA's named configs.
  const GENERATE_SCOPES = [
    { value: 'gpu', label: 'this GPU' },
    { value: 'all', label: 'every GPU in the catalog' },
  ];

  /// The generateConfig() arguments for the page's state: this GPU or the whole catalog, under the chosen driver.
  function generateRequest(state, scope) {
    const driver = state.driver && state.driver !== 'newest' ? state.driver : null;
    return { gpus: scope === 'all' ? [] : [state.gpu], driver, format: 'yaml' };
  }

  /// What a generated config was made for, to see when the page's state no longer matches it.
  function generatedFor(state, scope) {
    return `${scope === 'all' ? '*' : state.gpu}|${state.driver || 'newest'}`;
  }

  /// generatedFileName('gpu', {gpu: 'A30-24GB', driver: 'R535'}) -> 'mig-configs-A30-24GB-R535.yaml'.
  function generatedFileName(scope, state) {
    const who = scope === 'all' ? 'all-gpus' : String(state.gpu).replace(/[^A-Za-z0-9._-]+/g, '_');
    const driver = state.driver && state.driver !== 'newest' ? `-${String(state.driver).replace(/[^A-Za-z0-9._-]+/g, '_')}` : '';
    return `mig-configs-${who}${driver}.yaml`;
  }

  /// One sentence on a generateConfig() answer: how many configs, for how many models, under which driver.
  function generatedSummary(answer) {
    const configs = Object.keys((answer.config || {})['mig-configs'] || {}).length;
    const models = (answer.gpus || []).length;
    const driver = answer.driver && answer.driver !== 'newest' ? `driver ${answer.driver}` : 'the newest driver';
    return `${configs} named configs for ${models === 1 ? answer.gpus[0] : `${models} GPU models`}, ${driver}.`;
  }

  /// Which kind of text was pasted: 'gpu' (nvidia-smi mig -lgip / -lgipp), 'state' (-lgi), 'config'
  /// (a mig-parted config or a ConfigMap holding one) or null when it looks like none of them.
  function detectPaste(text) {
    const t = String(text);
    if (/^\s*mig-configs\s*:/m.test(t) || /^\s*kind\s*:\s*ConfigMap\b/m.test(t) || /^\s*config\.yaml\s*:/m.test(t)) return 'config';
    if (/GPU instance profiles:/.test(t) || /Profile ID\s+\d+\s+Placements:/.test(t)) return 'gpu';
    if (/GPU instances:/.test(t) || /No GPU instances found/.test(t)) return 'state';
    return null;
  }

  return {
    FORMATS, MAX_DEVICE, formatOf, fileName, exportText, parseDevice, detectPaste,
    GENERATE_SCOPES, generateRequest, generatedFor, generatedFileName, generatedSummary,
  };
});
