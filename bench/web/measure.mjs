// Benchmark of the browser calculator (not a test): page weight (gzip) of everything the first verdict needs,
// time from navigation to the first verdict, and time from an input to the updated verdict, in Debian's
// chromium headless. Usage: node bench/web/measure.mjs [runs]   (needs web/migcalc.js: cmake --workflow --preset wasm)
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve, WEB_DIR } from '../../tests/e2e/serve.mjs';
import { launch } from '../../tests/e2e/browser.mjs';

const RUNS = Number(process.argv[2] || 15);
const INPUTS = 200;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await serve();
const browser = await launch();
try {
  // 1. Page weight: every file requested until the first verdict (by the Resource Timing entries that started
  //    before the mark), gzip -9 each; and what loads after it (the full module: exports, imports, planner).
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('body[data-interop="ready"]');
  const requested = await page.evaluate(() => {
    const verdict = performance.getEntriesByName('migcalc-first-verdict')[0].startTime;
    const nav = { name: location.href, startTime: 0 };
    return [nav, ...performance.getEntriesByType('resource')].map((e) => ({ path: new URL(e.name).pathname, before: e.startTime <= verdict }));
  });
  await page.close();
  const weigh = (f) => {
    const body = readFileSync(`${WEB_DIR}${f === '/' ? 'index.html' : f.slice(1)}`);
    return { file: f, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  const weights = requested.filter((r) => r.before).map((r) => weigh(r.path));
  const later = requested.filter((r) => !r.before).map((r) => weigh(r.path));
  const total = weights.reduce((a, w) => ({ bytes: a.bytes + w.bytes, gzip: a.gzip + w.gzip }), { bytes: 0, gzip: 0 });

  // 2. Navigation to first verdict, each run in a fresh context (cold cache).
  const firstVerdict = [];
  const phases = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(server.url);
    await p.waitForSelector('body[data-ready="true"]');
    const marks = await p.evaluate(() => Object.fromEntries(['migcalc-core-ready', 'migcalc-catalog-ready', 'migcalc-first-verdict'].map((n) => [n, performance.getEntriesByName(n)[0].startTime])));
    firstVerdict.push(marks['migcalc-first-verdict']);
    phases.push(marks);
    await ctx.close();
  }

  // 3. Input to updated verdict: click "+" / "−" on a profile row; the page recomputes synchronously. Measured
  //    to the end of the handler (verdict text updated) and to the next frame (painted).
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await p.goto(`${server.url}#v=1&gpu=H100-SXM5-80GB&req=3g.40gb:1,2g.20gb:1,1g.10gb:1`);
  await p.waitForSelector('body[data-ready="true"]');
  const input = await p.evaluate(async (n) => {
    const plus = document.querySelector('button.step[data-profile="1g.10gb"][data-step="1"]');
    const minus = document.querySelector('button.step[data-profile="1g.10gb"][data-step="-1"]');
    const verdict = document.getElementById('verdict');
    const sync = [];
    const frame = [];
    for (let i = 0; i < n; i++) {
      const before = verdict.textContent;
      const t0 = performance.now();
      (i % 2 ? minus : plus).click();
      const t1 = performance.now();
      if (verdict.textContent === before) throw new Error('the verdict did not change');
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      sync.push(t1 - t0);
      frame.push(performance.now() - t0);
    }
    return { sync, frame };
  }, INPUTS);
  await p.close();

  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    weight: { files: weights, total, after_first_verdict: later },
    first_verdict_ms: { median: median(firstVerdict), p90: pct(firstVerdict, 90), runs: firstVerdict },
    // median time at which the wasm module was ready, the catalog read (first gpus() call) and the verdict shown
    phases_ms: Object.fromEntries(Object.keys(phases[0]).map((k) => [k, median(phases.map((x) => x[k]))])),
    input_to_verdict_ms: { median: median(input.sync), p95: pct(input.sync, 95), runs: INPUTS },
    input_to_next_frame_ms: { median: median(input.frame), p95: pct(input.frame, 95) },
  };
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  writeFileSync(`${ROOT}bench/results/web.json`, JSON.stringify(result, null, 2));

  console.log(`chromium ${result.chromium}`);
  console.log('\nPage weight (everything requested before the first verdict):');
  for (const w of weights) console.log(`  ${w.file.padEnd(22)} ${String(w.bytes).padStart(8)} B  ${String(w.gzip).padStart(7)} B gzip`);
  console.log(`  ${'total'.padEnd(22)} ${String(total.bytes).padStart(8)} B  ${String(total.gzip).padStart(7)} B gzip = ${(total.gzip / 1024).toFixed(1)} KiB (target <= 150 KB)`);
  console.log('Loaded after the first verdict (exports, imports, fleet planner):');
  for (const w of later) console.log(`  ${w.file.padEnd(22)} ${String(w.bytes).padStart(8)} B  ${String(w.gzip).padStart(7)} B gzip`);
  console.log(`\nNavigation to first verdict (${RUNS} cold runs): median ${ms(result.first_verdict_ms.median)}, p90 ${ms(result.first_verdict_ms.p90)} (target <= 300 ms)`);
  console.log(`  phases (median, since navigation): ${Object.entries(result.phases_ms).map(([k, v]) => `${k.replace('migcalc-', '')} ${ms(v)}`).join(', ')}`);
  console.log(`Input to updated verdict (${INPUTS} clicks): median ${ms(result.input_to_verdict_ms.median)}, p95 ${ms(result.input_to_verdict_ms.p95)} (target <= 16 ms)`);
  console.log(`Input to next frame: median ${ms(result.input_to_next_frame_ms.median)}, p95 ${ms(result.input_to_next_frame_ms.p95)}`);
  console.log('\nWritten to bench/results/web.json');
} finally {
  await browser.close();
  await server.close();
}
