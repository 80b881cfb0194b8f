// The export and import panels in Chromium, over http and from file://: the export text of the default state,
// Copy and Download, the format and GPU index in the URL; pasted nvidia-smi output and mig-parted configs.
// No console errors, no CSP violations. Screenshots go to test-results/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { serve, WEB_DIR } from './serve.mjs';
import { launch, watchedPage, open, cspViolations, RESULTS } from './browser.mjs';

const FIXTURES = new URL('../fixtures/interop/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIXTURES), 'utf8');

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const kind of ['http', 'file']) {
  describe(`interop over ${kind}`, () => {
    const base = () => (kind === 'http' ? server.url : pathToFileURL(`${WEB_DIR}index.html`).href);
    const origin = () => (kind === 'http' ? server.url : 'file://');
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

    test('no console errors and no CSP violations', async () => {
      await open(page, base());
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-export.png`, fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });
}
