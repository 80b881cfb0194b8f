// Compares migcalc's own YAML reader (through the native CLI: `migcalc yaml-to-json FILE`) with npm's `yaml`
// package on every YAML file under tests/fixtures. Both must accept the same files and produce the same JSON, both
// must reject the files under a `bad/` folder, and files under `unsupported/` (anchors) must be refused by migcalc
// by name while npm's yaml reads them. Multi-document files are compared document by document (--all), and
// ConfigMaps are compared again on the mig-parted text they wrap.
//
// Run: node --test tests/yaml-compat/   (MIGCALC_BIN=path/to/migcalc to choose the binary; default: the first
// existing of build/, build-interop/ and build-sanitize/ cli/migcalc that has the command)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'tests', 'fixtures');
function supportsYamlToJson(p) {
  try {
    execFileSync(p, ['yaml-to-json', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const bin = process.env.MIGCALC_BIN ||
  ['build', 'build-interop', 'build-sanitize'].map((d) => join(root, d, 'cli', 'migcalc')).find((p) => existsSync(p) && supportsYamlToJson(p));
// A comparison that cannot run fails; it never passes quietly.
if (!bin) throw new Error('migcalc is not built: run cmake --workflow --preset native, or set MIGCALC_BIN');

function yamlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** migcalc's reading: {ok: true, value} or {ok: false, code, message}. */
function ours(file, all = false) {
  try {
    return { ok: true, value: JSON.parse(execFileSync(bin, ['yaml-to-json', file, ...(all ? ['--all'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) };
  } catch (e) {
    if (e.status !== 2) throw e;
    const err = JSON.parse(e.stdout).error;
    return { ok: false, code: err.code, message: err.message };
  }
}

/** npm yaml's reading (YAML 1.2 core schema, unique keys), normalised through JSON like the CLI's output. */
function theirs(text) {
  try {
    const all = YAML.parseAllDocuments(text, { uniqueKeys: true });
    if (Array.isArray(all) && all.length > 1) {
      for (const d of all) if (d.errors.length) return { ok: false, message: d.errors[0].message };
      return { ok: true, multi: true, value: JSON.parse(JSON.stringify(all.map((d) => d.toJS({ maxAliasCount: 100 })))) };
    }
    const doc = YAML.parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length) return { ok: false, message: doc.errors[0].message };
    return { ok: true, value: JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 100 }))) };
  } catch (e) {
    return { ok: false, message: e.message };
  }
}

const files = yamlFiles(fixtures);

test('there are YAML fixtures and a migcalc binary to compare', () => {
  assert.ok(bin, 'build migcalc first (cmake --build build) or set MIGCALC_BIN');
  assert.ok(files.length >= 10, `only ${files.length} YAML files under tests/fixtures`);
});

for (const file of files) {
  const name = relative(fixtures, file);
  test(`${name}: migcalc's YAML reader agrees with npm yaml`, () => {
    const text = readFileSync(file, 'utf8');
    const b = theirs(text);
    const a = ours(file, b.multi === true);
    if (name.split('/').includes('bad')) {
      assert.equal(b.ok, false, 'npm yaml should reject this file');
      assert.equal(a.ok, false, 'migcalc should reject this file');
      assert.match(a.message, /^line \d+: /, 'the error names the line');
      return;
    }
    if (name.split('/').includes('unsupported')) {
      assert.equal(b.ok, true, `npm yaml reads it: ${b.message}`);
      assert.equal(a.ok, false);
      assert.equal(a.code, 'YAML_UNSUPPORTED');
      return;
    }
    assert.equal(b.ok, true, `npm yaml: ${b.message}`);
    assert.equal(a.ok, true, `migcalc: ${a.message}`);
    assert.deepStrictEqual(a.value, b.value);
    // A ConfigMap's wrapped text is YAML too: compare that reading as well.
    for (const value of b.multi ? b.value : [b.value]) {
      if (!value || value.kind !== 'ConfigMap' || !value.data) continue;
      const dir = mkdtempSync(join(tmpdir(), 'migcalc-yaml-'));
      for (const [key, inner] of Object.entries(value.data)) {
        if (typeof inner !== 'string') continue;
        const p = join(dir, key.replace(/[^A-Za-z0-9._-]/g, '_'));
        writeFileSync(p, inner);
        const ai = ours(p);
        const bi = theirs(inner);
        assert.equal(ai.ok, bi.ok, `${key}: both readers must agree on validity`);
        if (ai.ok) assert.deepStrictEqual(ai.value, bi.value, key);
      }
    }
  });
}
