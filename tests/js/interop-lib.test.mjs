// The export/import panels' pure helpers (web/lib/interop.js) and the fragment keys `export` and `device`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webLib, ROOT } from './module.mjs';

const interop = webLib('interop');
const { parse, serialize, defaultState } = webLib('fragment');
const fixture = (name) => readFileSync(`${ROOT}tests/fixtures/interop/${name}`, 'utf8');

test('file names carry the GPU key and the extension of the format', () => {
  assert.equal(interop.fileName('H100-SXM5-80GB', 'nvidia-smi'), 'migcalc-H100-SXM5-80GB.sh');
  assert.equal(interop.fileName('H100-SXM5-80GB', 'mig-parted'), 'migcalc-H100-SXM5-80GB.yaml');
  assert.equal(interop.fileName('H100-SXM5-80GB', 'k8s'), 'migcalc-H100-SXM5-80GB-k8s.yaml');
  assert.equal(interop.fileName('H100-SXM5-80GB', 'dra'), 'migcalc-H100-SXM5-80GB-dra.yaml');
  assert.equal(interop.fileName('A100-40GB', 'json'), 'migcalc-A100-40GB.json');
  assert.equal(interop.fileName('a/b c', 'json'), 'migcalc-a_b_c.json', 'no path separators or spaces');
});

test('the export text is the answer text, or the JSON layout pretty-printed', () => {
  assert.equal(interop.exportText({ text: '#!/bin/sh\n' }), '#!/bin/sh\n');
  assert.deepEqual(JSON.parse(interop.exportText({ layout: { instances: [1] } })), { instances: [1] });
  assert.equal(interop.exportText({ error: { code: 'X', message: 'm' } }), '');
});

test('the GPU index is a whole number from 0 to 15, anything else a sentence', () => {
  assert.deepEqual(interop.parseDevice('0'), { device: 0 });
  assert.deepEqual(interop.parseDevice(' 15 '), { device: 15 });
  for (const bad of ['16', '-1', '1.5', '', 'abc', '007']) assert.match(interop.parseDevice(bad).error ?? '', /0 to 15/, bad);
});

test('the kind of a paste is told from its text', () => {
  assert.equal(interop.detectPaste(fixture('smi/a100-40gb-lgip-lgipp.txt')), 'gpu');
  assert.equal(interop.detectPaste(fixture('smi/rtx-pro-6000-lgip-only.txt')), 'gpu');
  assert.equal(interop.detectPaste(fixture('smi/a100-40gb-lgi.txt')), 'state');
  assert.equal(interop.detectPaste(fixture('smi/empty-lgi.txt')), 'state');
  assert.equal(interop.detectPaste(fixture('config-default.yaml')), 'config');
  assert.equal(interop.detectPaste(fixture('gpu-operator-configmap.yaml')), 'config');
  assert.equal(interop.detectPaste(fixture('smi/garbage.txt')), null);
});

test('the fragment keeps export and device, omits their defaults and rejects bad values', () => {
  const d = defaultState();
  assert.equal(d.export, 'nvidia-smi');
  assert.equal(d.device, 0);
  assert.doesNotMatch(serialize(d), /export=|device=/);
  const s = Object.assign(defaultState(), { export: 'mig-parted', device: 3 });
  assert.match(serialize(s), /&export=mig-parted&device=3/);
  assert.deepEqual(parse(serialize(s)).state, s);
  assert.match(parse('#gpu=A100-40GB&export=yaml').error, /export format 'yaml'/);
  assert.match(parse('#gpu=A100-40GB&device=16').error, /device 16 is outside 0\.\.15/);
});
