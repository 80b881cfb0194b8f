// Every export is accepted by the tool it is meant for, as far as this machine can tell without a GPU:
// the nvidia-smi script passes `sh -n`; the mig-parted file, its ConfigMap and the Kubernetes example are YAML that
// npm's `yaml` reads to the same JSON as migcalc's reader, with the fields mig-parted and Kubernetes require.
//
// Run: node --test tests/yaml-compat/   (MIGCALC_BIN as in yaml-compat.test.mjs)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
function hasExport(p) {
  try {
    execFileSync(p, ['export', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const bin = process.env.MIGCALC_BIN ||
  ['build', 'build-interop', 'build-sanitize'].map((d) => join(root, d, 'cli', 'migcalc')).find((p) => existsSync(p) && hasExport(p));
// A comparison that cannot run fails; it never passes quietly.
if (!bin) throw new Error('migcalc is not built: run cmake --workflow --preset native, or set MIGCALC_BIN');
const dir = mkdtempSync(join(tmpdir(), 'migcalc-export-'));

const layouts = [
  ['--gpu', 'A100-80GB', '4g.40gb', '2g.20gb', '1g.10gb'],
  ['--gpu', 'A100-40GB', '--fixed', '1g.5gb@6', '1c.3g.20gb:3', '2g.10gb'],
  ['--gpu', 'H100-SXM5-80GB', '1g.10gb:7'],
  ['--gpu', 'RTX-PRO-6000-96GB', '1g.24gb+me.all', '1g.24gb-me:3'],
  ['--gpu', 'GB200-186GB', '3g.93gb', '1c.2g.47gb:2', '1g.23gb'],
];

function run(args) {
  return execFileSync(bin, args, { encoding: 'utf8' });
}
function ourYaml(text) {
  const p = join(dir, 'x.yaml');
  writeFileSync(p, text);
  return JSON.parse(run(['yaml-to-json', p]));
}

for (const l of layouts) {
  const name = l.join(' ');
  test(`nvidia-smi script is valid sh: ${name}`, () => {
    const script = run(['export', '--format', 'nvidia-smi', '--device', '1', ...l]);
    const p = join(dir, 'mig.sh');
    writeFileSync(p, script);
    execFileSync('sh', ['-n', p]);
    assert.match(script, /^#!\/bin\/sh\n/);
    assert.match(script, /nvidia-smi mig -i 1 -cgi \d+:\d+/);
  });

  test(`mig-parted file and ConfigMap read the same in npm yaml: ${name}`, () => {
    const file = run(['export', '--format', 'mig-parted', ...l]);
    const theirs = YAML.parse(file, { uniqueKeys: true });
    assert.deepStrictEqual(ourYaml(file), theirs);
    assert.equal(theirs.version, 'v1');
    const names = Object.keys(theirs['mig-configs']);
    assert.equal(names.length, 2);
    const entry = theirs['mig-configs'][names[1]][0];
    assert.deepStrictEqual(Object.keys(entry).sort(), ['device-filter', 'devices', 'mig-devices', 'mig-enabled']);
    for (const id of entry['device-filter']) assert.match(id, /^0x[0-9A-F]{4}10DE$/);
    for (const [p, n] of Object.entries(entry['mig-devices'])) {
      assert.match(p, /^(\d+c\.)?\d+g\.\d+gb([+-][a-z][a-z0-9.]*)?$/);
      assert.ok(Number.isInteger(n) && n > 0);
    }
    assert.match(names[1], /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, 'a valid node-label value');
    const cm = YAML.parse(run(['export', '--format', 'mig-parted', '--configmap', ...l]));
    assert.equal(cm.kind, 'ConfigMap');
    assert.deepStrictEqual(YAML.parse(cm.data['config.yaml']), theirs);
  });

  test(`Kubernetes example Pod parses and requests a mixed-strategy resource: ${name}`, () => {
    const k = run(['export', '--format', 'k8s', ...l]);
    const pod = YAML.parse(k);
    assert.deepStrictEqual(ourYaml(k), pod);
    assert.equal(pod.kind, 'Pod');
    const limits = pod.spec.containers[0].resources.limits;
    for (const key of Object.keys(limits)) assert.match(key, /^nvidia\.com\/mig-\d+g\.\d+gb(\.[a-z.]+|-me)?$/);
  });
}

test('fleet exports (--plan): valid sh and YAML that npm yaml reads the same', () => {
  const plan = join(dir, 'plan.json');
  writeFileSync(plan, JSON.stringify({
    demand: [{ profile: '3g.40gb', count: 3 }, { profile: '1g.10gb', count: 5 }],
    gpus: [{ model: 'H100-SXM5-80GB' }],
    existing: [{ model: 'H100-SXM5-80GB', instances: [{ profile: '4g.40gb', start: 0 }] }],
  }));
  const script = run(['export', '--format', 'nvidia-smi', '--plan', plan]);
  const p = join(dir, 'fleet.sh');
  writeFileSync(p, script);
  execFileSync('sh', ['-n', p]);
  const file = run(['export', '--format', 'mig-parted', '--plan', plan]);
  const theirs = YAML.parse(file, { uniqueKeys: true });
  assert.deepStrictEqual(ourYaml(file), theirs);
  assert.ok(Object.keys(theirs['mig-configs']).length >= 2);
  const j = JSON.parse(run(['export', '--format', 'json', '--plan', plan]));
  assert.equal(j.format, 'migcalc-fleet');
});
