// The fleet planner's export section in Chromium, over http and from file://: the example plan in each format
// (the text is exportPlan() of the same plan in Node, which tests/js/fleet-export.test.mjs compares with
// `migcalc export --plan`), GPUs per node for Kubernetes and JSON with an error for a bad value, Copy and
// Download, the format and GPUs per node in the URL fragment, a plan with unmet demand (what is placed, and a note
// saying so), a plan without GPUs (nothing to export), a long export (its first lines); screenshots at 1400 and
// 800 px; no console errors.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';
import { loadCore, fixture } from '../js/module.mjs';

const core = await loadCore();
const examplePlan = core.plan(fixture('plan/issue-example.json')).plan;
const expectedText = (plan, format, perNode = 1) => {
  const a = core.exportPlan(plan, { format, gpus_per_node: perNode });
  assert.equal(a.error, undefined, JSON.stringify(a.error));
  return a.text !== undefined ? a.text : `${JSON.stringify(a.layout, null, 2)}\n`;
};

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

const exportText = (page) => page.textContent('#fleet-export-text');

/// Open a fleet link in a fresh document and wait for its plan and its export section.
async function openFleet(page, url) {
  await page.goto('about:blank');
  await open(page, url);
  await page.waitForSelector('#panel-fleet[data-fleet="done"], #panel-fleet[data-fleet="error"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof self.MigcalcViews.fleetExport === 'object' && document.getElementById('fleet-export-format').options.length > 0);
}

/// Wait until the section shows `format` with the text expected.
async function shows(page, format, text) {
  await page.waitForFunction(([f, t]) => document.getElementById('fleet-export').dataset.format === f && document.getElementById('fleet-export-text').textContent === t,
    [format, text], { timeout: 10000 }).catch(() => {});
  assert.equal(await page.getAttribute('#fleet-export', 'data-format'), format);
  assert.equal(await exportText(page), text);
}

for (const kind of ['http', 'file']) {
  describe(`fleet export over ${kind}`, () => {
    const base = () => pageUrl(kind, server);
    const origin = () => pageOrigin(kind, server);
    let page;
    let problems;

    before(async () => ({ page, problems } = await watchedPage(browser, origin())));
    after(async () => {
      await page.close();
    });

    test('the example plan in each format, GPUs per node, and both in the URL', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet`);
      // nvidia-smi (the default): one function per layout, explicit placements; GPUs per node does not apply.
      await shows(page, 'nvidia-smi', expectedText(examplePlan, 'nvidia-smi'));
      const smi = await exportText(page);
      assert.match(smi, /^# Fleet plan: 17 GPUs in \d+ layouts/m);
      assert.match(smi, /^ {2}sudo nvidia-smi mig -i "\$gpu" -cgi \d+:\d+(,\d+:\d+)* -C$/m);
      assert.equal((smi.match(/^migcalc_layout_\d+\(\) \{$/gm) || []).length, examplePlan.groups.length);
      assert.equal(await page.isDisabled('#fleet-export-node'), true);
      assert.equal(await page.isEnabled('#fleet-export-copy'), true);
      assert.equal(await page.isEnabled('#fleet-export-download'), true);
      assert.equal(await page.isVisible('#fleet-export-note'), false, 'the example meets all its demand');
      assert.doesNotMatch(page.url(), /fexport|fnode/);
      await page.locator('#fleet-export').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-export.png`, fullPage: true });

      await page.selectOption('#fleet-export-format', 'mig-parted');
      await shows(page, 'mig-parted', expectedText(examplePlan, 'mig-parted'));
      assert.match(await exportText(page), /^version: v1\nmig-configs:\n {2}all-disabled:/m);
      assert.match(page.url(), /&fexport=mig-parted(&|$)/);

      await page.selectOption('#fleet-export-format', 'k8s');
      await shows(page, 'k8s', expectedText(examplePlan, 'k8s'));
      assert.equal(await page.isEnabled('#fleet-export-node'), true);
      await page.fill('#fleet-export-node', '4');
      await shows(page, 'k8s', expectedText(examplePlan, 'k8s', 4));
      assert.match(await exportText(page), /^# Single strategy \(mig\.strategy=single\), with 4 GPUs per node in plan order: possible on \d+ of 5 nodes/m);
      assert.match(page.url(), /&fexport=k8s&fnode=4$/);
      // A bad value: the error says what is valid; the text, the URL and the typed value stay.
      for (const bad of ['65', '0']) {
        await page.fill('#fleet-export-node', bad);
        assert.equal(await page.textContent('#fleet-export-node-error'), `GPUs per node must be a whole number from 1 to 64, not '${bad}'.`);
        assert.equal(await page.getAttribute('#fleet-export-node', 'aria-invalid'), 'true');
        assert.equal(await page.inputValue('#fleet-export-node'), bad);
        assert.match(page.url(), /&fnode=4$/);
        assert.equal(await exportText(page), expectedText(examplePlan, 'k8s', 4));
      }
      await page.fill('#fleet-export-node', '2');
      await shows(page, 'k8s', expectedText(examplePlan, 'k8s', 2));
      assert.equal(await page.textContent('#fleet-export-node-error'), '');
      assert.equal(await page.getAttribute('#fleet-export-node', 'aria-invalid'), 'false');

      await page.selectOption('#fleet-export-format', 'json');
      await shows(page, 'json', expectedText(examplePlan, 'json', 2));
      const json = JSON.parse(await exportText(page));
      assert.equal(json.format, 'migcalc-fleet');
      assert.equal(json.kubernetes.gpus_per_node, 2);
      assert.equal(json.groups.reduce((a, g) => a + g.count, 0), 17);
      assert.match(page.url(), /&fexport=json&fnode=2$/);

      // The link restores the format and GPUs per node.
      const link = page.url();
      const other = await browser.newPage();
      await openFleet(other, link);
      await shows(other, 'json', expectedText(examplePlan, 'json', 2));
      assert.equal(await other.$eval('#fleet-export-format', (s) => s.value), 'json');
      assert.equal(await other.inputValue('#fleet-export-node'), '2');
      assert.equal(other.url(), link);
      await other.close();
    });

    test('Download saves the text under its file name; Copy copies it', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&fexport=mig-parted`);
      const yaml = expectedText(examplePlan, 'mig-parted');
      await shows(page, 'mig-parted', yaml);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#fleet-export-download')]);
      assert.equal(download.suggestedFilename(), 'migcalc-fleet-mig-parted.yaml');
      assert.equal(readFileSync(await download.path(), 'utf8'), yaml);
      assert.equal(await page.textContent('#fleet-export-status'), 'Saved as migcalc-fleet-mig-parted.yaml.');
      for (const [format, name] of [['nvidia-smi', 'migcalc-fleet.sh'], ['k8s', 'migcalc-fleet-k8s.txt'], ['json', 'migcalc-fleet.json']]) {
        await page.selectOption('#fleet-export-format', format);
        await shows(page, format, expectedText(examplePlan, format));
        const [d] = await Promise.all([page.waitForEvent('download'), page.click('#fleet-export-download')]);
        assert.equal(d.suggestedFilename(), name);
        assert.equal(readFileSync(await d.path(), 'utf8'), expectedText(examplePlan, format));
      }
      if (kind === 'http') {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
        await page.click('#fleet-export-copy');
        await page.waitForFunction(() => !/^(|Saved as .*)$/.test(document.getElementById('fleet-export-status').textContent));
        assert.equal(await page.textContent('#fleet-export-status'), 'Copied.');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expectedText(examplePlan, 'json'));
      } else {
        // Without the async clipboard API the fallback selects the text and copies it with execCommand.
        await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
        await page.click('#fleet-export-copy');
        assert.match(await page.textContent('#fleet-export-status'), /^(Copied\.|The text is selected)/);
        // (A selection's text has no final line break.)
        assert.equal(await page.evaluate(() => String(window.getSelection())), expectedText(examplePlan, 'json').replace(/\n$/, ''));
      }
    });

    test('a plan with unmet demand exports what is placed, and says so; a plan without GPUs has nothing to export', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/3g.40gb:5&inv=H100-SXM5-80GB:1`);
      const plan = core.plan({ demand: [{ profile: '3g.40gb', count: 5, model: 'H100-SXM5-80GB' }], gpus: [{ model: 'H100-SXM5-80GB', available: 1 }], time_limit_s: 1 }).plan;
      assert.equal(plan.total_gpus, 1);
      await shows(page, 'nvidia-smi', expectedText(plan, 'nvidia-smi'));
      assert.match(await exportText(page), /-cgi 9:0,9:4 -C/);
      assert.equal(await page.textContent('#fleet-export-note'), 'The plan leaves 3 instances of the demand unmet: this export holds only what is placed, on 1 GPU.');
      assert.equal(await page.isVisible('#fleet-export-note'), true);
      assert.equal(await page.isEnabled('#fleet-export-download'), true);
      await page.locator('#fleet-export').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-export-unmet.png`, fullPage: true });

      await page.click('#fleet-clear');
      await page.waitForFunction(() => /Nothing to export/.test(document.getElementById('fleet-export-none').textContent), null, { timeout: 10000 });
      assert.equal(await page.textContent('#fleet-export-none'), 'Nothing to export: the plan needs no GPUs (the demand is empty).');
      assert.equal(await page.isVisible('#fleet-export-text'), false);
      assert.equal(await page.isVisible('#fleet-export-note'), false);
      assert.equal(await page.isDisabled('#fleet-export-copy'), true);
      assert.equal(await page.isDisabled('#fleet-export-download'), true);

      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/7g.80gb:2&inv=H100-SXM5-80GB:0`);
      await page.waitForFunction(() => /Nothing to export/.test(document.getElementById('fleet-export-none').textContent), null, { timeout: 10000 });
      assert.match(await page.textContent('#fleet-export-none'), /^Nothing to export: the plan places nothing on any GPU \(2 instances of the demand cannot be met/);
      assert.equal(await page.isDisabled('#fleet-export-copy'), true);
    });

    test('a long export shows its first lines and says so; Download takes the whole text', async () => {
      await openFleet(page, `${base()}#v=1&mode=fleet&demand=H100-SXM5-80GB/1g.10gb:20000&inv=H100-SXM5-80GB&fexport=json`);
      const plan = core.plan({ demand: [{ profile: '1g.10gb', count: 20000, model: 'H100-SXM5-80GB' }], gpus: [{ model: 'H100-SXM5-80GB' }], time_limit_s: 1 }).plan;
      const full = expectedText(plan, 'json');
      await page.waitForSelector('#fleet-export[data-format="json"]');
      const shown = await exportText(page);
      assert.ok(shown.length < full.length && full.startsWith(shown), `${shown.length} of ${full.length} characters shown`);
      const m = (await page.textContent('#fleet-export-none')).match(/^The text is long: its first ([\d,]+) lines are shown, ([\d,]+) more are not\. Copy and Download take the whole text\.$/);
      assert.ok(m, await page.textContent('#fleet-export-none'));
      const num = (t) => Number(t.replace(/,/g, ''));
      assert.equal(num(m[1]), shown.split('\n').length - 1);
      assert.equal(num(m[1]) + num(m[2]), full.split('\n').length - 1);
      const [d] = await Promise.all([page.waitForEvent('download'), page.click('#fleet-export-download')]);
      assert.equal(readFileSync(await d.path(), 'utf8'), full);
    });

    test('at 800 px the section fits: the controls wrap and the text scrolls inside its box', async () => {
      await page.setViewportSize({ width: 800, height: 1000 });
      await openFleet(page, `${base()}#v=1&mode=fleet&fexport=k8s&fnode=3`);
      await shows(page, 'k8s', expectedText(examplePlan, 'k8s', 3));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 800, `the page is ${width}px wide on an 800px screen`);
      const box = await page.locator('#fleet-export-text').boundingBox();
      assert.ok(box.x + box.width <= 800, `the export text ends at ${box.x + box.width}px`);
      await page.locator('#fleet-export').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-fleet-export-800.png`, fullPage: true });
      await page.setViewportSize({ width: 1400, height: 1000 });
    });

    test('no console errors, no CSP violations, no request to another origin', async () => {
      assert.deepEqual(problems, []);
      assert.deepEqual(await cspViolations(page), []);
    });
  });
}
