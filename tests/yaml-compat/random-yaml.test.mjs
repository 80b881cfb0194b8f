// Property test: random JSON values written as YAML 1.1 by npm's `yaml` (block and flow styles, every quoting style,
// literal and folded block scalars, comments) must be read back by migcalc's YAML reader as the same value.
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
function hasYamlToJson(p) {
  try {
    execFileSync(p, ['yaml-to-json', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const bin = process.env.MIGCALC_BIN ||
  ['build', 'build-interop', 'build-sanitize'].map((d) => join(root, d, 'cli', 'migcalc')).find((p) => existsSync(p) && hasYamlToJson(p));
// A comparison that cannot run fails; it never passes quietly.
if (!bin) throw new Error('migcalc is not built: run cmake --workflow --preset native, or set MIGCALC_BIN');

// A small deterministic generator (mulberry32), so a failure can be reproduced from its seed.
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const words = ['all', 'v1', '1g.10gb', '3g.40gb+me', '1c.3g.20gb', '0x233010DE', 'true', 'null', '~', '12', '-7', '1.5', 'yes',
  'a: b', '- x', '#hash', 'x # y', "it's", 'say "hi"', '', ' lead', 'trail ', 'multi\nline', 'two\n\nparas\n', 'tab\there',
  'ünïcödé', '[x]', '{y}', 'k=v', '@at', '`tick`', '%pct', '*star', '&amp', '!bang', '|pipe', '>gt', '? q', 'nvidia.com/mig-1g.5gb'];
function value(r, depth) {
  const k = r();
  if (depth > 3 || k < 0.45) {
    const s = r();
    if (s < 0.55) return words[Math.floor(r() * words.length)];
    if (s < 0.7) return Math.floor(r() * 2000) - 1000;
    if (s < 0.8) return Math.round(r() * 1e4) / 100;
    if (s < 0.9) return r() < 0.5;
    return null;
  }
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const o = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[words[Math.floor(r() * words.length)] || 'empty'] = value(r, depth + 1);
  return o;
}

test('random documents written by npm yaml read back identically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-random-yaml-'));
  const styles = [{}, { collectionStyle: 'flow' }, { defaultStringType: 'QUOTE_DOUBLE' }, { defaultStringType: 'QUOTE_SINGLE' },
    { blockQuote: 'folded' }, { indentSeq: false }, { indent: 4 }, { lineWidth: 20, minContentWidth: 5 }];
  const docs = [];
  const seeds = Number(process.env.MIGCALC_YAML_SEEDS || 240);
  for (let seed = 1; seed <= seeds; seed++) {
    const r = rng(seed);
    const v = { root: value(r, 0), list: [value(r, 1), value(r, 1)] };
    // YAML 1.1 as mig-parted reads it: npm yaml then quotes yes/no/on/off/y/n and other 1.1 look-alikes.
    const text = YAML.stringify(v, { version: '1.1', ...styles[seed % styles.length] });
    const commented = seed % 3 === 0 ? `# seed ${seed}\n` + text.replace(/\n/, '  # a comment\n') : text;
    docs.push({ seed, v, text: commented, plain: commented === text });
  }
  // One file per document, one process per file: kept to a few hundred runs.
  for (const { seed, v, text, plain } of docs) {
    const p = join(dir, `doc-${seed}.yaml`);
    writeFileSync(p, text);
    const expected = JSON.parse(JSON.stringify(YAML.parse(text, { version: '1.1' })));
    // (A comment injected into a multi-line scalar becomes part of it, so only uncommented texts must round-trip.)
    if (plain) assert.deepStrictEqual(expected, JSON.parse(JSON.stringify(v)), `npm yaml round trip, seed ${seed}`);
    let out;
    try {
      out = execFileSync(bin, ['yaml-to-json', p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      assert.fail(`seed ${seed}: migcalc refused:\n${e.stdout}\n--- yaml ---\n${text}`);
    }
    assert.deepStrictEqual(JSON.parse(out), expected, `seed ${seed}:\n${text}`);
  }
});
