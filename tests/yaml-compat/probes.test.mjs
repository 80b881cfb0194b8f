// npm `yaml` in YAML 1.1 mode against mig-parted's own readings (tests/fixtures/yaml-probes/probes.json, made by
// go-oracle/ with ghodss/yaml on go-yaml v2). migcalc's reader is held to the same table by tests/test_yaml_probes.cpp;
// this suite checks that the table and the second oracle agree, except where npm yaml 1.1 is known to read
// differently from go-yaml v2 (each listed below by probe name, with the reason). A listed probe that starts to agree
// fails too, so the list stays exact.
//
// Run: node --test tests/yaml-compat/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const probes = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'yaml-probes', 'probes.json'), 'utf8'));

/** npm yaml 1.1's reading, made JSON the way ghodss/yaml does: the first document only, errors as errors. */
function npm11(text) {
  try {
    const docs = YAML.parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc) return { ok: true, value: null };
    if (doc.errors.length) return { ok: false, error: doc.errors[0].message };
    const js = doc.toJS({ maxAliasCount: 100 });
    const bad = (v) => (typeof v === 'number' && !Number.isFinite(v)) ||
      (v && typeof v === 'object' && Object.values(v).some(bad));
    if (bad(js)) return { ok: false, error: 'infinity or NaN, which JSON cannot hold' };
    return { ok: true, value: JSON.parse(JSON.stringify(js)) };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}

/** Probes where npm yaml 1.1 and go-yaml v2 (mig-parted) read differently, and why. */
const npmDiffers = new Map(Object.entries({
  'int-octal-0o10': 'go-yaml v2 hands the text to Go\'s ParseInt with base 0, which knows 0o; npm yaml 1.1 reads text',
  'int-hex-0X10': 'Go\'s ParseInt accepts an upper-case 0X prefix; npm yaml 1.1 only 0x',
  'int-sexagesimal-1_20': 'go-yaml v2 has no base-60 numbers (text "1:20"); npm yaml 1.1 reads 80',
  'int-sexagesimal-190_20_30': 'base 60 again: go-yaml v2 text, npm yaml 1.1 a number',
  'int-sexagesimal-neg': 'base 60 again: go-yaml v2 text, npm yaml 1.1 a number',
  'float-dot': 'a lone "." is text to go-yaml v2; npm yaml 1.1 reads null',
  'float-huge': '1e400 overflows Go\'s ParseFloat, so go-yaml v2 keeps the text; npm yaml reads Infinity (JSON null)',
  'timestamp-date': 'go-yaml v2 keeps timestamps as text in a generic value; npm yaml 1.1 makes a Date',
  'timestamp-full': 'timestamps: text to go-yaml v2, a Date to npm yaml 1.1',
  'timestamp-space': 'timestamps: text to go-yaml v2, a Date to npm yaml 1.1',
  'timestamp-bad': 'month 13: text to go-yaml v2; npm yaml 1.1 rolls it over into a Date in the next year',
  'key-inf': 'ghodss/yaml writes an infinite key as ".inf"; npm yaml as "Infinity"',
  'key-minus-inf': 'ghodss/yaml writes "-.inf"; npm yaml "-Infinity"',
  'key-nan': 'ghodss/yaml writes ".nan"; npm yaml "NaN"',
  'key-null': 'a null key is an error to ghodss/yaml (unsupported map key); npm yaml makes it ""',
  'key-tilde': 'a null key is an error to ghodss/yaml; npm yaml makes it ""',
  'key-big': 'ghodss/yaml formats a float key as float32 %g ("1e+20"); npm yaml as JavaScript does',
  'key-date': 'a timestamp key stays text to go-yaml v2; npm yaml stringifies a Date',
  'merge-after-key': 'go-yaml v2 applies "<<" where it stands, so a later merge overrides an earlier key; npm yaml lets explicit keys win',
  'mp-name-null': 'a null config name is an error to ghodss/yaml (unsupported map key); npm yaml makes it ""',
}));

test('the golden table has at least 150 probes with unique names', () => {
  assert.ok(probes.length >= 150, `${probes.length} probes`);
  assert.equal(new Set(probes.map((p) => p.name)).size, probes.length);
  for (const name of npmDiffers.keys()) assert.ok(probes.some((p) => p.name === name), `unknown probe ${name} in the list`);
});

for (const p of probes) {
  test(`${p.name}: npm yaml 1.1 ${npmDiffers.has(p.name) ? 'differs from' : 'agrees with'} mig-parted`, () => {
    const ours = npm11(p.text);
    const same = ours.ok === p.ok && (!p.ok || JSON.stringify(sortKeys(ours.value)) === JSON.stringify(sortKeys(p.value)));
    // Compared as JSON text, as mig-parted sees it (-0 and 0 are both "0" there).
    if (npmDiffers.has(p.name)) {
      assert.ok(!same, `npm yaml now agrees on ${p.name}; remove it from the list (${npmDiffers.get(p.name)})`);
      return;
    }
    assert.equal(ours.ok, p.ok, p.ok ? `npm yaml refuses: ${ours.error}` : `mig-parted refuses (${p.error}), npm yaml reads ${JSON.stringify(ours.value)}`);
    if (p.ok) assert.equal(JSON.stringify(sortKeys(ours.value)), JSON.stringify(sortKeys(p.value)));
  });
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
