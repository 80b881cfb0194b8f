// The calculator in Chromium, over http and from file://: pick a GPU, add profiles, pin one, read the verdict,
// the diagram and the remaining counts, round-trip the URL, survive a malformed fragment; no console errors,
// no CSP violations, no request to another origin. Screenshots go to test-results/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, WEB_DIR } from './serve.mjs';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

const verdict = (page) => page.textContent('#verdict');
const count = (page, profile) => page.inputValue(`input.count[data-profile="${profile}"]`);
const step = (page, profile, d) => page.click(`button.step[data-profile="${profile}"][data-step="${d}"]`);

for (const kind of ['http', 'file']) {
  describe(`over ${kind}`, () => {
    const base = () => pageUrl(kind, server);
    const origin = () => pageOrigin(kind, server);
    let page;
    let problems;

    before(async () => ({ page, problems } = await watchedPage(browser, origin())));
    after(async () => {
      await page.close();
    });

    test('the default state: H100 with 3g.40gb, 2g.20gb and two 1g.10gb is feasible and fills the GPU', async () => {
      await open(page, base());
      assert.match(await verdict(page), /^Feasible — 4 instances\. Create in this order: /);
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'H100-SXM5-80GB');
      assert.equal(await page.locator('#diagram g.block').count(), 4);
      // mig-hardware.md: 3g.40gb only at 0 or 4, and with a 2g and two 1g next to it nothing else fits.
      assert.equal(await page.locator('#remaining button.more').count(), 0);
      assert.equal(await page.textContent('#nothing-fits'), 'Nothing else fits.');
      assert.match(page.url(), /#v=1&gpu=H100-SXM5-80GB&req=3g\.40gb:1,2g\.20gb:1,1g\.10gb:2$/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-default.png`, fullPage: true });
    });

    test('pick a GPU, add profiles, pin one: verdict, diagram and remaining counts follow', async () => {
      await open(page, base());
      await page.selectOption('#gpu', 'A100-40GB');
      assert.match(await verdict(page), /^Feasible — nothing requested yet/);
      await step(page, '3g.20gb', 1);
      assert.equal(await count(page, '3g.20gb'), '1');
      assert.match(await verdict(page), /^Feasible — 1 instance\./);
      // Pin a 1g.5gb at start 6: the 3g.20gb (starts 0 or 4, size 4) must go to 0.
      await page.selectOption('select[data-profile="1g.5gb"]', '6');
      assert.equal(await verdict(page), 'Feasible — 1 instance. Create in this order: 3g.20gb at 0.');
      assert.equal(await page.locator('#diagram g.block').count(), 2);
      assert.equal(await page.locator('#diagram g.block.fixed[data-profile="1g.5gb"][data-start="6"]').count(), 1);
      assert.equal(await page.locator('#diagram g.block[data-profile="3g.20gb"][data-start="0"]').count(), 1);
      assert.match(await page.textContent('#placement-table'), /3g\.20gb/);
      // Free units: 4 and 5 (7 is memory-only): two more 1g.5gb, one more 2g.10gb (starts 0,2,4,6).
      assert.equal(await page.getAttribute('button.more[data-profile="1g.5gb"]', 'data-remaining'), '2');
      assert.equal(await page.getAttribute('button.more[data-profile="2g.10gb"]', 'data-remaining'), '1');
      assert.match(await page.textContent('button.more[data-profile="1g.5gb"]'), /^\+ 1g\.5gb · 2 more fit$/);
      await page.click('button.more[data-profile="1g.5gb"]');
      assert.equal(await count(page, '1g.5gb'), '1');
      assert.match(await verdict(page), /^Feasible — 2 instances\./);
      assert.equal(await page.getAttribute('button.more[data-profile="1g.5gb"]', 'data-remaining'), '1');
      // A 4g.20gb only starts at 0: not feasible next to the 3g.20gb.
      await step(page, '4g.20gb', 1);
      assert.match(await verdict(page), /^Not feasible — /);
      assert.match(await verdict(page), /Largest part that fits: /);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-pinned-infeasible.png`, fullPage: true });
      await step(page, '4g.20gb', -1);
      assert.match(await verdict(page), /^Feasible/);
      assert.match(page.url(), /fixed=1g\.5gb@6/);
    });

    test('the URL restores the state exactly, including a + in a profile name', async () => {
      await open(page, `${base()}#v=1&gpu=A100-40GB&req=3g.20gb:1,1g.5gb+me:1&fixed=1g.5gb@6&driver=R510`);
      const first = await verdict(page);
      assert.equal(await count(page, '1g.5gb+me'), '1');
      assert.equal(await page.$eval('#driver', (s) => s.value), 'R510');
      const url = page.url();
      assert.ok(url.includes('1g.5gb%2Bme:1'), url);
      const other = await browser.newPage();
      await open(other, url);
      assert.equal(await verdict(other), first);
      assert.equal(await count(other, '1g.5gb+me'), '1');
      assert.equal(await count(other, '3g.20gb'), '1');
      assert.equal(await other.locator('#diagram g.block.fixed').count(), 1);
      assert.equal(other.url(), url);
      await other.close();
    });

    test('the copy-link button copies the current link (or selects it to copy)', async () => {
      await open(page, `${base()}#v=1&gpu=A30-24GB&req=2g.12gb:1`);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
      assert.match(await page.textContent('#copy-status'), /^(Link copied\.|Select the link and copy it\.)$/);
      assert.equal(await page.inputValue('#link'), page.url());
    });

    test('a malformed fragment shows a clear message and the default state, never a blank page', async () => {
      await open(page, `${base()}#v=1&gpu=A100-40GB&req=1g.5gb:x`);
      assert.equal(await page.isVisible('#notice'), true);
      assert.match(await page.textContent('#notice'), /could not be read: count of 1g\.5gb 'x' is not a whole number\. Showing the default state/);
      assert.match(await verdict(page), /^Feasible — 4 instances/);
      await open(page, `${base()}#v=1&gpu=H999&req=1g.5gb:1`);
      assert.match(await page.textContent('#notice'), /GPU 'H999', which is not in the catalog/);
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'H100-SXM5-80GB');
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-malformed.png` });
    });

    test('inferred catalog data is flagged, with its sources one click away', async () => {
      await open(page, `${base()}#v=1&gpu=H200-SXM-141GB&req=3g.71gb:1`);
      assert.match(await page.textContent('#gpu option[value="H200-SXM-141GB"]'), /inferred/);
      assert.ok((await page.locator('tr[data-profile="3g.71gb"] .tag.inferred').count()) === 1);
      assert.match(await page.textContent('#reasons'), /inferred/);
      await page.click('.sources summary');
      assert.ok((await page.locator('#gpu-sources li').count()) > 2);
    });

    test('a typed link (hashchange) is read without a reload', async () => {
      await open(page, base());
      await page.evaluate(() => { location.hash = '#v=1&gpu=A30-24GB&req=2g.12gb:2'; });
      await page.waitForFunction(() => document.querySelector('#gpu').value === 'A30-24GB');
      assert.match(await verdict(page), /^Feasible — 2 instances/);
    });

    test('everything works by keyboard', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=`);
      await page.focus('button.step[data-profile="1g.10gb"][data-step="1"]');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      assert.equal(await count(page, '1g.10gb'), '2');
      await page.focus('input.count[data-profile="2g.20gb"]');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab');
      assert.equal(await count(page, '2g.20gb'), '2');
      assert.match(await verdict(page), /^Feasible — 4 instances/);
      await page.focus('#diagram g.block');
      assert.match(await page.textContent('#block-detail'), /SMs, .* GiB/);
    });

    test('named configs, the layouts gallery and the simplified model', async () => {
      await open(page, `${base()}#v=1&gpu=A100-40GB&req=`);
      await page.selectOption('#preset', 'all-1g.5gb');
      assert.equal(await count(page, '1g.5gb'), '7');
      assert.match(await verdict(page), /^Feasible — 7 instances/);
      await page.click('#layouts-box summary');
      await page.waitForSelector('#layouts button.layout');
      const n = await page.locator('#layouts button.layout').count();
      assert.ok(n > 5, `${n} layouts`);
      await page.click('#layouts button.layout >> nth=0');
      assert.match(await verdict(page), /^Feasible/);
      assert.equal(await page.locator('#remaining button.more').count(), 0, 'a maximal layout leaves nothing that fits');
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-layouts.png`, fullPage: true });
      await page.click('#tab-seed');
      assert.match(page.url(), /mode=seed/);
      assert.match(await page.textContent('#seed-verdict'), /^(Feasible|Not feasible) \(simplified model\)/);
      assert.equal(await page.isVisible('#panel-exact'), false);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-seed.png`, fullPage: true });
      // The simplified model next to the driver's answer: 8 x 1g.10gb passes the sums on an H100 but exceeds its cap of 7.
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=1g.10gb:8&mode=seed`);
      assert.match(await page.textContent('#seed-verdict'), /^Feasible \(simplified model\) — 8 instances/);
      assert.match(await page.textContent('#seed-compare'), /driver's answer .*: Not feasible — .*cap/);
      await page.click('#seed-exact');
      assert.match(await verdict(page), /^Not feasible/);
      assert.equal(await page.isVisible('#panel-exact'), true);
    });

    test('dark mode and a narrow screen render the same answer', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 480, height: 900 });
      await open(page, `${base()}#v=1&gpu=RTX-PRO-6000-96GB&req=2g.48gb:1,1g.24gb:1`);
      assert.match(await verdict(page), /^Feasible — 2 instances/);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 480, `the page is ${scroll}px wide on a 480px screen`);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-dark-narrow.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1400, height: 1000 });
    });

    test('the page loads the module meant for its origin: over http the core first, the full module after the first verdict; from disk one file', async () => {
      const loaded = [];
      const listen = (r) => loaded.push(r.url().split('/').pop());
      page.on('request', listen);
      await open(page, base());
      page.off('request', listen);
      const before = await page.evaluate(() => {
        const verdict = performance.getEntriesByName('migcalc-first-verdict')[0].startTime;
        return performance.getEntriesByType('resource').filter((e) => e.startTime <= verdict).map((e) => e.name.split('/').pop());
      });
      if (kind === 'http') {
        assert.ok(before.includes('migcalc-http.js') && before.includes('migcalc-http.wasm'), before.join());
        assert.ok(!before.some((f) => f.startsWith('migcalc-full-http')), `the full module was requested before the first verdict: ${before.join()}`);
        for (const later of ['interop.js', 'export.js', 'import.js']) assert.ok(!before.includes(later) && loaded.includes(later), `${later}: ${before.join()}`);
        assert.ok(loaded.includes('migcalc-full-http.js') && loaded.includes('migcalc-full-http.wasm'), loaded.join());
        assert.ok(!loaded.includes('migcalc.js'), loaded.join());
      } else {
        assert.ok(loaded.includes('migcalc.js'), loaded.join());
        assert.ok(!loaded.some((f) => f.startsWith('migcalc-http') || f.startsWith('migcalc-full-http')), loaded.join());
      }
    });

    test('no console errors, no CSP violations, no request to another origin', async () => {
      await open(page, base());
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });
}

test('without the built module the page says so instead of staying blank', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-web-'));
  cpSync(WEB_DIR, dir, { recursive: true, filter: (src) => !/migcalc(-http|-full-http)?\.(js|wasm)$/.test(src) });
  const bare = await serve(dir);
  const page = await browser.newPage();
  try {
    await page.goto(bare.url);
    await page.waitForSelector('body[data-ready="error"]');
    assert.match(await page.textContent('#notice'), /could not start: migcalc-http\.js is missing \(build it with/);
    assert.match(await page.textContent('#verdict'), /^Unknown — /);
  } finally {
    await page.close();
    await bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every GPU in the catalog gets an answer, a diagram (or says why not) and what still fits', async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  try {
    await open(page, server.url);
    const keys = await page.$$eval('#gpu option', (os) => os.map((o) => o.value));
    assert.ok(keys.length >= 10, `${keys.length} models`);
    for (const key of keys) {
      await page.selectOption('#gpu', key);
      const configs = await page.$$eval('#preset option', (os) => os.map((o) => o.value).filter(Boolean));
      if (configs.length) await page.selectOption('#preset', configs.includes('all-balanced') ? 'all-balanced' : configs[0]);
      const text = await page.textContent('#verdict');
      assert.match(text, /^(Feasible|Not feasible|Unknown) — /, key);
      const known = (await page.locator('#diagram svg').count()) === 1;
      if (known) assert.ok((await page.locator('#diagram g.block').count()) > 0 || !configs.length, key);
      else assert.match(await page.textContent('#diagram'), /grid of this model is unknown/, key);
      assert.ok((await page.locator('#remaining button.more, #remaining p').count()) > 0, key);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('with the network off the page still answers from disk', async () => {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  try {
    await open(page, `${pathToFileURL(`${WEB_DIR}index.html`).href}#v=1&gpu=A100-80GB&req=3g.40gb:2`);
    assert.match(await page.textContent('#verdict'), /^Feasible — 2 instances/);
  } finally {
    await context.close();
  }
});

test('without the full module the calculator still answers and the export panel says why it has nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-web-'));
  cpSync(WEB_DIR, dir, { recursive: true, filter: (src) => !/migcalc-full-http\.(js|wasm)$/.test(src) });
  const bare = await serve(dir);
  const page = await browser.newPage();
  try {
    await page.goto(bare.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('body[data-interop="error"]');
    assert.match(await page.textContent('#verdict'), /^Feasible/);
    assert.match(await page.textContent('#export-none'), /export functions could not load: migcalc-full-http\.js is missing/);
    assert.match(await page.textContent('#import-result'), /import functions could not load: migcalc-full-http\.js is missing/);
    assert.equal(await page.isDisabled('#export-copy'), true);
  } finally {
    await page.close();
    await bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
