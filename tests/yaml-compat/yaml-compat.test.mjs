// Compares migcalc's own YAML reader (through the native CLI: `migcalc yaml-to-json FILE`) with npm's `yaml`
// package in YAML 1.1 mode (as mig-parted reads: go-yaml v2) on every YAML file under tests/fixtures. Both must accept
// the same files and produce the same JSON, and both must reject the files under a `bad/` folder, except where
// mig-parted is lax (listed in laxInGo). Files under `unsupported/` (anchors) were refused before; mig-parted reads
// them, so now both readers must agree on them too. Known npm-1.1-vs-go-yaml differences are patched out by path. Multi-document files are compared document by document (--all), and
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
    const all = YAML.parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: true });
    if (Array.isArray(all) && all.length > 1) {
      for (const d of all) if (d.errors.length) return { ok: false, message: d.errors[0].message };
      return { ok: true, multi: true, value: JSON.parse(JSON.stringify(all.map((d) => d.toJS({ maxAliasCount: 100 })))) };
    }
    const doc = YAML.parseDocument(text, { version: '1.1', merge: true, uniqueKeys: true });
    if (doc.errors.length) return { ok: false, message: doc.errors[0].message };
    return { ok: true, value: JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 100 }))) };
  } catch (e) {
    return { ok: false, message: e.message };
  }
}

const files = yamlFiles(fixtures);

/** Files under bad/ that mig-parted (go-yaml v2) reads anyway, and what migcalc must read instead of an error. */
const laxInGo = { 'interop/yaml/bad/duplicate-key.yaml': 'a key given twice: go-yaml v2 keeps the last value (migcalc warns)' };
/** Values where npm yaml 1.1 and go-yaml v2 differ: [file, JSON path, go-yaml's value, reason]. */
const npmDiffers = [];
/** Files npm yaml reads but mig-parted refuses (so migcalc refuses them too), with the reason. */
const goRefuses = {
  'interop/yaml/styles.yaml': '.inf (and -.inf): ghodss/yaml cannot make JSON of infinity (json: unsupported value)',
};

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
    if (goRefuses[name]) {
      assert.equal(b.ok, true, `npm yaml reads it: ${b.message}`);
      assert.equal(a.ok, false, `migcalc must refuse it as mig-parted does (${goRefuses[name]})`);
      return;
    }
    if (laxInGo[name]) {
      assert.equal(b.ok, false, 'npm yaml (unique keys) should reject this file');
      assert.equal(a.ok, true, `migcalc reads it as mig-parted does (${laxInGo[name]}): ${a.message}`);
      return;
    }
    if (name.split('/').includes('bad')) {
      assert.equal(b.ok, false, 'npm yaml should reject this file');
      assert.equal(a.ok, false, 'migcalc should reject this file');
      assert.match(a.message, /^line \d+: /, 'the error names the line');
      return;
    }
    assert.equal(b.ok, true, `npm yaml: ${b.message}`);
    assert.equal(a.ok, true, `migcalc: ${a.message}`);
    for (const [file, path, goValue] of npmDiffers) {
      if (file !== name) continue;
      const at = (v) => path.slice(0, -1).reduce((o, k) => o[k], v);
      assert.deepStrictEqual(at(a.value)[path.at(-1)], goValue, `migcalc reads ${path.join('/')} as go-yaml does`);
      at(a.value)[path.at(-1)] = at(b.value)[path.at(-1)];
    }
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
