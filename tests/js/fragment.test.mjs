// The URL-fragment codec (web/lib/fragment.js): round trips, '+' in names, percent-encoding, malformed input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webLib } from './module.mjs';

const { parse, serialize, defaultState } = webLib('fragment');

test('an empty fragment gives the default state without an error', () => {
  for (const h of ['', '#', '#  ']) {
    const r = parse(h);
    assert.equal(r.error, null);
    assert.deepEqual(r.state, defaultState());
  }
  assert.equal(defaultState().gpu, 'H100-SXM5-80GB');
});

test('the issue example parses as written', () => {
  const { state, error } = parse('#gpu=H100-SXM5-80GB&req=3g.40gb:1,1g.10gb:3&fixed=1g.10gb@0');
  assert.equal(error, null);
  assert.equal(state.gpu, 'H100-SXM5-80GB');
  assert.deepEqual(state.req, [{ profile: '3g.40gb', count: 1 }, { profile: '1g.10gb', count: 3 }]);
  assert.deepEqual(state.fixed, [{ profile: '1g.10gb', start: 0 }]);
  assert.equal(state.driver, 'newest');
  assert.equal(state.mode, 'exact');
});

test('a missing count means 1', () => {
  assert.deepEqual(parse('#gpu=A100-40GB&req=3g.20gb').state.req, [{ profile: '3g.20gb', count: 1 }]);
});

test("a literal '+' in a profile name stays a '+', never a space", () => {
  const { state } = parse('#gpu=A100-40GB&req=1g.5gb+me:1');
  assert.equal(state.req[0].profile, '1g.5gb+me');
});

test('percent-encoded values are accepted: per item and for a whole list', () => {
  const a = parse('#gpu=A100-40GB&req=1g.5gb%2Bme:1,3g.20gb%3A2').state.req;
  const b = parse('#gpu=A100-40GB&req=1g.5gb%2Bme%3A1%2C3g.20gb%3A2').state.req;
  const expected = [{ profile: '1g.5gb+me', count: 1 }, { profile: '3g.20gb', count: 2 }];
  assert.deepEqual(a, expected);
  assert.deepEqual(b, expected);
});

test("serialize writes names percent-encoded, so '+' appears as %2B", () => {
  const s = Object.assign(defaultState(), { gpu: 'RTX-PRO-6000-96GB', req: [{ profile: '1g.24gb+me.all', count: 1 }], fixed: [{ profile: '2g.48gb-me', start: 6 }] });
  const h = serialize(s);
  assert.ok(h.includes('req=1g.24gb%2Bme.all:1'), h);
  assert.ok(!h.includes('+'), h);
  assert.ok(h.startsWith('#v=1&'), h);
});

test('every state round-trips exactly', () => {
  const states = [
    defaultState(),
    Object.assign(defaultState(), { req: [], fixed: [] }),
    Object.assign(defaultState(), { gpu: 'A100-40GB', req: [{ profile: '1g.5gb+me', count: 1 }], fixed: [{ profile: '1g.5gb', start: 6 }], driver: 'R510' }),
    Object.assign(defaultState(), { mode: 'seed', cap: { total_sms: 98, total_memory_gb: 40 }, rows: [{ name: 'custom 1', sms: 14, memory_gb: 5.5, count: 2 }] }),
  ];
  for (const s of states) {
    const r = parse(serialize(s));
    assert.equal(r.error, null, serialize(s));
    assert.deepEqual(r.state, s);
  }
});

test('a malformed fragment falls back to the defaults with a sentence saying what is wrong', () => {
  const cases = [
    ['#gpu=A100-40GB&req=1g.5gb:x', /count of 1g\.5gb 'x'/],
    ['#gpu=A100-40GB&req=1g.5gb:0', /outside 1\.\.1000/],
    ['#gpu=A100-40GB&req=1g.5gb:1001', /outside/],
    ['#gpu=A100-40GB&fixed=1g.5gb', /PROFILE@START/],
    ['#gpu=A100-40GB&fixed=1g.5gb@x', /start of 1g\.5gb/],
    ['#gpu=A100-40GB&driver=R5', /driver 'R5'/],
    ['#gpu=A100-40GB&mode=fast', /mode 'fast'/],
    ['#v=2&gpu=A100-40GB', /version '2'/],
    ['#gpu=%E0%A4%A', /percent-encoding/],
    ['#req=1g.5gb', /gpu is missing/],
    ['#gpu=A100-40GB&gpu=A30-24GB', /appears twice/],
    ['#gpu=A100-40GB&colour=red', /unknown key 'colour'/],
    ['#gpu=A100-40GB&req=1g.5gb,,2g.10gb', /empty item/],
    ['#garbage', /unknown key 'garbage'/],
  ];
  for (const [hash, message] of cases) {
    const r = parse(hash);
    assert.match(r.error || '', message, hash);
    assert.match(r.error, /Showing the default state/);
    assert.deepEqual(r.state, defaultState(), hash);
  }
});
