/**
 * `npm run screenshots`: the README's screenshots, made from the running demo. Starts the demo exactly as
 * `npm start` does (own throw-away embedded Postgres, emulators and service on free ports), then in Chromium:
 * the guided setup (a second HubSpot account installs the app and connects a QuickBooks company of its own
 * by clicking through the consents), the demo account's object view and record view, and the two cards on
 * the deal and contact pages the ready message names. Writes docs/screenshots/*.png.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../../test/helpers/browser.ts';
import { freePort } from '../common/free-port.ts';
import { parseEnv } from '../../src/env.ts';
import { createLogger } from '../../src/logger.ts';
import { startService } from '../../src/service.ts';
import { startDemoSandbox } from './start-demo.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const SECOND_PORTAL = 4_100_002;
const SECOND_REALM = '9341453100002';
const WAIT = { timeout: 60_000 };

async function shoot(page: Page, name: string, target?: ReturnType<Page['locator']>): Promise<void> {
  await page.waitForTimeout(400); // fonts and the last RPC round trips
  const path = join(OUT, `${name}.png`);
  if (target) await target.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hqs-screenshots-'));
  const env = parseEnv({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: String(await freePort()),
    SANDBOX_HUBSPOT_PORT: String(await freePort()),
    SANDBOX_QBO_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    EMBEDDED_PG_DIR: join(dataDir, 'postgres'),
    EXPORTS_DIR: join(dataDir, 'exports'),
    SANDBOX_DATA_DIR: join(dataDir, 'sandbox'),
    DATABASE_URL: '',
  });
  const logger = createLogger(env.LOG_LEVEL);
  const demo = await startDemoSandbox(env, logger, { databaseKnowsDemo: false });
  const service = await startService('all', demo.env, logger);
  const browser = await launchBrowser();
  try {
    const pages = await demo.connect(service.url!);
    await mkdir(OUT, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // The guided setup, as a new account sees it right after install and connect.
    await fetch(`${demo.urls.hubspot}/_sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ portalId: SECOND_PORTAL }) });
    await fetch(`${demo.urls.quickbooks}/_sandbox/companies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId: SECOND_REALM, companyName: 'Northwind Trail Gear', country: 'US', homeCurrency: 'USD' }) });
    await page.goto(`${service.url}/oauth/hubspot/install`);
    await page.selectOption('#portal_id', String(SECOND_PORTAL));
    await Promise.all([page.waitForURL(/general-settings/), page.click('#allow')]);
    await page.getByRole('button', { name: 'Connect QuickBooks' }).click(WAIT);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open QuickBooks to connect' }).click()]);
    await popup.check(`input[name="realmId"][value="${SECOND_REALM}"]`);
    await Promise.all([popup.waitForURL(/\/oauth\/quickbooks\/callback/), popup.click('#connect')]);
    await popup.close();
    await page.getByRole('button', { name: 'Contacts ⇄ Customers' }).waitFor(WAIT);
    await page.getByText('Before you sync').waitFor(WAIT);
    await shoot(page, 'guided-setup');

    // The demo account after its first syncs: object view, then the record view of its contacts.
    await page.goto(pages.settings);
    await page.getByRole('tab', { name: 'Object view' }).click(WAIT);
    await page.getByTestId('count-contacts-synced').waitFor(WAIT);
    await shoot(page, 'object-view');
    await page.getByTestId('count-invoices-synced').click();
    await page.getByTestId('records').waitFor(WAIT);
    await page.getByRole('button', { name: 'Activity' }).first().click();
    await page.getByTestId(/^activity-\d+$/).first().waitFor(WAIT);
    await shoot(page, 'record-view');

    if (pages.deal) {
      await page.goto(pages.deal);
      await page.getByRole('region', { name: 'QuickBooks payment details' }).getByRole('table').waitFor(WAIT);
      await shoot(page, 'deal-payment-card');
    }
    if (pages.contact) {
      await page.goto(pages.contact);
      await page.getByRole('region', { name: 'QuickBooks sync status' }).getByText('This contact').waitFor(WAIT);
      await shoot(page, 'contact-sync-status-card');
    }
  } finally {
    await browser.close();
    await service.stop();
    await demo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`screenshots failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
