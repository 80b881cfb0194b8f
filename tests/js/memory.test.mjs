// The module leaks neither wasm heap nor JS handles over many calls (the page recomputes on every input).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './module.mjs';

const core = await loadCore();

function work(i) {
  core.check({ gpu: 'H100-SXM5-80GB', request: ['3g.40gb', '2g.20gb', `1g.10gb:${1 + (i % 3)}`], fixed: [{ profile: '1g.10gb', start: i % 2 ? 6 : 5 }] });
  core.check({ gpu: 'nope' });
  core.profiles('A100-40GB');
  core.layouts('A30-24GB');
  core.seed({ total_sms: 98, total_memory_gb: 40, profiles: [{ name: '1g.5gb', sms: 14, memory_gb: 5, count: i % 9 }] });
}

test('the heap stops growing after warm-up: 2000 more rounds of calls', () => {
  for (let i = 0; i < 200; i++) work(i);
  const heap = core.HEAP8.length;
  const handles = core.count_emval_handles();
  for (let i = 0; i < 2000; i++) work(i);
  assert.equal(core.HEAP8.length, heap, 'wasm memory grew');
  assert.equal(core.count_emval_handles(), handles, 'JS value handles leaked');
});

// Issue 10: 100,000 checks and 2,000 plans after warm-up leave the wasm heap where it was (no growth at all).
test('100,000 checks and 2,000 plans after warm-up: the heap does not grow', () => {
  const plan = { demand: [{ profile: '1g.10gb', count: 9, model: 'H100-SXM5-80GB' }, { profile: '3g.40gb', count: 3 }],
    gpus: [{ model: 'H100-SXM5-80GB', available: 8, cost: 2 }, { model: 'A100-80GB', cost: 1 }] };
  const round = (i) => {
    const r = core.check({ gpu: 'A100-40GB', request: [`1g.5gb:${1 + (i % 7)}`], driver: i % 2 ? 'R535' : 535 });
    if (r.error) throw new Error(r.error.message);
  };
  for (let i = 0; i < 2000; i++) round(i);
  for (let i = 0; i < 50; i++) core.plan(plan);
  const heap = core.HEAP8.length;
  for (let i = 0; i < 100000; i++) round(i);
  for (let i = 0; i < 2000; i++) {
    const p = core.plan(plan);
    if (!p.plan) throw new Error(JSON.stringify(p));
  }
  assert.equal(core.HEAP8.length, heap, 'wasm memory grew');
});
