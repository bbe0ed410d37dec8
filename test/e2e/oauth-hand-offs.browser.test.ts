/**
 * The install and QuickBooks-connect flows in a real headless Chromium: a person clicks through the
 * emulators' consent pages and lands on the HubSpot settings page and on our pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getInstallation } from '../../backend/src/db/installations.ts';
import { getQboConnection } from '../../backend/src/db/qbo-connections.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const PORTAL = 56_000_001;
const REALM = '7600001';

describe('OAuth hand-offs in Chromium', () => {
  let h: AppHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startAppHarness();
    h.hubspot.state.createAccount(PORTAL);
    h.qbo.state.createCompany({ realmId: REALM, companyName: 'Chromium Cycles Ltd', country: 'US' });
    h.qbo.state.createCompany({ realmId: '7600002', companyName: 'Other Company', country: 'CA' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h.close();
  });

  it('installs from the install link: HubSpot consent → Allow → the app settings page', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.url}/oauth/hubspot/install`);
    await page.selectOption('#portal_id', String(PORTAL));
    await screenshot(page, 'install-1-hubspot-consent');
    await Promise.all([page.waitForURL(/general-settings/), page.click('#allow')]);
    expect(page.url()).toBe(`${h.hubspot.baseUrl}/integrations-settings/${PORTAL}/installed/framework/${h.apps.hubspot.appId}/general-settings`);
    expect(await page.textContent('#install-state')).toBe('Installed');
    await screenshot(page, 'install-2-settings-page');
    expect(await getInstallation(h.db.db, PORTAL)).toMatchObject({ status: 'active' });
    await page.close();
  });

  it('shows our page, not a stack trace, when the install is declined', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.url}/oauth/hubspot/install`);
    await Promise.all([page.waitForURL(/\/oauth\/hubspot\/callback/), page.click('#deny')]);
    expect(await page.textContent('h1')).toBe('That did not work');
    expect(await page.textContent('main')).toContain('access was declined');
    expect(await page.getAttribute('main', 'role')).toBe('alert');
    expect(await page.getAttribute('a.button', 'href')).toBe('/oauth/hubspot/install');
    await screenshot(page, 'install-3-declined');
    await page.close();
  });

  it('connects QuickBooks: the settings page’s link → Intuit consent → choose a company → Connect → our page', async () => {
    const link = await h.signedFetch('/api/v1/quickbooks/connect-link', PORTAL, { method: 'POST', body: {} });
    const { url } = (await link.json()) as { url: string };
    const page = await browser.newPage();
    await page.goto(url);
    expect(page.url().startsWith(h.qbo.baseUrl)).toBe(true);
    await page.check(`input[name="realmId"][value="${REALM}"]`);
    await screenshot(page, 'connect-1-intuit-consent');
    await Promise.all([page.waitForURL(/\/oauth\/quickbooks\/callback/), page.click('#connect')]);
    expect(await page.textContent('h1')).toBe('Connected to Chromium Cycles Ltd');
    expect(await page.textContent('main')).toContain('Home currency: USD');
    await screenshot(page, 'connect-2-connected');
    expect(await getQboConnection(h.db.db, PORTAL)).toMatchObject({ realmId: REALM, status: 'connected', companyName: 'Chromium Cycles Ltd' });
    await page.close();
  });

  it('refuses to reuse a connect link', async () => {
    const link = await h.signedFetch('/api/v1/quickbooks/connect-link', PORTAL, { method: 'POST', body: { replace: true } });
    const { url } = (await link.json()) as { url: string };
    const page = await browser.newPage();
    await page.goto(url);
    await page.goBack();
    await page.goto(url);
    expect(await page.textContent('main')).toContain('expired or was already used');
    await screenshot(page, 'connect-3-link-reused');
    await page.close();
  });

  it('Intuit’s Disconnect landing page, then its Reconnect URL back to a connected company', async () => {
    for (const g of h.qbo.state.grants.values()) if (g.realmId === REALM) g.revoked = true; // disconnected inside QuickBooks
    const page = await browser.newPage();
    await page.goto(`${h.url}/quickbooks/disconnected?realmId=${REALM}`);
    expect(await page.textContent('h1')).toBe('QuickBooks Online is disconnected');
    await screenshot(page, 'intuit-disconnect-landing');
    await page.goto(`${h.url}/quickbooks/reconnect?realmId=${REALM}`);
    expect(page.url().startsWith(h.qbo.baseUrl)).toBe(true);
    await page.check(`input[name="realmId"][value="${REALM}"]`);
    await Promise.all([page.waitForURL(/\/oauth\/quickbooks\/callback/), page.click('#connect')]);
    expect(await page.textContent('h1')).toBe('Connected to Chromium Cycles Ltd');
    await screenshot(page, 'intuit-reconnect-done');
    expect(await getQboConnection(h.db.db, PORTAL)).toMatchObject({ status: 'connected', realmId: REALM });
    await page.close();
  });
});
