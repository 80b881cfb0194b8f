// Compute-instance sub-profiles in the calculator (issue 5 item 2), over http and from file://: open a GPU
// instance's "split" rows by mouse and keyboard, request 1c.3g.40gb compute instances, read the verdict and the
// split drawn inside each GPU instance (and in the screen-reader table), round-trip the URL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { watchedPage, open, cspViolations, RESULTS, useBrowserAndServer, pageUrl, pageOrigin } from './browser.mjs';

let browser;
let server;
useBrowserAndServer((b, s) => {
  browser = b;
  server = s;
});

const verdict = (page) => page.textContent('#verdict');
const count = (page, profile) => page.inputValue(`input.count[data-profile="${profile}"]`);
const ciRow = (page, ci) => page.locator(`#profile-rows tr.ci-row[data-profile="${ci}"]`);
const toggle = (page, gi) => page.locator(`#profile-rows button.ci-toggle[data-gi="${gi}"]`);

for (const kind of ['http', 'file']) {
  describe(`compute instances over ${kind}`, () => {
    const base = () => pageUrl(kind, server);
    let page;
    let problems;

    before(async () => ({ page, problems } = await watchedPage(browser, pageOrigin(kind, server))));
    after(async () => {
      await page.close();
    });

    test('split a 3g.40gb by mouse and keyboard: 6 x 1c.3g.40gb are two GPU instances of three compute instances', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=`);
      // The CI rows stay hidden until the GPU instance's "split" button opens them.
      assert.equal(await ciRow(page, '1c.3g.40gb').isVisible(), false);
      assert.equal(await toggle(page, '1g.10gb').count(), 0, 'a 1-slice GPU instance has no split');
      await toggle(page, '3g.40gb').click();
      assert.equal(await toggle(page, '3g.40gb').getAttribute('aria-expanded'), 'true');
      assert.equal(await ciRow(page, '1c.3g.40gb').isVisible(), true);
      assert.equal(await ciRow(page, '2c.3g.40gb').isVisible(), true);
      assert.equal(await ciRow(page, '1c.7g.80gb').isVisible(), false, 'only the opened GPU instance shows its rows');
      // Mouse: one more 1c.3g.40gb; keyboard: type 6 into its count.
      await page.click('button.step[data-profile="1c.3g.40gb"][data-step="1"]');
      assert.equal(await count(page, '1c.3g.40gb'), '1');
      assert.match(await verdict(page), /^Feasible — 1 instance\. Create in this order: 3g\.40gb at 4 \(1c\)\.$/);
      await page.focus('input.count[data-profile="1c.3g.40gb"]');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('6');
      await page.keyboard.press('Tab');
      assert.equal(await count(page, '1c.3g.40gb'), '6');
      assert.equal(await verdict(page), 'Feasible — 2 instances. Create in this order: 3g.40gb at 0 (3×1c), 3g.40gb at 4 (3×1c).');
      assert.match(page.url(), /#v=1&gpu=H100-SXM5-80GB&req=1c\.3g\.40gb:6$/);
      // The GPU instance's own row shows it is in use although only its compute instances are requested.
      assert.equal(await page.locator('#profile-rows tr:not(.ci-row)').filter({ has: page.locator('input.count[data-profile="3g.40gb"]') }).getAttribute('class'), 'requested');
      assert.equal(await count(page, '3g.40gb'), '0');
      // The diagram: two 3g.40gb blocks, each with three 1c boxes in its compute part.
      for (const start of ['0', '4']) {
        const block = page.locator(`#diagram g.block[data-profile="3g.40gb"][data-start="${start}"]`);
        assert.equal(await block.count(), 1);
        assert.equal(await block.locator('g.cis').getAttribute('data-cis'), '3×1c');
        assert.equal(await block.locator('rect.ci').count(), 3);
        assert.deepEqual(await block.locator('text.ci-label').allTextContents(), ['1c', '1c', '1c']);
        assert.match(await block.getAttribute('aria-label'), /split into compute instances 3×1c \(1c\.3g\.40gb, 1c\.3g\.40gb, 1c\.3g\.40gb\)/);
      }
      // The boxes sit inside their GPU instance's compute part.
      const inside = await page.$$eval('#diagram g.block', (blocks) => blocks.every((g) => {
        const part = g.querySelector('rect.compute').getBBox();
        return [...g.querySelectorAll('rect.ci')].every((r) => { const b = r.getBBox(); return b.x >= part.x && b.x + b.width <= part.x + part.width; });
      }));
      assert.ok(inside);
      const table = await page.textContent('#placement-table');
      assert.match(table, /Compute instances/);
      assert.match(table, /3×1c: 1c\.3g\.40gb, 1c\.3g\.40gb, 1c\.3g\.40gb/);
      await page.screenshot({ path: `${RESULTS}e2e-${kind}-compute-instances.png`, fullPage: true });
    });

    test('a link naming one compute instance that spans its GPU instance (1c.1g.10gb, 7c.7g.80gb) is read as the core reads it', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=1c.1g.10gb:2,7c.7g.80gb:1`);
      assert.equal(await page.isHidden('#notice'), true, await page.textContent('#notice'));
      assert.match(await verdict(page), /^Not feasible/);
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=1c.1g.10gb:2`);
      assert.equal(await page.isHidden('#notice'), true, await page.textContent('#notice'));
      assert.match(await verdict(page), /^Feasible — 2 instances\./);
    });

    test('the URL restores the split; its CI rows open by themselves', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=1c.3g.40gb:4,2c.3g.40gb:1`);
      const url = page.url();
      assert.ok(url.endsWith('req=1c.3g.40gb:4,2c.3g.40gb:1'), url);
      const first = await verdict(page);
      assert.match(first, /^Feasible — 2 instances\. Create in this order: 3g\.40gb at 0 \((2c\+1c|3×1c)\), 3g\.40gb at 4 \((2c\+1c|3×1c)\)\.$/);
      assert.equal(await page.locator('#diagram g.cis[data-cis="2c+1c"]').count(), 1);
      assert.equal(await page.locator('#diagram g.cis[data-cis="3×1c"]').count(), 1);
      const other = await browser.newPage();
      await open(other, url);
      assert.equal(await verdict(other), first);
      assert.equal(other.url(), url);
      assert.equal(await count(other, '1c.3g.40gb'), '4');
      assert.equal(await count(other, '2c.3g.40gb'), '1');
      assert.equal(await ciRow(other, '1c.3g.40gb').isVisible(), true);
      assert.equal(await toggle(other, '3g.40gb').getAttribute('aria-expanded'), 'true');
      assert.equal(await toggle(other, '3g.40gb').getAttribute('aria-disabled'), 'true', 'rows in use stay shown');
      await other.close();
    });

    test('too many compute instances: not feasible, saying how many GPU instances they need; the largest part keeps its split', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=1c.3g.40gb:6`);
      await page.click('button.step[data-profile="2c.3g.40gb"][data-step="1"]');
      // Slice totals come first (issue 11 item 3); the cap is among the other rules the banner names.
      assert.match(await verdict(page), /^Not feasible — 3 × 3g\.40gb need 12 memory slices > 8 on H100-SXM5-80GB\. 6 × 1c\.3g\.40gb and 2c\.3g\.40gb make 3 × 3g\.40gb GPU instances/);
      assert.match(await verdict(page), /more rules fail: slice total, instance cap, media engines \(2\)\./);
      assert.match(await page.textContent('#reasons'), /3 × 3g\.40gb exceeds its instance cap: H100-SXM5-80GB allows at most 2\./);
      assert.match(await verdict(page), /Largest part that fits: 3g\.40gb at \d \(2c\+1c\), 3g\.40gb at \d \(3×1c\)\.$/);
      assert.equal(await page.locator('#diagram g.cis').count(), 2);
    });

    test('keyboard: the split button opens and closes the rows; a link with a CI size the GPU instance has not is refused', async () => {
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=`);
      await toggle(page, '7g.80gb').focus();
      await page.keyboard.press('Enter');
      assert.equal(await ciRow(page, '4c.7g.80gb').isVisible(), true);
      assert.equal(await ciRow(page, '3c.7g.80gb').isVisible(), true);
      await page.keyboard.press('Space');
      assert.equal(await ciRow(page, '4c.7g.80gb').isVisible(), false);
      assert.equal(await toggle(page, '7g.80gb').getAttribute('aria-expanded'), 'false');
      await open(page, `${base()}#v=1&gpu=H100-SXM5-80GB&req=4c.3g.40gb:1`);
      assert.match(await page.textContent('#notice'), /The link asks for 4c\.3g\.40gb, which H100-SXM5-80GB does not have/);
      assert.match(await verdict(page), /^Feasible — 4 instances/);
    });

    test('no console errors, page errors, CSP violations or off-origin requests', async () => {
      assert.deepEqual(problems, []);
      assert.deepEqual(await cspViolations(page), []);
    });
  });
}
