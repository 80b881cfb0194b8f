// The fleet planner in Chromium, over http (plan() in a worker) and from file:// (on the main thread, in chunks):
// the Fleet tab and its arrow keys, the example plan with bound and gap and grouped layouts, entering a demand,
// errors next to bad fields, a URL round trip, malformed fleet links, a large demand during which the page still
// answers clicks, the comparison; no console errors, no CSP violations, no request to another origin. The
// expected answers come from the same module in Node (which tests/js/plan-binding.test.mjs compares with the CLI).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, WEB_DIR } from './serve.mjs';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';
import { loadCore, fixture, webLib } from '../js/module.mjs';

const core = await loadCore();
const fleetLib = webLib('fleet');
const planOf = (input) => core.plan(input).plan;

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

const verdict = (page) => page.textContent('#fleet-verdict');
const fleetState = (page) => page.getAttribute('#panel-fleet', 'data-fleet');

/// Open a fleet link in a fresh document and wait for its plan (or its error).
async function openFleet(page, url) {
  await page.goto('about:blank');
  await open(page, url);
  await page.waitForSelector('#panel-fleet:not([hidden])');
  await page.waitForSelector('#panel-fleet[data-fleet="done"], #panel-fleet[data-fleet="error"]', { timeout: 20000 });
}

/// Wait for the plan of the current input after an edit (the input is debounced).
async function planned(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('panel-fleet').dataset.fleet;
    return s === 'done' || s === 'error' || s === 'invalid';
  }, null, { timeout: 20000 });
}

for (const kind of ['http', 'file']) {
  describe(`fleet planner over ${kind}`, () => {
    const base = () => pageUrl(kind, server);
    const origin = () => pageOrigin(kind, server);
    let page;
    let problems;

    before(async () => ({ page, problems } = await watchedPage(browser, origin())));
    after(async () => {
      await page.close();
    });

    test('the Fleet tab shows the example plan: total GPUs, cost, bound, gap and grouped layouts; arrow keys cycle the three tabs', async () => {
      await open(page, base());
      // The fleet planner's scripts are not part of the first verdict: they load when the tab is first shown.
      assert.equal(await page.evaluate(() => typeof self.MigcalcFleet), 'undefined');
      await page.click('#tab-fleet');
      assert.match(page.url(), /mode=fleet/);
      await page.waitForFunction(() => typeof self.MigcalcFleet === 'object');
      await page.waitForSelector('#panel-fleet[data-fleet="done"]', { timeout: 20000 });
      const expected = planOf(fixture('plan/issue-example.json'));
      const sum = fleetLib.summary(expected);
      assert.equal(await verdict(page), sum.headline);
      assert.match(await verdict(page), new RegExp(`^${expected.total_gpus} GPUs, cost `));
      assert.equal(await page.textContent('#fleet-bound'), sum.bound);
      assert.equal(await page.textContent('#fleet-optimal'), 'Proven optimal.');
      assert.equal(await page.locator('#fleet-groups figure.fleet-group').count(), expected.groups.length);
      const counts = await page.$$eval('#fleet-groups figure', (fs) => fs.map((f) => Number(f.dataset.count)));
      assert.equal(counts.reduce((a, b) => a + b, 0), expected.total_gpus);
      assert.equal(await page.locator('#fleet-groups svg.fleet-mini').count(), expected.groups.length);
      assert.equal(await page.locator('#fleet-groups-table tbody tr').count(), expected.groups.length);
      assert.match(await page.textContent('#fleet-totals'), /Compute slices.*Memory.*SMs.*Stranded/s);
      assert.equal(await page.isVisible('#panel-exact'), false);
      // Over http the planner runs in a worker; from file:// (no workers in Chromium) on the main thread.
      assert.equal(await page.getAttribute('#panel-fleet', 'data-runner'), kind === 'http' ? 'worker' : 'main');
      if (kind === 'http') assert.ok(page.workers().some((w) => w.url().endsWith('/fleet-worker.js')), page.workers().map((w) => w.url()).join());
      else assert.equal(page.workers().length, 0);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet.png`, fullPage: true });
      // Arrow keys: fleet -> exact -> seed -> fleet, and left back again.
      await page.focus('#tab-fleet');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#tab-exact', 'aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-exact');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#tab-seed', 'aria-selected'), 'true');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('#tab-fleet', 'aria-selected'), 'true');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.getAttribute('#tab-seed', 'aria-selected'), 'true');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.getAttribute('#tab-fleet', 'aria-selected'), 'true');
      assert.equal(await page.isVisible('#panel-fleet'), true);
    });

    test('enter a demand by keyboard and mouse; a bad count gets an error next to it and the input is kept', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet`);
      await page.click('#fleet-clear');
      await planned(page);
      assert.equal(await page.locator('#fleet-demand-rows tr[data-row]').count(), 0);
      assert.equal(await verdict(page), 'No GPUs needed: the demand is empty.');
      await page.click('#fleet-add-demand'); // H100-SXM5-80GB (the first inventory model), its first profile
      await page.selectOption('select[data-list="demand"][data-index="0"][data-field="profile"]', '2g.20gb');
      const count = 'input[data-list="demand"][data-index="0"][data-field="count"]';
      await page.fill(count, '9');
      await planned(page);
      const nine = planOf({ demand: [{ model: 'H100-SXM5-80GB', profile: '2g.20gb', count: 9 }], workloads: [], gpus: [{ model: 'H100-SXM5-80GB', available: 16, cost: 2.5 }, { model: 'A100-80GB', cost: 1.5 }] });
      assert.equal(await verdict(page), fleetLib.summary(nine).headline);
      assert.match(page.url(), /demand=H100-SXM5-80GB\/2g\.20gb:9(&|$)/);
      const good = page.url();
      // A negative count: the message says what is valid; the URL and the answer stay; the text stays typed.
      await page.fill(count, '-3');
      await planned(page);
      assert.equal(await fleetState(page), 'invalid');
      assert.equal(await page.textContent('#fleet-err-demand-0'), "Count must be a whole number from 0 to 1,000,000, not '-3'.");
      assert.equal(await page.getAttribute(count, 'aria-invalid'), 'true');
      assert.equal(await page.inputValue(count), '-3');
      assert.match(await page.textContent('#fleet-status'), /^Fix the marked field to plan again/);
      assert.equal(page.url(), good);
      assert.equal(await verdict(page), fleetLib.summary(nine).headline);
      await page.fill(count, 'ten');
      await planned(page);
      assert.match(await page.textContent('#fleet-err-demand-0'), /not 'ten'/);
      // A workload by keyboard: the add button, then type into its fields.
      await page.focus('#fleet-add-workloads');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('vision');
      await page.fill('input[data-list="workloads"][data-index="0"][data-field="memory_gib"]', 'lots');
      await planned(page);
      assert.match(await page.textContent('#fleet-err-workloads-0'), /^Memory must be a number above 0 .*not 'lots'\.$/);
      await page.fill('input[data-list="workloads"][data-index="0"][data-field="memory_gib"]', '30');
      await page.fill('input[data-list="workloads"][data-index="0"][data-field="count"]', '5');
      await page.fill(count, '10');
      await planned(page);
      assert.equal(await fleetState(page), 'done');
      assert.equal(await page.isVisible('#fleet-err-demand-0'), false);
      const expected = planOf({ demand: [{ model: 'H100-SXM5-80GB', profile: '2g.20gb', count: 10 }], workloads: [{ name: 'vision', memory_gib: 30, count: 5 }], gpus: [{ model: 'H100-SXM5-80GB', available: 16, cost: 2.5 }, { model: 'A100-80GB', cost: 1.5 }] });
      assert.equal(await verdict(page), fleetLib.summary(expected).headline);
      assert.match(page.url(), /work=vision:30:5(&|$)/);
      // Remove the workload row by its button; focus moves to the add button.
      await page.click('button[data-remove="workloads"][data-index="0"]');
      await planned(page);
      assert.equal(await page.locator('#fleet-workload-rows tr[data-row]').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'fleet-add-workloads');
      assert.doesNotMatch(page.url(), /work=/);
      // An empty inventory is an error under the inventory, not a crash.
      await page.click('button[data-remove="inventory"][data-index="1"]');
      await page.click('button[data-remove="inventory"][data-index="0"]');
      await planned(page);
      assert.match(await page.textContent('#fleet-inventory-error'), /The inventory is empty/);
      assert.match(await page.textContent('#fleet-err-demand-0'), /H100-SXM5-80GB is not in the inventory/);
      assert.match(await page.textContent('#fleet-inventory-rows'), /No models yet/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-errors.png`, fullPage: true });
      // The error offers the fix: add the model to the inventory.
      await page.click('#fleet-err-demand-0 button[data-add-model="H100-SXM5-80GB"]');
      await planned(page);
      assert.equal(await fleetState(page), 'done');
      assert.match(page.url(), /inv=H100-SXM5-80GB(&|$)/);
      assert.equal(await verdict(page), fleetLib.summary(planOf({ demand: [{ model: 'H100-SXM5-80GB', profile: '2g.20gb', count: 10 }], gpus: [{ model: 'H100-SXM5-80GB' }] })).headline);
      // "Load the example" replaces a draft with errors, even though the state (the last valid fleet) is unchanged.
      await page.fill(count, 'x');
      await planned(page);
      assert.equal(await fleetState(page), 'invalid');
      await page.click('#fleet-example');
      await planned(page);
      assert.equal(await fleetState(page), 'done');
      assert.equal(await page.locator('#fleet-demand-rows tr[data-row]').count(), 4);
      assert.equal(await page.isVisible('#fleet-err-demand-0'), false);
    });

    test('the URL restores the fleet exactly (+ in a profile name, workloads, costs, comparison)', async () => {
      const hash = '#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb%2Bme:3,A100-80GB/3g.40gb:4&work=infer:9.5:6:2:media&inv=H100-SXM5-80GB:2:3.25,A100-80GB::2&compare=1';
      await openFleet(page, `${base()}${hash}`);
      assert.equal(await page.inputValue('select[data-list="demand"][data-index="0"][data-field="profile"]'), '1g.10gb+me');
      assert.equal(await page.inputValue('input[data-list="workloads"][data-index="0"][data-field="min_compute_slices"]'), '2');
      assert.equal(await page.isChecked('input[data-list="workloads"][data-index="0"][data-field="media"]'), true);
      assert.equal(await page.inputValue('input[data-list="inventory"][data-index="0"][data-field="cost"]'), '3.25');
      assert.equal(await page.isChecked('#fleet-compare'), true);
      assert.ok(page.url().endsWith(hash.replace('#v=1&mode=fleet', '')), page.url());
      const first = await verdict(page);
      const rows = await page.locator('#fleet-compare-table tbody tr').count();
      assert.equal(rows, 2);
      const other = await browser.newPage();
      await openFleet(other, page.url());
      assert.equal(await verdict(other), first);
      assert.equal(other.url(), page.url());
      await other.close();
      // The comparison rows are the module's per-model plans.
      const input = { demand: [{ model: 'H100-SXM5-80GB', profile: '1g.10gb+me', count: 3 }, { model: 'A100-80GB', profile: '3g.40gb', count: 4 }],
        workloads: [{ name: 'infer', memory_gib: 9.5, count: 6, min_compute_slices: 2, media: true }],
        gpus: [{ model: 'H100-SXM5-80GB', available: 2, cost: 3.25 }, { model: 'A100-80GB', cost: 2 }], compare: true };
      const cmp = core.plan(input).compare;
      const shown = await page.$$eval('#fleet-compare-table tbody tr', (trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[1].textContent]));
      assert.deepEqual(shown.map((r) => r[0]), cmp.map((r) => r.model));
      assert.deepEqual(shown.map((r) => parseInt(r[1].replace(/,/g, ''), 10)), cmp.map((r) => r.total_gpus));
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-compare.png`, fullPage: true });
    });

    test('existing GPUs by keyboard and mouse: one existing H100 holding 3g.40gb@4 is filled first and fewer new GPUs are needed', async () => {
      const demand = [{ model: 'H100-SXM5-80GB', profile: '3g.40gb', count: 2 }, { model: 'H100-SXM5-80GB', profile: '1g.10gb', count: 2 }];
      const gpus = [{ model: 'H100-SXM5-80GB' }];
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/3g.40gb:2,H100-SXM5-80GB/1g.10gb:2&inv=H100-SXM5-80GB`);
      const before = planOf({ demand, gpus });
      assert.equal(await verdict(page), fleetLib.summary(before).headline);
      assert.match(await page.textContent('#fleet-existing-rows'), /None: every GPU is new/);
      // Add a row by keyboard: the button, then its model select has focus; tab to count and instances.
      await page.focus('#fleet-add-existing');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.list + ':' + document.activeElement.dataset.field), 'existing:model');
      const instances = 'input[data-list="existing"][data-index="0"][data-field="instances"]';
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'count');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'instances');
      await page.keyboard.type('3g.40gb@4');
      await page.waitForFunction(() => /exist=H100-SXM5-80GB:1\/3g\.40gb@4(&|$)/.test(location.hash));
      await planned(page);
      const after = planOf({ demand, gpus, existing: [{ model: 'H100-SXM5-80GB', count: 1, instances: [{ profile: '3g.40gb', start: 4 }] }] });
      assert.ok(after.total_gpus < before.total_gpus, `${after.total_gpus} new GPUs with the existing one, ${before.total_gpus} without`);
      assert.equal(after.models[0].existing_gpus, 1);
      assert.equal(await verdict(page), fleetLib.summary(after).headline);
      assert.match(await verdict(page), /new GPUs? and 1 existing/);
      // The existing GPU's layout: marked (existing), its kept instance with '*' and a dashed, pinned block.
      const existing = page.locator('#fleet-groups figure', { hasText: '(existing)' });
      assert.equal(await existing.count(), 1);
      assert.match(await existing.locator('.fleet-group-layout').textContent(), /3g\.40gb@4\*/);
      assert.equal(await existing.locator('svg .block.fixed').count(), 1);
      assert.equal(await existing.locator('svg .block.fixed .pin').count(), 1);
      assert.match(await page.textContent('#fleet-models'), /H100-SXM5-80GB\s*\d+\s*1/);
      // A malformed instance list: its error under the row, the answer kept (dimmed), the URL unchanged.
      const good = page.url();
      await page.fill(instances, '3g.40gb 1g.10gb@0');
      await planned(page);
      assert.equal(await fleetState(page), 'invalid');
      assert.match(await page.textContent('#fleet-err-existing-0'), /^'3g\.40gb' is not PROFILE@START \(a profile, '@' and a start from 0 to 64, such as 3g\.40gb@4\); separate instances by spaces or commas\.$/);
      assert.equal(await page.getAttribute(instances, 'aria-invalid'), 'true');
      assert.equal(page.url(), good);
      await page.fill(instances, '3g.40gb@4 2g.5gb@0');
      await planned(page);
      assert.match(await page.textContent('#fleet-err-existing-0'), /^H100-SXM5-80GB has no profile '2g\.5gb'; its profiles: /);
      // A start the model does not offer: the planner's own sentence, under the row and as the answer.
      await page.fill(instances, '3g.40gb@3');
      await planned(page);
      await page.waitForSelector('#panel-fleet[data-fleet="done"]', { timeout: 20000 });
      const refused = core.plan({ demand, gpus, existing: [{ model: 'H100-SXM5-80GB', count: 1, instances: [{ profile: '3g.40gb', start: 3 }] }] }).error;
      assert.equal(refused.code, 'BAD_EXISTING');
      assert.equal(await verdict(page), `Cannot plan — ${refused.message}`);
      assert.equal(await page.textContent('#fleet-err-existing-0'), `The planner refused these existing GPUs: ${refused.message}`);
      assert.equal(await page.getAttribute(instances, 'aria-invalid'), 'true');
      assert.match(await page.textContent('#fleet-status'), /^Not planned: the planner refused this input/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-existing-error.png`, fullPage: true });
      // Remove the row by mouse: back to the plan without existing GPUs; focus goes to the add button.
      await page.click('button[data-remove="existing"][data-index="0"]');
      await planned(page);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'fleet-add-existing');
      assert.equal(await verdict(page), fleetLib.summary(before).headline);
      assert.doesNotMatch(page.url(), /exist=/);
      assert.equal(await page.isVisible('#fleet-err-existing-0'), false);
    });

    test('driver and time limit: the select lists the catalog branches, a bad limit is refused, the page bounds the limit', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb%2Bme:3&inv=H100-SXM5-80GB`);
      const options = await page.$$eval('#fleet-driver option', (os) => os.map((o) => o.value));
      assert.equal(options[0], 'newest');
      assert.ok(options.length > 2 && options.slice(1).every((o) => /^R\d{3,4}$/.test(o)), options.join());
      assert.equal(await page.$eval('#fleet-driver option', (o) => o.textContent), 'Newest (default)');
      const oldest = options[options.length - 1];
      await page.selectOption('#fleet-driver', oldest);
      await page.waitForFunction((d) => location.hash.includes(`&fdriver=${d}`), oldest);
      await planned(page);
      const input = { demand: [{ model: 'H100-SXM5-80GB', profile: '1g.10gb+me', count: 3 }], gpus: [{ model: 'H100-SXM5-80GB' }], driver: oldest };
      const answer = core.plan(input);
      assert.equal(await verdict(page), answer.error ? `Cannot plan — ${answer.error.message}` : fleetLib.summary(answer.plan).headline);
      // Time limit: the hint says the page's default and, from a file, that the main thread bounds it.
      assert.match(await page.textContent('#fleet-limit-hint'), kind === 'http' ? /^empty: 3 s per plan; up to 60 s/ : /^empty: 1 s per plan; .*main thread.*at most 1 s/);
      await page.fill('#fleet-limit', '0.05');
      await planned(page);
      assert.equal(await fleetState(page), 'invalid');
      assert.equal(await page.textContent('#fleet-limit-error'), "Time limit must be empty (the page's default) or seconds from 0.1 to 60 (such as 2.5), not '0.05'.");
      assert.equal(await page.getAttribute('#fleet-limit', 'aria-invalid'), 'true');
      await page.fill('#fleet-limit', '2.5');
      await page.waitForFunction(() => location.hash.endsWith('&flimit=2.5'));
      await planned(page);
      assert.equal(await page.textContent('#fleet-limit-error'), '');
      assert.equal(await fleetState(page), 'done');
      await page.fill('#fleet-limit', '');
      await page.waitForFunction(() => !location.hash.includes('flimit='));
      await page.selectOption('#fleet-driver', 'newest');
      await page.waitForFunction(() => !location.hash.includes('fdriver='));
    });

    test('the URL restores existing GPUs, the driver and the time limit', async () => {
      const hash = '#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:4,H100-SXM5-80GB/3g.40gb:3&inv=H100-SXM5-80GB:4,A100-80GB&exist=H100-SXM5-80GB:2/3g.40gb@4;1g.10gb%2Bme@0,A100-80GB:1/7g.80gb@0&fdriver=R550&flimit=2.5';
      await openFleet(page, `${base()}${hash}`);
      assert.ok(page.url().endsWith(hash.replace('#v=1&mode=fleet', '')), page.url());
      assert.equal(await page.inputValue('select[data-list="existing"][data-index="0"][data-field="model"]'), 'H100-SXM5-80GB');
      assert.equal(await page.inputValue('input[data-list="existing"][data-index="0"][data-field="count"]'), '2');
      assert.equal(await page.inputValue('input[data-list="existing"][data-index="0"][data-field="instances"]'), '3g.40gb@4 1g.10gb+me@0');
      assert.equal(await page.inputValue('input[data-list="existing"][data-index="1"][data-field="instances"]'), '7g.80gb@0');
      assert.equal(await page.inputValue('#fleet-driver'), 'R550');
      assert.equal(await page.inputValue('#fleet-limit'), '2.5');
      const f = webLib('fragment').parse(hash).state.fleet;
      const expected = core.plan(fleetLib.planInput(f, kind === 'http' ? 3 : 1, kind === 'http' ? 60 : 1));
      assert.ok(expected.plan.models.some((m) => m.existing_gpus > 0), 'the existing H100s host part of the demand');
      assert.equal(await verdict(page), fleetLib.summary(expected.plan).headline);
      assert.match(await page.textContent('#fleet-groups'), /\(existing\).*3g\.40gb@4\*.*1g\.10gb\+me@0\*/s);
      const other = await browser.newPage();
      await openFleet(other, page.url());
      assert.equal(await verdict(other), await verdict(page));
      assert.equal(other.url(), page.url());
      await other.close();
      // The single-GPU link of a group carries the fleet's driver.
      assert.match(await page.locator('#fleet-groups a.fleet-open').first().getAttribute('href'), /&driver=R550(&|$)/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-existing.png`, fullPage: true });
    });

    test('"Open in single-GPU view" loads a group as the request of the exact view', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=A100-80GB/3g.40gb:2,A100-80GB/1g.10gb:2&inv=A100-80GB`);
      const link = page.locator('#fleet-groups figure', { hasText: '3g.40gb@' }).first().locator('a.fleet-open');
      const href = await link.getAttribute('href');
      const plan = planOf({ demand: [{ model: 'A100-80GB', profile: '3g.40gb', count: 2 }, { model: 'A100-80GB', profile: '1g.10gb', count: 2 }], gpus: [{ model: 'A100-80GB' }] });
      const one = fleetLib.singleGpu(plan.groups.find((g) => g.instances.some((i) => i.profile === '3g.40gb')));
      assert.ok(href.includes(`gpu=A100-80GB&req=${one.req.map((r) => `${r.profile}:${r.count}`).join(',')}`), href);
      assert.doesNotMatch(href, /mode=fleet/);
      await link.click();
      await page.waitForSelector('#panel-exact:not([hidden])');
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'A100-80GB');
      assert.match(await page.textContent('#verdict'), /^Feasible — /);
      assert.match(page.url(), /demand=A100-80GB\/3g\.40gb:2/, 'the fleet stays in the link');
    });

    test('a malformed or unknown fleet link shows a clear notice and the example fleet', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:-1`);
      assert.match(await page.textContent('#notice'), /could not be read: count of 1g\.10gb '-1' is not a whole number from 0 to 1000000\. Showing the default state/);
      assert.equal(await page.getAttribute('#tab-fleet', 'aria-selected'), 'true');
      const example = fleetLib.summary(planOf(fixture('plan/issue-example.json'))).headline;
      assert.equal(await verdict(page), example);
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.5gb:2&inv=H100-SXM5-80GB`);
      assert.match(await page.textContent('#notice'), /fleet could not be read: demand row 1: H100-SXM5-80GB has no profile '1g\.5gb'; its profiles: 1g\.10gb,.* Showing the example fleet instead\./);
      assert.equal(await verdict(page), example);
      await openFleet(page, `${base()}#v=1&mode=fleet&inv=H100-SXM5-80GB:2:x`);
      assert.match(await page.textContent('#notice'), /cost of H100-SXM5-80GB 'x' is not a number above 0/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-malformed.png` });
    });

    test('a large demand (10,000 × 1g.10gb, five models, comparison) plans while the page still answers clicks', async () => {
      const models = ['H100-SXM5-80GB', 'A100-80GB', 'H200-SXM-141GB', 'A30-24GB', 'B200-180GB'];
      const hash = `#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:10000&work=big:70:500,small:5:3000:media,mid:20:2000:2&inv=${models.map((m, i) => `${m}::${i + 1.5}`).join(',')}&compare=1`;
      await page.goto('about:blank');
      await open(page, `${base()}${hash}`);
      // While it plans (or right after), the page answers: switch tabs and back, and read the single-GPU verdict.
      await page.click('#tab-exact');
      assert.equal(await page.isVisible('#panel-exact'), true);
      assert.match(await page.textContent('#verdict'), /^Feasible/);
      await page.click('#tab-fleet');
      assert.equal(await page.isVisible('#panel-fleet'), true);
      await page.waitForSelector('#panel-fleet[data-fleet="done"]', { timeout: 60000 });
      const f = webLib('fragment').parse(hash).state.fleet;
      const expected = planOf(fleetLib.planInput(f, kind === 'http' ? 3 : 1, kind === 'http' ? 60 : 1));
      assert.ok(expected.total_gpus >= 1429);
      const shown = await verdict(page);
      assert.match(shown, /^[\d,]+ GPUs, cost /);
      // Each layout the page shows is feasible on its model, and the GPUs add up.
      const groups = await page.$$eval('#fleet-groups figure', (fs) => fs.map((f) => ({ model: f.dataset.model, count: Number(f.dataset.count) })));
      const total = Number(shown.replace(/,/g, '').match(/^(\d+)/)[1]);
      assert.equal(groups.reduce((a, g) => a + g.count, 0), total);
      if (expected.optimal) assert.equal(shown, fleetLib.summary(expected).headline);
      assert.equal(await page.locator('#fleet-compare-table tbody tr').count(), models.length);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-large.png`, fullPage: true });
    });

    test('a newer demand supersedes a running plan: the answer is for the last input', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:7000&inv=H100-SXM5-80GB,A100-80GB:100:2&compare=1`);
      const count = 'input[data-list="demand"][data-index="0"][data-field="count"]';
      await page.fill(count, '7001');
      await page.fill(count, '14');
      await page.waitForFunction(() => /1g\.10gb:14(&|$)/.test(location.hash));
      await planned(page);
      await page.waitForSelector('#panel-fleet[data-fleet="done"]', { timeout: 20000 });
      assert.equal(await verdict(page), fleetLib.summary(planOf({ demand: [{ model: 'H100-SXM5-80GB', profile: '1g.10gb', count: 14 }], gpus: [{ model: 'H100-SXM5-80GB' }, { model: 'A100-80GB', available: 100, cost: 2 }] })).headline);
    });

    test('unmet demand is listed with its reasons, and the answer says so', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:30&work=huge:500:1&inv=H100-SXM5-80GB:2`);
      const plan = planOf({ demand: [{ model: 'H100-SXM5-80GB', profile: '1g.10gb', count: 30 }], workloads: [{ name: 'huge', memory_gib: 500, count: 1 }], gpus: [{ model: 'H100-SXM5-80GB', available: 2 }] });
      assert.ok(plan.unmet.length >= 2);
      assert.equal(await page.getAttribute('#fleet-verdict', 'data-verdict'), 'infeasible');
      assert.equal(await page.textContent('#fleet-optimal'), fleetLib.summary(plan).status);
      const items = await page.$$eval('#fleet-unmet li', (lis) => lis.map((li) => li.textContent));
      assert.deepEqual(items, plan.unmet.map((u) => `${u.count.toLocaleString('en-US')} × ${u.demand}: ${u.reason}`));
    });

    test('dark mode and a narrow screen: the fleet view fits (its tables scroll, existing GPUs included)', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 480, height: 900 });
      await openFleet(page, `${base()}#v=1&mode=fleet&compare=1&demand=H100-SXM5-80GB/1g.10gb:40&work=a:18:2:2:media&inv=H100-SXM5-80GB:16:2.5,H200-SXM-141GB::1.5&exist=H100-SXM5-80GB:2/3g.40gb@4&fdriver=R550`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 480, `the page is ${scroll}px wide on a 480px screen`);
      assert.match(await verdict(page), /^\d+ new GPUs? and 2 existing, cost /);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-dark-narrow.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1400, height: 1000 });
    });

    test('no console errors, no CSP violations, no request to another origin', async () => {
      assert.deepEqual(problems, []);
      assert.deepEqual(await cspViolations(page), []);
    });
  });
}

test('over http, a worker that cannot start leaves the planning to the main thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-web-'));
  cpSync(WEB_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'fleet-worker.js'), "throw new Error('this worker is broken on purpose');\n");
  const broken = await serve(dir);
  const { page } = await watchedPage(browser, broken.url);
  try {
    await openFleet(page, `${broken.url}#v=1&mode=fleet`);
    assert.equal(await fleetState(page), 'done');
    assert.equal(await page.getAttribute('#panel-fleet', 'data-runner'), 'main');
    assert.equal(await verdict(page), fleetLib.summary(planOf(fixture('plan/issue-example.json'))).headline);
  } finally {
    await page.close();
    await broken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
