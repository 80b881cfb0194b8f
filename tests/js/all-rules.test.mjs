// Issue 11 items 3 and 4 through the module and the page's verdict sentence: every failing rule in order, with the
// units and profiles it involves; models without a placement table answer Feasible or Not feasible where the
// known facts prove it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, webLib } from './module.mjs';

const format = webLib('format');
const core = await loadCore();
const codes = (r) => r.reasons.map((x) => x.code);

test('A100-40GB 3g.20gb:2 4g.20gb: 12 memory slices > 8 first, then compute slices, then decoders', () => {
  const r = core.check({ gpu: 'A100-40GB', request: ['3g.20gb:2', '4g.20gb'] });
  assert.deepEqual(codes(r), ['SLICE_TOTAL', 'SLICE_TOTAL', 'MEDIA_ENGINES']);
  assert.match(r.reasons[0].message, /12 memory slices > 8/);
  assert.deepEqual(r.reasons[0].profiles, ['3g.20gb', '4g.20gb']);
  assert.deepEqual(r.reasons[0].units, []);
  assert.equal(r.largest_subset.count, 2);
  // The banner says the first reason and names the other rules; the list below says them in full.
  assert.equal(format.verdictText(r), 'Not feasible — 2 × 3g.20gb and 4g.20gb need 12 memory slices > 8 on A100-40GB. 2 more rules fail: slice total, media engines. Largest part that fits: 4g.20gb at 0, 3g.20gb at 4.');
});

test('a blocked window names the pins\' units; a single reason adds nothing to the banner', () => {
  const r = core.check({ gpu: 'H100-SXM5-80GB', request: ['3g.40gb'], fixed: [{ profile: '1g.10gb', start: 1 }, { profile: '1g.10gb', start: 5 }] });
  assert.deepEqual(codes(r), ['NO_PLACEMENT']);
  assert.deepEqual(r.reasons[0].units, [1, 5]);
  assert.deepEqual(r.reasons[0].profiles, ['3g.40gb']);
  assert.doesNotMatch(format.verdictText(r), /more rules? fail/);
});

test('moreRulesText counts repeated rules and says one rule in the singular', () => {
  assert.equal(format.moreRulesText([{ code: 'SLICE_TOTAL' }]), '');
  assert.equal(format.moreRulesText([{ code: 'SLICE_TOTAL' }, { code: 'NO_PLACEMENT' }]), ' 1 more rule fails: placement window.');
  assert.equal(format.moreRulesText([{ code: 'SLICE_TOTAL' }, { code: 'INSTANCE_CAP' }, { code: 'MEDIA_ENGINES' }, { code: 'MEDIA_ENGINES' }, { code: 'DRIVER_TOO_OLD' }]),
    ' 4 more rules fail: instance cap, media engines (2), driver.');
});

test('RTX PRO 5000 without a placement table: feasible within a cap, not feasible over it, unknown for a mix', () => {
  const ok = core.check({ gpu: 'RTX-PRO-5000-48GB', request: ['1g.24gb:2'] });
  assert.equal(ok.verdict, 'feasible');
  assert.deepEqual(ok.instances, []);
  assert.equal(ok.remaining['1g.24gb'], 0);
  assert.equal(ok.remaining['2g.48gb'], 0); // both compute slices are taken
  assert.match(format.verdictText(ok), /^Feasible — 2 × 1g\.24gb\. Where they go is not known/);
  const over = core.check({ gpu: 'RTX-PRO-5000-48GB', request: ['1g.24gb:3'] });
  assert.equal(over.verdict, 'not feasible');
  assert.deepEqual(codes(over), ['SLICE_TOTAL', 'INSTANCE_CAP']);
  assert.equal(over.largest_subset, null);
  assert.match(format.verdictText(over), /^Not feasible — 3 × 1g\.24gb need 3 compute slices > 2 on RTX-PRO-5000-48GB\. 1 more rule fails: instance cap\.$/);
  const mix = core.check({ gpu: 'RTX-PRO-5000-48GB', request: ['1g.24gb', '1g.24gb-me'] });
  assert.equal(mix.verdict, 'unknown');
  assert.deepEqual(codes(mix), ['PLACEMENTS_UNKNOWN']);
  assert.match(mix.reasons[0].message, /nvidia-smi mig -lgipp/);
});
