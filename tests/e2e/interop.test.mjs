// The export and import panels in Chromium, over http and from file://: the export text of the default state,
// Copy and Download, the format and GPU index in the URL; pasted nvidia-smi output and mig-parted configs.
// No console errors, no CSP violations. Screenshots go to test-results/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';

const FIXTURES = new URL('../fixtures/interop/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIXTURES), 'utf8');

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

for (const kind of ['http', 'file']) {
  describe(`interop over ${kind}`, () => {
    const base = () => pageUrl(kind, server);
    const origin = () => pageOrigin(kind, server);
    let context;
    let page;
    let problems;

    before(async () => {
      ({ page, problems } = await watchedPage(browser, origin()));
      context = page.context();
    });
    after(async () => {
      await page.close();
    });

    test('the default state exports an nvidia-smi script with the checked placements', async () => {
      await open(page, base());
      const text = await page.textContent('#export-text');
      // mig-hardware.md: H100 profile IDs 3g.40gb=9, 2g.20gb=14, 1g.10gb=19, at the verdict's starts 4, 0, 2, 3.
      assert.match(text, /-cgi 9:4,14:0,19:2,19:3/);
      assert.equal(await page.$eval('#export-format', (s) => s.value), 'nvidia-smi');
      assert.doesNotMatch(page.url(), /export=|device=/, 'defaults stay out of the URL');
    });

    test('the format and GPU index change the text and are kept in the URL', async () => {
      await open(page, base());
      await page.selectOption('#export-format', 'mig-parted');
      await page.fill('#export-device', '3');
      await page.press('#export-device', 'Enter');
      await page.locator('#export-device').blur();
      assert.match(await page.textContent('#export-text'), /devices:\s*\[3\]/);
      assert.match(page.url(), /&export=mig-parted&device=3/);
      await page.fill('#export-device', '16');
      await page.locator('#export-device').blur();
      assert.match(await page.textContent('#export-device-error'), /0 to 15/);
      assert.match(page.url(), /device=3/, 'a bad index does not reach the URL');
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=3g.40gb:1&export=json&device=2`);
      assert.equal(await page.$eval('#export-format', (s) => s.value), 'json');
      assert.equal(await page.inputValue('#export-device'), '2');
      assert.equal(JSON.parse(await page.textContent('#export-text')).device, 2);
    });

    test('Copy puts the text on the clipboard and says Copied', async () => {
      await open(page, base());
      if (kind === 'http') {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
        await page.click('#export-copy');
        await page.waitForFunction(() => document.getElementById('export-status').textContent !== '');
        assert.equal(await page.textContent('#export-status'), 'Copied.');
        assert.match(await page.evaluate(() => navigator.clipboard.readText()), /-cgi 9:4,14:0,19:2,19:3/);
      } else {
        // Without the async clipboard API the fallback selects the text and copies it with execCommand.
        await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
        await page.click('#export-copy');
        assert.match(await page.textContent('#export-status'), /^(Copied\.|The text is selected)/);
        assert.match(await page.evaluate(() => String(window.getSelection())), /-cgi 9:4,14:0,19:2,19:3/);
      }
    });

    test('Download saves the text as migcalc-<GPU>.sh', async () => {
      await open(page, base());
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
      assert.equal(download.suggestedFilename(), 'migcalc-H100-SXM5-80GB.sh');
      const path = await download.path();
      assert.match(readFileSync(path, 'utf8'), /-cgi 9:4,14:0,19:2,19:3/);
    });

    test('a not-feasible request says there is nothing to export, and why', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=7g.80gb:2`);
      assert.equal(await page.isVisible('#export-text'), false);
      assert.match(await page.textContent('#export-none'), /^Nothing to export: the request is not feasible/);
      assert.equal(await page.isDisabled('#export-download'), true);
    });

    // Fill the textarea and wait until the panel has read it (data-reads counts the reads).
    const paste = async (text) => {
      const before = await page.$eval('#import-result', (e) => Number(e.dataset.reads || 0));
      await page.fill('#import-text', text);
      await page.waitForFunction((n) => Number(document.getElementById('import-result').dataset.reads || 0) > n, before);
    };

    test('pasting -lgi output pins its instances and the verdict changes; the paste stays out of the URL', async () => {
      await open(page, `${base()}#v=1&gpu=A100-40GB&req=3g.20gb:1`);
      assert.match(await page.textContent('#verdict'), /^Feasible/);
      await paste(fixture('smi/a100-40gb-lgi.txt'));
      assert.match(await page.textContent('#import-detected'), /-lgi/);
      assert.equal(await page.locator('#import-instances li').count(), 3);
      await page.click('#import-pin');
      // The transcript holds 4g.20gb@0, 2g.10gb@4, 1g.5gb@6: all 7 compute slices, so a 3g.20gb no longer fits.
      assert.match(page.url(), /fixed=1g\.5gb@6,2g\.10gb@4,4g\.20gb@0/);
      assert.doesNotMatch(await page.textContent('#verdict'), /^Feasible/);
      assert.doesNotMatch(page.url(), /nvidia-smi|lgi/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-import-lgi.png`, fullPage: true });
    });

    test('pasting -lgi output from another GPU says which profiles the current one lacks', async () => {
      await open(page, base());
      await paste(fixture('smi/a100-40gb-lgi.txt'));
      assert.equal(await page.isDisabled('#import-pin'), true);
      assert.match(await page.textContent('#import-result'), /H100-SXM5-80GB has no .*1g\.5gb/);
    });

    test('pasting -lgip/-lgipp output shows the matched catalog GPU and can load it', async () => {
      await open(page, base());
      await paste(fixture('smi/a100-40gb-lgip-lgipp.txt'));
      assert.match(await page.textContent('#import-gpu-summary'), /matches catalog GPU A100-40GB/);
      await page.click('#import-use-gpu');
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'A100-40GB');
      assert.match(page.url(), /gpu=A100-40GB/);
    });

    test('pasted output of a GPU that is in no catalog is shown read-only, with its differences', async () => {
      await open(page, base());
      // The A100 transcript with every profile renamed (1g.5gb -> 1g.6gb, ...): no catalog model has these names.
      const custom = fixture('smi/a100-40gb-lgip-lgipp.txt').replace(/(\d)g\.(\d+)gb/g, (m, a, b) => `${a}g.${Number(b) + 1}gb`);
      await paste(custom);
      assert.doesNotMatch(await page.textContent('#import-gpu-summary'), /^GPU 0: \d+ profiles; matches/);
      assert.equal(await page.locator('#import-use-gpu').count(), 0);
      assert.match(await page.textContent('#import-read-only'), /read-only/);
      assert.ok(await page.locator('.import-table tbody tr').count() >= 5, 'the profiles read from the paste');
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'H100-SXM5-80GB', 'the current GPU stays');
      await page.locator('section.zone.import').screenshot({ path: `${RESULTS}e2e-${kind}-import-custom.png` });
    });

    test('pinning the instances of the second GPU of a -lgi paste', async () => {
      await open(page, base());
      await paste(fixture('smi/two-gpus-lgi.txt'));
      await page.selectOption('#import-gpu-index', '1');
      await page.click('#import-pin');
      assert.match(page.url(), /fixed=7g\.80gb@0/);
      assert.match(page.url(), /device=1/, 'the export targets the GPU the instances are on');
    });

    test('a broken paste shows the error with its line', async () => {
      await open(page, base());
      await paste(fixture('smi/bad-lgip-row.txt'));
      assert.match(await page.textContent('#import-result .import-error'), /line \d+/);
      await paste(fixture('smi/garbage.txt'));
      assert.match(await page.textContent('#import-result'), /does not look like/);
    });

    test('pasting config-default.yaml validates every entry on every model, in a table', async () => {
      await open(page, base());
      await paste(fixture('config-default.yaml'));
      assert.match(await page.textContent('#import-config-summary'), /^Valid/);
      const row = page.locator('#import-config-table tr[data-config="all-1g.5gb"]');
      assert.match(await row.textContent(), /feasible: .*A100-40GB/);
      assert.ok(await page.locator('#import-config-table tbody tr').count() > 10);
      await page.locator('section.zone.import').screenshot({ path: `${RESULTS}e2e-${kind}-import-config.png` });
      await paste(fixture('gpu-operator-configmap-with-typo.yaml'));
      assert.match(await page.textContent('#import-config-summary'), /^Not valid/);
    });

    test('a pasted profile with an 11-digit slice count is named as not a profile, and the panel keeps working', async () => {
      await open(page, `${base()}#v=1&gpu=A100-40GB&req=3g.20gb:1`);
      await paste(fixture('smi/a100-40gb-lgip-lgipp.txt').replace('MIG 1g.5gb  ', 'MIG 99999999999c.1g.5gb  '));
      assert.match(await page.textContent('#import-result'), /'99999999999c\.1g\.5gb' is not a MIG profile name/);
      await paste(fixture('smi/a100-40gb-lgi.txt'));
      assert.doesNotMatch(await page.textContent('#import-result'), /not a MIG profile name/);
    });

    test('no console errors and no CSP violations', async () => {
      await open(page, base());
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-export.png`, fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });
}
