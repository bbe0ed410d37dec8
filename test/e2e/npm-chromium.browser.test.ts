/**
 * The browser tests run on a machine with only Node and npm: with the system lookup off
 * (TEST_BROWSER=npm, CHROMIUM_PATH unset), the Chromium shipped inside the @sparticuz/chromium tarball
 * is unpacked and drives a page. CI runs every browser test this way; this file keeps the npm path
 * exercised on machines that have a system Chromium too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, resolveBrowser } from '../helpers/browser.ts';

const saved = { TEST_BROWSER: process.env.TEST_BROWSER, CHROMIUM_PATH: process.env.CHROMIUM_PATH };
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the browser that comes from npm', () => {
  it('is used when the system lookup is off, and renders and types into a page', async () => {
    process.env.TEST_BROWSER = 'npm';
    delete process.env.CHROMIUM_PATH;
    const binary = await resolveBrowser();
    expect(binary.source).toBe('npm');
    expect(binary.executablePath).toContain('node_modules/.cache/npm-chromium/');
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.setContent('<label>Name <input id="name"></label><p id="out"></p><script>document.getElementById("name").addEventListener("input", (e) => { document.getElementById("out").textContent = e.target.value.toUpperCase(); });</script>');
    await page.fill('#name', 'acme');
    expect(await page.textContent('#out')).toBe('ACME');
  }, 120_000);
});
