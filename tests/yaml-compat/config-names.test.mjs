// Config names and NVIDIA's named configs as mig-parted reads them (YAML 1.1, go-yaml v2): every hostile name given to
// `migcalc export --name` is either refused with a clear error or written so that npm's `yaml` in YAML 1.1 mode and
// migcalc's own reader both read back the very same name (issue 11 item 8); and the file of `migcalc
// generate-config` reads the same in both (item 6).
//
// Run: node --test tests/yaml-compat/   (MIGCALC_BIN as in yaml-compat.test.mjs)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
function hasGenerate(p) {
  try {
    execFileSync(p, ['generate-config', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const bin = process.env.MIGCALC_BIN ||
  ['build', 'build-gen', 'build-interop', 'build-sanitize'].map((d) => join(root, d, 'cli', 'migcalc')).find((p) => existsSync(p) && hasGenerate(p));
// A comparison that cannot run fails; it never passes quietly.
if (!bin) throw new Error('migcalc is not built: run cmake --workflow --preset native, or set MIGCALC_BIN');
const dir = mkdtempSync(join(tmpdir(), 'migcalc-names-'));

function ourYaml(text) {
  const p = join(dir, 'x.yaml');
  writeFileSync(p, text);
  return JSON.parse(execFileSync(bin, ['yaml-to-json', p], { encoding: 'utf8' }));
}
const yaml11 = (text) => YAML.parse(text, { version: '1.1', uniqueKeys: true });

// Names that YAML 1.1 reads as null, a boolean, a number or a timestamp, that YAML syntax would take apart (an
// alias, a tag, a comment, a mapping, a flow collection), that would shadow the file's other config, or that carry
// quotes, escapes, line breaks and invisible characters. (NUL cannot be an argument; the C++ suite covers it.)
const HOSTILE = [
  'null', 'Null', 'NULL', '~', '', 'a: b', '*a', '&a', '!a', '#x', 'x #y', 'on', 'On', 'OFF', 'yes', 'No', 'y', 'n',
  'true', 'False', '0x10', '010', '0o10', '0b101', '1.0', '1e3', '1_000', '12345', '-1', '+1', '.inf', '.nan',
  '2024-01-01', '1:30', '190:20:30', 'a"b', "a'b", "'a'", '"a"', 'a\nb', 'a\tb', ' a', 'a ', '[a]', '{a}', 'a,b',
  '- a', '? a', '%a', '@a', '`a', '|', '>', 'a\\b', '<<', '=', 'all-disabled', 'café', 'a\u2028b', '\ufeffa',
  'a\u0085', 'a\x7f', 'a'.repeat(64), '-a', 'a-', 'inference-7x1g', 'a.b_c-1',
];

test(`export --name: each of ${HOSTILE.length} hostile names is refused clearly or read back as itself`, () => {
  assert.ok(HOSTILE.length >= 40);
  let refused = 0;
  let written = 0;
  for (const name of HOSTILE) {
    const r = spawnSync(bin, ['export', '--format', 'mig-parted', '--gpu', 'A100-40GB', '--name', name, '3g.20gb:2'], { encoding: 'utf8' });
    const shown = JSON.stringify(name);
    if (r.status !== 0) {
      assert.equal(r.status, 2, `${shown}: exit ${r.status}`);
      assert.match(r.stderr, /config name/, `${shown}: ${r.stderr}`);
      assert.equal(r.stdout, '', `${shown}: nothing written`);
      refused++;
      continue;
    }
    const theirs = yaml11(r.stdout);
    // (sorted: JavaScript lists integer-like keys such as "12345" first)
    const both = ['all-disabled', name].sort();
    assert.deepEqual(Object.keys(theirs['mig-configs']).sort(), both, `${shown} in npm yaml 1.1`);
    const ours = ourYaml(r.stdout);
    assert.deepEqual(Object.keys(ours['mig-configs']).sort(), both, `${shown} in migcalc's reader`);
    assert.deepEqual(ours, theirs, shown);
    // The ConfigMap form too.
    const cm = execFileSync(bin, ['export', '--format', 'mig-parted', '--configmap', '--gpu', 'A100-40GB', '--name', name, '3g.20gb:2'], { encoding: 'utf8' });
    assert.deepEqual(Object.keys(yaml11(yaml11(cm).data['config.yaml'])['mig-configs']).sort(), both, `${shown} in the ConfigMap`);
    written++;
  }
  assert.ok(refused >= 30, `refused ${refused}`);
  assert.ok(written >= 10, `written ${written}`);
});

test('a name of another config in the file (all-disabled) is refused by name', () => {
  const r = spawnSync(bin, ['export', '--format', 'mig-parted', '--gpu', 'A30-24GB', '--name', 'all-disabled', '4g.24gb'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /already has a config of that name/);
});

test('names YAML 1.1 reads as booleans, null or numbers are written double-quoted', () => {
  for (const name of ['on', 'yes', 'No', 'null', '0x10', '010', '1.0', '1e3', '12345']) {
    const out = execFileSync(bin, ['export', '--format', 'mig-parted', '--gpu', 'A30-24GB', '--name', name, '4g.24gb'], { encoding: 'utf8' });
    assert.ok(out.includes(`\n  "${name}":\n`), name);
    assert.ok(out.includes(`-c ${name}\n`), `${name}: the apply command names it as mig-parted and the label take it`);
  }
});

for (const args of [[], ['--gpu', 'A100-40GB', '--gpu', 'RTX-PRO-6000-96GB'], ['--driver', 'R535']]) {
  test(`generate-config ${args.join(' ') || '(every model)'}: npm yaml 1.1 and migcalc's reader read the same file, and the JSON form is it`, () => {
    const text = execFileSync(bin, ['generate-config', ...args], { encoding: 'utf8' });
    const theirs = yaml11(text);
    assert.deepEqual(ourYaml(text), theirs);
    assert.deepEqual(YAML.parse(text), theirs, 'YAML 1.2 reads it alike');
    assert.equal(theirs.version, 'v1');
    const configs = theirs['mig-configs'];
    assert.deepEqual(configs['all-disabled'], [{ devices: 'all', 'mig-enabled': false }]);
    for (const [name, entries] of Object.entries(configs)) {
      assert.match(name, /^all-[a-z0-9.-]+$/);
      for (const e of entries) {
        assert.equal(e.devices, 'all');
        for (const id of e['device-filter'] || []) assert.match(id, /^0x[0-9A-F]{4}10DE$/, name);
        for (const [p, n] of Object.entries(e['mig-devices'] || {})) {
          assert.match(p, /^\d+g\.\d+gb([+-][a-z][a-z0-9.]*)?$/, name);
          assert.ok(Number.isInteger(n) && n > 0, name);
        }
      }
    }
    const json = JSON.parse(execFileSync(bin, ['generate-config', '--format', 'json', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    assert.deepEqual(json, theirs);
  });
}
