// The interop functions of web/migcalc.js (exportLayout, validateConfig, importGpu, importState) answer what the
// CLI prints for the same input: the page and `migcalc` share one core. When the native CLI is built
// (build/cli/migcalc) each answer is compared with its output; the rest checks facts from the fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadCore, ROOT } from './module.mjs';

const core = await loadCore();
const CLI = `${ROOT}build/cli/migcalc`;
const haveCli = existsSync(CLI);
// The CLI is part of the build the tests run on: missing, these comparisons fail rather than skip.
if (!haveCli) throw new Error(`migcalc binary not found or not working at ${CLI}; build it or set MIGCALC_BIN`);
const text = (name) => readFileSync(`${ROOT}tests/fixtures/interop/${name}`, 'utf8');
const path = (name) => `${ROOT}tests/fixtures/interop/${name}`;

function cli(args) {
  const r = spawnSync(CLI, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DEFAULT = { gpu: 'H100-SXM5-80GB', request: ['3g.40gb:1', '2g.20gb:1', '1g.10gb:2'] };

test('exportLayout() writes the nvidia-smi script with the placements of the check verdict', () => {
  const out = core.exportLayout({ ...DEFAULT, format: 'nvidia-smi' });
  assert.equal(out.error, undefined, JSON.stringify(out.error));
  // mig-hardware.md: H100 profile IDs 3g.40gb=9, 2g.20gb=14, 1g.10gb=19; check places them at 4, 0, 2, 3.
  assert.match(out.text, /-cgi 9:4,14:0,19:2,19:3/);
  const verdict = core.check(DEFAULT);
  for (const i of verdict.instances) assert.ok(out.text.includes(`:${i.start}`), `${i.profile}@${i.start}`);
});

for (const format of ['nvidia-smi', 'mig-parted', 'k8s']) {
  test(`exportLayout() ${format} text equals \`migcalc export --format ${format}\``, () => {
    const out = core.exportLayout({ ...DEFAULT, format, device: 3 });
    const c = cli(['export', '--format', format, '--gpu', DEFAULT.gpu, '--device', '3', ...DEFAULT.request]);
    assert.equal(c.status, 0, c.stderr);
    assert.equal(out.text.trimEnd(), c.stdout.trimEnd());
  });
}

test('exportLayout() json gives the layout that `migcalc export --format json` prints', () => {
  const request = ['2g.20gb:1', '1g.10gb:2'];
  const out = core.exportLayout({ gpu: DEFAULT.gpu, request, format: 'json', fixed: ['3g.40gb@4'] });
  const c = cli(['export', '--format', 'json', '--gpu', DEFAULT.gpu, '--fixed', '3g.40gb@4', ...request]);
  assert.equal(c.status, 0, c.stderr);
  const printed = JSON.parse(c.stdout);
  assert.deepEqual(out.layout ?? out, printed.layout ?? printed);
  assert.equal(out.layout.instances.find((i) => i.profile === '3g.40gb').fixed, true);
});

test('exportLayout() mig-parted puts the device index into devices', () => {
  const out = core.exportLayout({ ...DEFAULT, format: 'mig-parted', device: 5 });
  assert.match(out.text, /devices:\s*\[5\]/);
});

test('exportLayout() answers errors as values: not feasible, unknown format, unknown GPU, bad input', () => {
  const tooMany = core.exportLayout({ gpu: 'H100-SXM5-80GB', request: ['7g.80gb:2'], format: 'nvidia-smi' });
  assert.equal(tooMany.error.code, 'NOT_FEASIBLE');
  assert.equal(tooMany.text, undefined);
  const fmt = core.exportLayout({ ...DEFAULT, format: 'yaml' });
  assert.ok(fmt.error, 'an unknown format is an error');
  assert.match(fmt.error.message, /nvidia-smi/);
  const gpu = core.exportLayout({ ...DEFAULT, gpu: 'H200-NOPE', format: 'k8s' });
  assert.ok(gpu.error);
  assert.ok(core.exportLayout().error);
  assert.ok(core.exportLayout('x').error);
});

test('validateConfig() equals `migcalc validate --json` on the default config', () => {
  const out = core.validateConfig(text('config-default.yaml'));
  const c = cli(['validate', '--json', path('config-default.yaml')]);
  assert.deepEqual(out, JSON.parse(c.stdout));
  assert.equal(out.exit_code, c.status);
});

test('validateConfig() reports per config entry, with a GPU filter, and a typo as a finding', () => {
  const all = core.validateConfig(text('config-default.yaml'));
  const names = all.entries.map((e) => e.config);
  assert.ok(names.includes('all-1g.5gb'), names.join(','));
  // all-1g.5gb is meant for the A100-40GB (7 x 1g.5gb); with a GPU filter only that model is validated.
  const one = core.validateConfig(text('config-default.yaml'), { gpu: 'A100-40GB' });
  const entry = one.entries.find((e) => e.config === 'all-1g.5gb');
  assert.deepEqual(entry.results.map((r) => [r.gpu, r.status]), [['A100-40GB', 'feasible']]);
  const typo = core.validateConfig(text('gpu-operator-configmap-with-typo.yaml'));
  assert.equal(typo.valid, false);
});

test('validateConfig() answers broken YAML and bad arguments as errors naming the line', () => {
  const bad = core.validateConfig('version: v1\nmig-configs:\n  a: [\n');
  assert.ok(bad.error || bad.schema_errors?.length, JSON.stringify(bad));
  if (bad.error) assert.match(bad.error.message, /line \d+/);
  assert.ok(core.validateConfig().error);
  assert.ok(core.validateConfig(text('config-default.yaml'), { gpu: 'NOPE' }).error);
});

test('importGpu() matches pasted A100 -lgip/-lgipp output with the catalog model, like `migcalc import-gpu`', () => {
  const out = core.importGpu(text('smi/a100-40gb-lgip-lgipp.txt'));
  assert.equal(out.error, undefined, JSON.stringify(out.error));
  assert.match(out.catalog_match, /^A100/);
  assert.ok(out.model.profiles.some((p) => p.name === '1g.5gb'));
  {
    const c = cli(['import-gpu', '--json', path('smi/a100-40gb-lgip-lgipp.txt')]);
    assert.equal(c.status, 0, c.stderr);
    assert.deepEqual(out.model.profiles, JSON.parse(c.stdout).profiles);
  }
});

test('importGpu() answers a broken row with its line number', () => {
  const bad = core.importGpu(text('smi/bad-lgip-row.txt'));
  assert.equal(bad.error.code, 'BAD_SMI_OUTPUT');
  assert.match(bad.error.message, /line \d+/);
  assert.ok(core.importGpu(text('smi/garbage.txt')).error);
  assert.ok(core.importGpu().error);
});

test('importState() reads -lgi output as the fixed instances, like `migcalc state --json`', () => {
  const out = core.importState(text('smi/a100-40gb-lgi.txt'));
  // The transcript: 1g.5gb at 6, 2g.10gb at 4, 4g.20gb at 0 on GPU 0.
  assert.deepEqual(out.gpus[0].fixed.slice().sort(), ['1g.5gb@6', '2g.10gb@4', '4g.20gb@0']);
  {
    const c = cli(['state', '--json', path('smi/a100-40gb-lgi.txt')]);
    assert.deepEqual(out, JSON.parse(c.stdout));
  }
  assert.deepEqual(core.importState(text('smi/empty-lgi.txt')).gpus, []);
  const bad = core.importState(text('smi/bad-lgi-placement.txt'));
  assert.match(bad.error.message, /line \d+/);
  assert.ok(core.importState().error);
});
