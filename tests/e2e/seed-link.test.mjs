// The custom-capacity tab and links, over http and from file://: a row name or total being edited when a link is
// followed (the fragment changes while the field still has focus) neither throws nor lands on the link's state,
// and the edit is kept: the back button brings it back. No console errors, no page errors.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { watchedPage, open, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

const START = '#v=1&gpu=H100-SXM5-80GB&req=1g.10gb:2&mode=seed';
const EXACT_LINK = '#v=1&gpu=A100-40GB&req=1g.5gb:1';
const SEED_LINK = '#v=1&gpu=A100-40GB&req=1g.5gb:1&mode=seed&cap=98:40&rows=theirs:14:5:1';

/// Follow a link the way the back button, a bookmark or a script does: the fragment changes, focus stays put.
const follow = (page, hash) => page.evaluate((h) => new Promise((done) => {
  window.addEventListener('hashchange', () => setTimeout(done, 0), { once: true });
  location.hash = h;
}), hash);
/// Leave the field that has focus (the tabs are shown in every mode).
const leave = (page) => page.focus('#tab-seed');
const nameInput = (page) => page.locator('#seed-rows input[type=text]').first();
const hashOf = (page) => decodeURIComponent(new URL(page.url()).hash);

for (const kind of ['http', 'file']) {
  describe(`over ${kind}`, () => {
    let page;
    let problems;

    // A new page for each test: opening the same page with another fragment would not reload it.
    beforeEach(async () => ({ page, problems } = await watchedPage(browser, pageOrigin(kind, server))));
    afterEach(async () => {
      await page.close();
    });

    async function start() {
      await open(page, pageUrl(kind, server) + START);
      await page.waitForSelector('#seed-rows input[type=text]');
      assert.equal(await nameInput(page).inputValue(), '1g.10gb');
    }

    test('a row name being edited, then a link to the exact model: no error, the link is shown, Back brings the edit back', async () => {
      await start();
      await nameInput(page).fill('my row'); // typed, not yet left
      await follow(page, EXACT_LINK);
      await leave(page); // before the fix, the field's change event threw a TypeError (at the latest here)
      assert.deepEqual(problems, []);
      assert.equal(new URL(page.url()).hash, EXACT_LINK);
      assert.equal(await page.$eval('#gpu', (s) => s.value), 'A100-40GB');
      assert.equal(await page.getAttribute('#tab-exact', 'aria-selected'), 'true');
      assert.equal(await page.textContent('#notice'), '');
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-seed-edit-then-link.png`, fullPage: true });
      await page.goBack();
      await page.waitForSelector('#panel-seed:not([hidden]) #seed-rows input[type=text]');
      assert.equal(await nameInput(page).inputValue(), 'my row');
      assert.match(hashOf(page), /gpu=H100-SXM5-80GB.*mode=seed.*rows=my row:16:10:2/);
      assert.deepEqual(problems, []);
    });

    test("a row name being edited, then a link with other rows: the link's rows are shown and kept as they are", async () => {
      await start();
      await nameInput(page).fill('mine');
      await follow(page, SEED_LINK);
      await leave(page);
      assert.deepEqual(problems, []);
      assert.equal(await page.locator('#seed-rows tr').count(), 1);
      assert.equal(await nameInput(page).inputValue(), 'theirs');
      assert.match(hashOf(page), /gpu=A100-40GB.*cap=98:40&rows=theirs:14:5:1$/, 'the old field does not rename the link\'s row');
      await page.goBack();
      await page.waitForFunction(() => document.querySelector('#seed-rows input[type=text]')?.value === 'mine');
      assert.deepEqual(problems, []);
    });

    test('a total being edited, then a link: the link\'s totals are shown, Back brings the edited total back', async () => {
      await start();
      await page.fill('#seed-sms', '100');
      await follow(page, SEED_LINK);
      await leave(page);
      assert.deepEqual(problems, []);
      assert.equal(await page.inputValue('#seed-sms'), '98');
      assert.match(hashOf(page), /cap=98:40&/);
      await follow(page, EXACT_LINK);
      assert.deepEqual(problems, []);
      await page.goBack();
      await page.goBack();
      await page.waitForFunction(() => document.getElementById('seed-sms').value === '100');
      assert.match(hashOf(page), /cap=100:80/);
      assert.deepEqual(problems, []);
    });

    test("a row name the link cannot carry (',' or ':') is marked while typed, and the stored name comes back on leaving", async () => {
      await start();
      await nameInput(page).fill('gpu:a,b');
      assert.equal(await nameInput(page).getAttribute('aria-invalid'), 'true');
      assert.match(await nameInput(page).getAttribute('title'), /cannot contain ',' or ':'/);
      assert.match(hashOf(page), /rows=1g\.10gb:16:10:2/);
      await leave(page);
      assert.equal(await nameInput(page).inputValue(), '1g.10gb');
      assert.notEqual(await nameInput(page).getAttribute('aria-invalid'), 'true');
      await nameInput(page).fill('  shared ');
      await leave(page);
      assert.equal(await nameInput(page).inputValue(), 'shared');
      assert.match(hashOf(page), /rows=shared:16:10:2/);
      assert.deepEqual(problems, []);
    });
  });
}
