// "Generate NVIDIA-style config" in the export panel, in Chromium over http and from file://: NVIDIA's named configs
// for this GPU or every GPU under the chosen driver, Copy and Download, and a GPU or driver change taking the stale
// text away. No console errors, no CSP violations. Screenshots go to test-results/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

for (const kind of ['http', 'file']) {
  describe(`generate-config over ${kind}`, () => {
    let page;
    let problems;

    before(async () => {
      ({ page, problems } = await watchedPage(browser, pageOrigin(kind, server)));
    });
    after(async () => {
      await page.close();
    });

    test('this GPU: all-<profile> and all-balanced of the chosen GPU, under the chosen driver', async () => {
      await open(page, `${pageUrl(kind, server)}#v=1&gpu=A100-40GB&req=3g.20gb:1&driver=R470`);
      assert.equal(await page.locator('#generate-text').isHidden(), true);
      assert.equal(await page.$eval('#generate-scope', (s) => s.value), 'gpu');
      await page.click('#generate-run');
      const text = await page.textContent('#generate-text');
      assert.match(text, /^# NVIDIA's named mig-parted configs/);
      assert.match(text, /\n {2}all-balanced:\n/);
      assert.match(text, /"1g\.5gb\+me": 1/);
      assert.doesNotMatch(text, /all-1g\.10gb:/, 'R470 lacks 1g.10gb on A100-40GB');
      assert.match(await page.textContent('#generate-summary'), /named configs for A100-40GB, driver R470\./);
      assert.equal(await page.locator('#generate-notes').isHidden(), false);
      assert.match(await page.textContent('#generate-notes'), /lacks 1g\.10gb \(R525\)/);
      assert.doesNotMatch(page.url(), /generate/, 'the generated text stays out of the URL');
      await page.locator('.generate').screenshot({ path: `${RESULTS}e2e-${kind}-generate-gpu.png` });
    });

    test('every GPU, then a GPU change takes the text away', async () => {
      await page.selectOption('#generate-scope', 'all');
      await page.click('#generate-run');
      const text = await page.textContent('#generate-text');
      assert.match(text, /device-filter: \["0x20B010DE", "0x20B110DE", "0x20F110DE", "0x20F610DE"\]/);
      assert.match(await page.textContent('#generate-summary'), /named configs for \d+ GPU models, driver R470\./);
      assert.match(await page.getAttribute('#generate-download', 'title'), /mig-configs-all-gpus-R470\.yaml/);
      // Another GPU keeps a text made for every GPU; another driver does not.
      await page.selectOption('#gpu', 'A30-24GB');
      assert.equal(await page.locator('#generate-text').isHidden(), false);
      await page.selectOption('#driver', 'newest');
      assert.equal(await page.locator('#generate-text').isHidden(), true);
      assert.match(await page.textContent('#generate-summary'), /generate again/);
      await page.selectOption('#generate-scope', 'gpu');
      await page.click('#generate-run');
      assert.match(await page.textContent('#generate-text'), /"2g\.12gb\+me": 1/);
      await page.selectOption('#gpu', 'A100-80GB');
      assert.equal(await page.locator('#generate-text').isHidden(), true);
    });

    test('Download saves the generated file', async () => {
      await page.click('#generate-run');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#generate-download')]);
      assert.equal(download.suggestedFilename(), 'mig-configs-A100-80GB.yaml');
      assert.match(await page.textContent('#generate-status'), /Saved as mig-configs-A100-80GB\.yaml/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-generate.png`, fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    });
  });
}
