// Launch Debian's chromium headless through playwright-core, and watch a page for everything that must not
// happen: console errors or warnings, page errors, CSP violations, requests to other origins.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, WEB_DIR } from './serve.mjs';

export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/// One browser and one web server for a test file: node:test hooks launch them before its tests, hand them to
/// `use(browser, server)` and close them after.
export function useBrowserAndServer(use) {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
    server = await serve();
    use(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/// The page's URL, and what its requests may start with, over http (the test server) or from disk ('file').
export const pageUrl = (kind, server) => (kind === 'http' ? server.url : pathToFileURL(`${WEB_DIR}index.html`).href);
export const pageOrigin = (kind, server) => (kind === 'http' ? server.url : 'file://');

/// A new page that records problems: {page, problems: [...strings]}. `origin` is what requests may start with.
export async function watchedPage(browser, origin, viewport = { width: 1400, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`off-origin request: ${url}`);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, problems };
}

/// Open `url` and wait for the first verdict, then for the full module (exports, imports, planner), which the
/// page loads after the first verdict.
export async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
  await page.waitForSelector('body[data-interop="ready"]', { timeout: 10000 });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}
