// generateConfig() of the module (NVIDIA's named mig-parted configs, issue 11 item 6) answers what `migcalc
// generate-config --json` prints, and the page's pure helpers for "Generate NVIDIA-style config" (web/lib/interop.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { loadCore, webLib, ROOT } from './module.mjs';

const core = await loadCore();
const interop = webLib('interop');
const CLI = process.env.MIGCALC_BIN || `${ROOT}build/cli/migcalc`;
const haveCli = existsSync(CLI) && spawnSync(CLI, ['generate-config', '--help']).status === 0;
// The CLI is part of the build the tests run on: missing, these comparisons fail rather than skip.
if (!haveCli) throw new Error(`migcalc binary not found or not working at ${CLI}; build it or set MIGCALC_BIN`);

for (const [label, args, cliArgs] of [
  ['every model', {}, []],
  ['two models under R535 as JSON', { gpus: ['A30-24GB', 'H100-SXM5-80GB'], driver: 'R535', format: 'json' }, ['--gpu', 'A30-24GB', '--gpu', 'H100-SXM5-80GB', '--driver', 'R535', '--format', 'json']],
]) {
  test(`generateConfig() (${label}) answers what \`migcalc generate-config --json\` prints`, () => {
    const out = core.generateConfig(args);
    assert.equal(out.error, undefined, JSON.stringify(out.error));
    const c = spawnSync(CLI, ['generate-config', '--json', ...cliArgs], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
    assert.deepEqual(out, JSON.parse(c.stdout));
  });
}

test('generateConfig() text is the config, in YAML (read in YAML 1.1 as mig-parted does) or JSON', () => {
  const yaml = core.generateConfig({ gpus: ['RTX-PRO-6000-96GB'] });
  assert.equal(yaml.format, 'yaml');
  assert.deepEqual(YAML.parse(yaml.text, { version: '1.1' }), yaml.config);
  assert.deepEqual(yaml.config['mig-configs']['all-balanced'], [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.24gb': 2, '2g.48gb': 1 } }]);
  assert.ok(yaml.config['mig-configs']['all-1g.24gb.me.all']);
  const json = core.generateConfig({ gpus: ['RTX-PRO-6000-96GB'], format: 'json' });
  assert.deepEqual(JSON.parse(json.text), yaml.config);
  assert.deepEqual(core.generateConfig(), core.generateConfig({ gpus: [] }), 'no options = every model');
});

test('generateConfig() answers errors as values', () => {
  assert.equal(core.generateConfig({ gpus: ['H999'] }).error.code, 'UNKNOWN_GPU');
  assert.equal(core.generateConfig({ driver: 'R5x' }).error.code, 'BAD_DRIVER');
  assert.equal(core.generateConfig({ format: 'xml' }).error.code, 'BAD_EXPORT_REQUEST');
  assert.equal(core.generateConfig('A30-24GB').error.code, 'BAD_INPUT');
  assert.ok(!core.generateConfig({ gpus: ['A30-24GB'] }).error, 'answers again after errors');
});

test('the page\'s request: this GPU or every GPU, under the chosen driver', () => {
  const state = { gpu: 'A30-24GB', driver: 'R535' };
  assert.deepEqual(interop.generateRequest(state, 'gpu'), { gpus: ['A30-24GB'], driver: 'R535', format: 'yaml' });
  assert.deepEqual(interop.generateRequest({ gpu: 'A30-24GB', driver: 'newest' }, 'all'), { gpus: [], driver: null, format: 'yaml' });
  assert.deepEqual(interop.GENERATE_SCOPES.map((s) => s.value), ['gpu', 'all']);
  assert.equal(interop.generatedFileName('gpu', state), 'mig-configs-A30-24GB-R535.yaml');
  assert.equal(interop.generatedFileName('all', { gpu: 'A30-24GB', driver: 'newest' }), 'mig-configs-all-gpus.yaml');
  assert.equal(interop.generatedFileName('gpu', { gpu: 'a/b c', driver: 'newest' }), 'mig-configs-a_b_c.yaml');
  // A generated config belongs to its GPU (unless made for every GPU) and driver.
  assert.equal(interop.generatedFor(state, 'gpu'), interop.generatedFor({ ...state, req: [] }, 'gpu'));
  assert.notEqual(interop.generatedFor(state, 'gpu'), interop.generatedFor({ ...state, gpu: 'A100-40GB' }, 'gpu'));
  assert.equal(interop.generatedFor(state, 'all'), interop.generatedFor({ ...state, gpu: 'A100-40GB' }, 'all'));
  assert.notEqual(interop.generatedFor(state, 'all'), interop.generatedFor({ ...state, driver: 'newest' }, 'all'));
});

test('the summary counts configs and models and names the driver', () => {
  const one = core.generateConfig({ gpus: ['A30-24GB'], driver: 'R535' });
  assert.equal(interop.generatedSummary(one), '8 named configs for A30-24GB, driver R535.');
  const all = core.generateConfig({});
  assert.match(interop.generatedSummary(all), /^\d+ named configs for \d+ GPU models, the newest driver\.$/);
});
