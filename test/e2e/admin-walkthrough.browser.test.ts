/**
 * An admin's first hour, clicked through in Chromium against the HubSpot emulator, which hosts our real
 * UI extensions (bundled entry points in Web Workers, @remote-ui host, signed hubspot.fetch): install →
 * the settings page → connect QuickBooks in Intuit's popup → guided setup (a direction changed, a mapping
 * switched off, a custom mapping added, its section's error seen and fixed) → Save and start → first sync
 * → object view counts → a count opens the record view → a failed record's activity → Retry → CSV export
 * downloaded → a deal's payment card shows its invoice's payment. Every step asserts what a person sees.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { qboUser } from '../helpers/vendor-data.ts';
import { eventually } from '../helpers/eventually.ts';
import { createBookkeeperInvoices, DEMO_PORTAL_ID, DEMO_REALM_ID, linkInvoicesToDeals } from '../../backend/sandbox/demo/demo-data.ts';
import { invoiceSetupNoon } from '@quickbooks-sync/contract/definitions';

// The demo's ids: the bookkeeper and the HubSpot user of the demo act on these (demo-data.ts).
const PORTAL = DEMO_PORTAL_ID;
const REALM = DEMO_REALM_ID;
const SLOW = { timeout: 60_000 };

/** The host found no unsupported component or prop and no extension crashed. */
const hostErrors = (page: Page) => page.evaluate(() => (window as { __hubspotHostErrors?: string[] }).__hubspotHostErrors ?? []);

describe('an admin clicks through the app in the HubSpot emulator', () => {
  let h: AppHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startAppHarness();
    h.hubspot.state.createAccount(PORTAL);
    await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ objectType: 'deals', count: 2, seed: 7 }) });
    h.qbo.state.createCompany({ realmId: REALM, companyName: 'Walkthrough Outfitters', country: 'US' });
    const qb = await qboUser(h, REALM);
    // Two customers sharing an e-mail: the second cannot be synced (ambiguous), the failure the admin retries.
    await qb.create('Customer', { DisplayName: 'Ada North', PrimaryEmailAddr: { Address: 'ada@walk.test' } });
    await qb.create('Customer', { DisplayName: 'Ada South', PrimaryEmailAddr: { Address: 'ada@walk.test' } });
    await qb.create('Customer', { DisplayName: 'Ben Buyer', PrimaryEmailAddr: { Address: 'ben@walk.test' } });
    const income = (await qb.all('Account')).find((a) => a.Name === 'Services')!;
    await qb.create('Item', { Name: 'Tent', Sku: 'TENT-1', UnitPrice: 120, Type: 'NonInventory', IncomeAccountRef: { value: income.Id } });
    await qb.create('Item', { Name: 'Stove', Sku: 'STOVE-1', UnitPrice: 45, Type: 'NonInventory', IncomeAccountRef: { value: income.Id } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('installs and lands on the settings page, where the guided setup renders', async () => {
    await page.goto(`${h.url}/oauth/hubspot/install`);
    await page.selectOption('#portal_id', String(PORTAL));
    await Promise.all([page.waitForURL(/general-settings/), page.click('#allow')]);
    await expect.poll(() => page.locator('#settings-title').textContent()).toBe('QuickBooks Sync');
    await page.getByRole('heading', { name: 'Set up your QuickBooks sync' }).waitFor(SLOW);
    expect(await page.getByText('Connect QuickBooks to choose what to sync.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save and start sync' }).isDisabled()).toBe(true);
  });

  it('connects QuickBooks in a popup; the page moves on by itself', async () => {
    await page.getByRole('button', { name: 'Connect QuickBooks' }).click();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open QuickBooks to connect' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url().startsWith(h.qbo.baseUrl)).toBe(true);
    await popup.check(`input[name="realmId"][value="${REALM}"]`);
    await Promise.all([popup.waitForURL(/\/oauth\/quickbooks\/callback/), popup.click('#connect')]);
    expect(await popup.textContent('h1')).toBe('Connected to Walkthrough Outfitters');
    await popup.close();
    await page.getByText('Walkthrough Outfitters').first().waitFor(SLOW);
    await page.getByRole('button', { name: 'Contacts ⇄ Customers' }).waitFor(SLOW);
    expect(await page.getByRole('button', { name: 'Save and start sync' }).isEnabled()).toBe(true);
  });

  it('guided setup: direction changed, a mapping off, a custom mapping whose error shows in its section, fixed, Save and start', async () => {
    await page.getByRole('button', { name: 'Contacts ⇄ Customers' }).click();
    const contacts = page.getByTestId('section-contacts');
    await contacts.getByLabel('Sync direction').selectOption({ label: 'QuickBooks → HubSpot' });
    const phone = contacts.getByRole('switch', { name: 'Sync phone' });
    await phone.click();
    expect(await phone.getAttribute('aria-checked')).toBe('false');
    await contacts.getByRole('button', { name: 'Add custom mapping' }).click();
    await contacts.getByLabel('HubSpot property').selectOption({ label: 'Create date (read-only)' });
    await contacts.getByLabel('QuickBooks field').selectOption({ label: 'Notes' });
    await contacts.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('button', { name: 'Save and start sync' }).click();
    const problems = contacts.getByTestId('problems-contacts');
    await problems.waitFor(SLOW);
    expect(await problems.textContent()).toContain('Fix these before saving');
    expect(await problems.textContent()).toContain('createdate');
    await screenshot(page, 'walkthrough-1-section-error');
    // Nothing was saved: the validate-only save stopped every section.
    expect(((await (await h.signedFetch('/api/v1/syncs', PORTAL)).json()) as { syncs: unknown[] }).syncs).toEqual([]);

    await contacts.getByRole('button', { name: 'Edit' }).click();
    await contacts.getByLabel('HubSpot property').selectOption({ label: 'Job title' });
    await contacts.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('button', { name: 'Save and start sync' }).click();
    await page.getByTestId('first-sync-progress').waitFor(SLOW);
  }, 90_000);

  it('watches the first sync finish, then the object view counts open the record view', async () => {
    await page.getByText('First sync finished').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Go to CRM syncs' }).click();
    await page.getByRole('tab', { name: 'Object view' }).click();
    const failed = page.getByTestId('count-contacts-failed');
    await failed.waitFor(SLOW);
    expect(await failed.textContent()).toBe('1');
    expect(await page.getByTestId('count-contacts-synced').textContent()).toBe('2');
    expect(await page.getByTestId('count-products-synced').textContent()).toBe('2');
    await failed.click();
    await expect.poll(() => page.getByRole('tab', { name: 'Record view' }).getAttribute('aria-selected')).toBe('true');
    const row = page.getByRole('row', { name: /Ada/ });
    await row.waitFor(SLOW);
    expect(await page.getByTestId('records').getByRole('row').count()).toBe(2); // the header and the one failed record
  }, 150_000);

  it('opens a failed record’s activity, retries it, and exports the list as CSV', async () => {
    const row = page.getByRole('row', { name: /Ada/ });
    await row.getByRole('button', { name: 'Activity' }).click();
    await page.getByText(/already linked to QuickBooks customer/).first().waitFor(SLOW);
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Retry queued.').waitFor(SLOW);

    await page.getByRole('button', { name: 'Export these records' }).click();
    const download = page.getByRole('link', { name: /Download 1 records \(CSV\)/ });
    await download.waitFor(SLOW);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click({ modifiers: ['Alt'] })]);
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('Name');
    expect(csv).toMatch(/Ada (North|South)/);
    expect(await hostErrors(page)).toEqual([]);
    await screenshot(page, 'walkthrough-2-record-view');
  }, 60_000);

  it('a deal with a paid QuickBooks invoice: the payment card shows the invoice and its payment', async () => {
    const syncs = ((await (await h.signedFetch('/api/v1/syncs', PORTAL)).json()) as { syncs: Array<{ objectType: string; setupDate: string }> }).syncs;
    const invoices = syncs.find((s) => s.objectType === 'invoices')!;
    const created = await createBookkeeperInvoices(h.qbo.baseUrl, invoiceSetupNoon(new Date(invoices.setupDate)));
    const paid = created.invoices.filter((i) => created.payments.some((p) => p.invoiceId === i.id)).map((i) => i.docNumber);
    const { links } = await linkInvoicesToDeals(h.hubspot.baseUrl, paid.slice(0, 1));
    expect(links).toHaveLength(1);
    // The HubSpot invoice exists a moment before our record of it commits; the card shows what the API
    // says when the page opens, as a person opening the deal then would see it.
    await eventually(async () => {
      const body = (await (await h.signedFetch(`/api/v1/deals/${links[0]!.dealId}/payments`, PORTAL)).json()) as { invoices: Array<{ syncState: string; payments: unknown[] }> };
      return body.invoices.some((i) => i.syncState === 'synced' && i.payments.length > 0);
    }, 60_000);
    await page.goto(`${h.hubspot.baseUrl}/contacts/${PORTAL}/record/0-3/${links[0]!.dealId}`);
    const card = page.getByRole('region', { name: 'QuickBooks payment details' });
    await card.getByRole('heading', { name: `Invoice ${paid[0]}` }).waitFor(SLOW);
    expect(await card.getByText('Paid', { exact: true }).first().isVisible()).toBe(true);
    expect(await card.getByRole('cell', { name: 'Succeeded' }).count()).toBeGreaterThan(0);
    // The sync-status card loads on its own, after the payment card: wait for it rather than glance.
    await page.getByRole('region', { name: 'QuickBooks sync status' }).getByText('Synced').first().waitFor(SLOW);
    expect(await hostErrors(page)).toEqual([]);
    await screenshot(page, 'walkthrough-3-deal-card');
  }, 90_000);
});
