/**
 * `npm start` with no credentials: both emulators on their ports, our app registered with them, a
 * demo HubSpot account and QuickBooks company seeded; once our service listens, the demo account
 * installs the app and connects QuickBooks through the real OAuth code paths (consent answered the
 * way a person's browser would), sets up every recommended sync this build has (contacts, products,
 * invoices, payments), and the company's bookkeeper then creates a few invoices in QuickBooks, which the
 * invoices sync brings to HubSpot with their line items. The log says where to look.
 *
 * A second `npm start` carries on with the same demo: the emulators' state is saved under
 * SANDBOX_DATA_DIR (persistence/sandbox-store.ts) and restored, every step already done (install,
 * connect, syncs, the bookkeeper's invoices) is kept, and what was synced stays synced. The emulators
 * and the database are one demo: saved emulator state that this database never saw (a new database)
 * is set aside and the demo starts afresh; a database that knows the demo without its emulator state
 * is refused with one line, since re-seeded emulators would not hold what the database links to.
 */
import { rename } from 'node:fs/promises';
import pg from 'pg';
import { startHubSpotSandbox, type HubSpotSandbox } from '../hubspot/index.ts';
import { HubSpotSandboxState } from '../hubspot/state/sandbox-state.ts';
import { hubspotSignedFetch } from '../hubspot/signed-fetch.ts';
import { startQboSandbox, type QboSandbox } from '../qbo/index.ts';
import { QboState } from '../qbo/state/store.ts';
import { envToVariables, parseEnv, type Env } from '../../src/env.ts';
import type { Logger } from '../../src/logger.ts';
import { StartupError, listenError, throwIfAborted } from '../../src/startup-error.ts';
import { driveHubSpotInstall, driveQboConnect } from './consent-driver.ts';
import { createBookkeeperInvoices, DEMO_PORTAL_ID, linkInvoicesToDeals, seedDemoData, type DemoData, type LinkedDeals } from './demo-data.ts';
import { provisionApps, sandboxEnvOverrides, type ProvisionedApps } from './provision.ts';
import { connectVatDemo } from './demo-vat.ts';
import { invoiceSetupNoon } from '@quickbooks-sync/contract/definitions';
import { SandboxAutoSave, loadSandbox, sandboxStateFile, saveSandbox } from '../persistence/sandbox-store.ts';

/** The syncs the demo sets up, in the order the guided setup walks through them. */
export const DEMO_SYNCS = ['contacts', 'products', 'invoices', 'payments'] as const;
const PRODUCTS_FIRST_SYNC_WAIT_MS = 60_000;
/** The bookkeeper's invoices are numbered DEMO-1001…; finding one means that step was done. */
const BOOKKEEPER_DOC_PREFIX = 'DEMO-';

interface SyncView {
  objectType: string;
  setupDate: string;
  firstSyncCompletedAt: string | null;
}

/** What the demo provisioned, saved with the emulators' state. */
interface DemoRecord {
  apps: ProvisionedApps;
  data: DemoData;
  createdAt: string;
}

/** Waits (up to `timeoutMs`) for the object's first sync; false when it is still running then. */
async function firstSyncCompleted(syncs: () => Promise<SyncView[]>, objectType: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    throwIfAborted(signal);
    const sync = (await syncs()).find((s) => s.objectType === objectType);
    if (!sync || sync.firstSyncCompletedAt) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The HubSpot emulator pages a person opens first: the app's settings, a deal with invoices, that invoice's contact; the UK account's invoice with VAT. */
export interface DemoPages {
  settings: string;
  deal: string | null;
  contact: string | null;
  vatInvoice?: string | null;
}

/** True when the database has seen the demo account (its installation row, whatever its status). */
export async function databaseKnowsDemo(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ known: boolean }>(`select to_regclass('hubspot_installations') is not null as known`);
    if (!rows[0]?.known) return false;
    return ((await client.query('select 1 from hubspot_installations where portal_id = $1', [DEMO_PORTAL_ID])).rowCount ?? 0) > 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface DemoSandbox {
  env: Env;
  urls: { hubspot: string; quickbooks: string };
  apps: ProvisionedApps;
  data: DemoData;
  /** True when this run carries on with the emulator state of an earlier one. */
  restored: boolean;
  /** Installs the app in the demo account and connects the demo company, through our service at `serviceUrl` (steps already done are kept). */
  connect(serviceUrl: string, signal?: AbortSignal): Promise<DemoPages>;
  /** Stops both emulators and saves their state. */
  close(): Promise<void>;
}

export interface DemoStartOptions {
  /** The URL our service is reached at (redirect URLs and webhook targets name it). */
  publicBaseUrl?: string;
  /** Whether the service's database already knows the demo account (databaseKnowsDemo). */
  databaseKnowsDemo: boolean;
  signal?: AbortSignal;
}

async function startEmulators(env: Env, restored: { hubspot?: HubSpotSandboxState; quickbooks?: QboState }, onWrite: () => void): Promise<{ hubspot: HubSpotSandbox; quickbooks: QboSandbox }> {
  const host = '127.0.0.1';
  const hubspot = await startHubSpotSandbox({ port: env.SANDBOX_HUBSPOT_PORT, host, state: restored.hubspot, onWrite }).catch((err: unknown) => {
    throw listenError(err, { port: env.SANDBOX_HUBSPOT_PORT, host, variable: 'SANDBOX_HUBSPOT_PORT', what: 'the HubSpot emulator' });
  });
  const quickbooks = await startQboSandbox({ port: env.SANDBOX_QBO_PORT, host, state: restored.quickbooks, onWrite }).catch(async (err: unknown) => {
    await hubspot.close();
    throw listenError(err, { port: env.SANDBOX_QBO_PORT, host, variable: 'SANDBOX_QBO_PORT', what: 'the QuickBooks emulator' });
  });
  return { hubspot, quickbooks };
}

/** The apps registered in an earlier run point at this run's address (PORT may have changed). */
function repointApps(hubspot: HubSpotSandbox, quickbooks: QboSandbox, apps: ProvisionedApps, publicBaseUrl: string): void {
  const hubspotApp = hubspot.state.apps.get(apps.hubspot.appId);
  const qboApp = quickbooks.state.apps.get(apps.quickbooks.clientId);
  if (!hubspotApp || !qboApp) throw new StartupError(`the saved emulator state does not hold the demo's apps; delete SANDBOX_DATA_DIR (.data/sandbox) and the demo's database to start the demo afresh.`);
  hubspotApp.redirectUris = [`${publicBaseUrl}/oauth/hubspot/callback`];
  hubspotApp.webhooks.targetUrl = `${publicBaseUrl}/webhooks/hubspot`;
  qboApp.redirectUris = [`${publicBaseUrl}/oauth/quickbooks/callback`];
  if (qboApp.webhook) qboApp.webhook.url = `${publicBaseUrl}/webhooks/quickbooks`;
}

export async function startDemoSandbox(env: Env, logger: Logger, options: DemoStartOptions): Promise<DemoSandbox> {
  const dir = env.SANDBOX_DATA_DIR;
  const publicBaseUrl = options.publicBaseUrl ?? `http://${env.HOST}:${env.PORT}`;
  let saved = await loadSandbox<DemoRecord>(dir, { hubspot: new HubSpotSandboxState(1800), quickbooks: new QboState() });
  if (saved && !options.databaseKnowsDemo) {
    // Kept aside, not overwritten: pointing DATABASE_URL elsewhere for a while must not cost the other demo.
    const setAside = `${sandboxStateFile(dir)}.${saved.savedAt.replace(/[:.]/g, '-')}.set-aside`;
    await rename(sandboxStateFile(dir), setAside);
    logger.info({ setAside, savedAt: saved.savedAt }, 'the saved emulator state belongs to a database this run does not use (a new database): it is set aside and the demo starts afresh');
    saved = undefined;
  }
  if (!saved && options.databaseKnowsDemo) {
    throw new StartupError(
      `the database knows the demo account from an earlier run, but the emulators' saved state (${sandboxStateFile(dir)}, SANDBOX_DATA_DIR) is missing: re-seeded emulators would not hold what the database links to. Delete the demo's database (.data/postgres, or use a new DATABASE_URL) to start the demo afresh, or restore that file.`,
    );
  }

  let autoSave: SandboxAutoSave | undefined;
  const { hubspot, quickbooks } = await startEmulators(env, { hubspot: saved?.hubspot, quickbooks: saved?.quickbooks }, () => autoSave?.touch());
  const urls = { hubspot: hubspot.baseUrl, quickbooks: quickbooks.baseUrl };
  const closeEmulators = () => Promise.all([hubspot.close(), quickbooks.close()]);
  let record: DemoRecord;
  try {
    if (saved) {
      record = saved.demo;
      repointApps(hubspot, quickbooks, record.apps, publicBaseUrl);
      logger.info({ hubspotEmulator: urls.hubspot, quickbooksEmulator: urls.quickbooks, savedState: sandboxStateFile(dir), savedAt: saved.savedAt, demoCreatedAt: record.createdAt }, 'sandbox mode (no HubSpot credentials set): emulators started with the demo saved by the earlier run');
    } else {
      const apps = await provisionApps({ ...urls, publicBaseUrl });
      throwIfAborted(options.signal);
      const data = await seedDemoData(urls, quickbooks.state.clock);
      record = { apps, data, createdAt: new Date().toISOString() };
      logger.info({ hubspotEmulator: urls.hubspot, quickbooksEmulator: urls.quickbooks, demo: data, savedState: sandboxStateFile(dir) }, 'sandbox mode (no HubSpot credentials set): emulators started and seeded');
    }
    const demoRecord = record;
    autoSave = new SandboxAutoSave(
      () => saveSandbox(dir, { hubspot: hubspot.state, quickbooks: quickbooks.state, demo: demoRecord }),
      (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not save the emulators’ state; will try again after the next write'),
    );
    autoSave.touch();
    await autoSave.flush();
  } catch (err) {
    await closeEmulators();
    throw err;
  }
  const { apps, data } = record;
  const sandboxEnv = parseEnv({ ...process.env, ...envToVariables(env), ...sandboxEnvOverrides(urls, apps), PUBLIC_BASE_URL: publicBaseUrl });
  const save = autoSave;
  // The UK account (R22: invoices with VAT) once the main demo account is done; its trouble never stops the main demo.
  const withVatDemo = async (pages: DemoPages, serviceUrl: string, signal?: AbortSignal): Promise<DemoPages> => {
    try {
      return { ...pages, vatInvoice: await connectVatDemo({ serviceUrl, urls, apps, quickbooks, logger, ...(signal ? { signal } : {}) }) };
    } catch (err) {
      if (signal?.aborted) throw err;
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'demo UK account (invoices with VAT) could not be set up; the main demo account is unaffected');
      return pages;
    }
  };

  return {
    env: sandboxEnv,
    urls,
    apps,
    data,
    restored: saved !== undefined,
    connect: async (serviceUrl, signal) => {
      const signed = (method: 'GET' | 'POST', path: string, body?: unknown) =>
        hubspotSignedFetch(`${serviceUrl}${path}?portalId=${data.portalId}`, { method, body, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
      const status = await signed('GET', '/api/v1/connection');
      const connection = status.ok ? ((await status.json()) as { installation: { status: string }; quickbooks: { status: string; realmId: string } | null }) : undefined;
      if (connection?.installation.status === 'active') {
        logger.info({ portalId: data.portalId }, 'demo HubSpot account: the app is installed (kept from an earlier run)');
      } else {
        const install = await driveHubSpotInstall(`${serviceUrl}/oauth/hubspot/install`, data.portalId);
        if (install.status !== 302) throw new Error(`demo install failed (${install.status}): ${install.body.slice(0, 300)}`);
        logger.info({ portalId: data.portalId, settingsPage: install.location }, 'demo HubSpot account installed the app (OAuth install flow)');
      }
      throwIfAborted(signal);
      if (connection?.quickbooks?.status === 'connected' && connection.quickbooks.realmId === data.realmId) {
        logger.info({ portalId: data.portalId, realmId: data.realmId }, 'demo QuickBooks company: connected (kept from an earlier run)');
      } else {
        const link = await signed('POST', '/api/v1/quickbooks/connect-link', { replace: true });
        if (!link.ok) throw new Error(`demo connect link failed (${link.status}): ${await link.text()}`);
        const { url } = (await link.json()) as { url: string };
        const connected = await driveQboConnect(url, data.realmId);
        if (connected.status !== 200) throw new Error(`demo QuickBooks connect failed (${connected.status}): ${connected.body.slice(0, 300)}`);
        logger.info({ portalId: data.portalId, realmId: data.realmId }, 'demo QuickBooks company connected (Intuit OAuth flow)');
      }
      throwIfAborted(signal);
      // The guided setup's "Save and start sync" with the recommended settings (R9), object by object in the
      // order a person goes through them; an object whose sync does not exist yet in this build is skipped.
      const syncs = async () => ((await (await signed('GET', '/api/v1/syncs')).json()) as { syncs: SyncView[] }).syncs;
      const existing = await syncs();
      for (const objectType of DEMO_SYNCS) {
        if (existing.some((s) => s.objectType === objectType)) {
          logger.info({ portalId: data.portalId, objectType }, `demo ${objectType} sync already set up (kept from an earlier run)`);
          continue;
        }
        const created = await signed('POST', `/api/v1/syncs/${objectType}/recommended`, {});
        if (created.status === 400) {
          const answer = (await created.json()) as { error?: { message?: string } };
          logger.info({ portalId: data.portalId, objectType, reason: answer.error?.message }, `demo ${objectType} sync skipped: not available in this build`);
          continue;
        }
        if (!created.ok) throw new Error(`demo ${objectType} sync setup failed (${created.status}): ${await created.text()}`);
        logger.info({ portalId: data.portalId, objectType }, `demo ${objectType} sync set up with the recommended settings; its first sync is running`);
      }

      const hubspotPage = (path: string) => `${urls.hubspot}${path}`;
      const pages: DemoPages = { settings: hubspotPage(`/integrations-settings/${data.portalId}/installed/framework/${apps.hubspot.appId}/general-settings`), deal: null, contact: null };
      const invoicesSync = (await syncs()).find((s) => s.objectType === 'invoices');
      if (!invoicesSync) return withVatDemo(pages, serviceUrl, signal);
      const company = quickbooks.state.company(data.realmId);
      const bookkeepers = [...(company?.collection('Invoice').values() ?? [])].filter((i) => typeof i.DocNumber === 'string' && i.DocNumber.startsWith(BOOKKEEPER_DOC_PREFIX));
      let paid: string[];
      if (bookkeepers.length > 0) {
        logger.info({ portalId: data.portalId }, "demo bookkeeper's invoices already in QuickBooks (kept from an earlier run)");
        // Associating again is a PUT (idempotent): the pages below still point at a deal with invoices.
        paid = bookkeepers.filter((i) => Number(i.Balance) < Number(i.TotalAmt)).map((i) => String(i.DocNumber));
      } else {
        // The bookkeeper invoices once the items are in HubSpot, so the new invoices' line items point to products.
        const productsReady = await firstSyncCompleted(syncs, 'products', PRODUCTS_FIRST_SYNC_WAIT_MS, signal);
        if (!productsReady) logger.warn({ waitedMs: PRODUCTS_FIRST_SYNC_WAIT_MS }, "demo products sync's first sync is still running; the new invoices' lines may not point to products yet");
        const cutoff = invoiceSetupNoon(new Date(invoicesSync.setupDate));
        const created = await createBookkeeperInvoices(urls.quickbooks, cutoff);
        logger.info(
          { portalId: data.portalId, invoices: created.invoices.map((i) => i.docNumber), payments: created.payments.length, quickbooksClockAdvancedMs: created.clockAdvancedMs || undefined },
          `demo bookkeeper created ${created.invoices.length} QuickBooks invoices after the invoices sync's start (created after ${cutoff.toISOString()}, R9) and took payment of ${created.payments.length}; they sync to HubSpot with their line items`,
        );
        paid = created.invoices.filter((i) => created.payments.some((p) => p.invoiceId === i.id)).map((i) => i.docNumber);
      }
      const linked: LinkedDeals = await linkInvoicesToDeals(urls.hubspot, paid);
      if (linked.links.length < paid.length) logger.warn({ invoices: paid, linked: linked.links.length }, 'demo: not every paid invoice reached HubSpot within a minute, so not every one is linked to a deal');
      logger.info({ portalId: data.portalId, links: linked.links.map((l) => `${l.invoiceNumber} → deal ${l.dealId} (${l.dealName})`) }, 'demo HubSpot user associated the paid invoices with deals: their payment cards show the invoices and payments');
      const first = linked.links[0];
      if (first) {
        pages.deal = hubspotPage(`/contacts/${data.portalId}/record/0-3/${first.dealId}`);
        if (first.contactId) pages.contact = hubspotPage(`/contacts/${data.portalId}/record/0-1/${first.contactId}`);
      }
      if (!pages.contact) {
        // The invoice's billing contact may not be associated yet: any contact the sync linked to a customer shows the card.
        const contacts = (await (await fetch(`${urls.hubspot}/_sandbox/accounts/${data.portalId}/objects/contacts?limit=1000`)).json()) as { results: Array<{ id: string; properties: Record<string, string | null> }> };
        const linkedContact = contacts.results.find((c) => c.properties.qbo_customer_id);
        if (linkedContact) pages.contact = hubspotPage(`/contacts/${data.portalId}/record/0-1/${linkedContact.id}`);
      }
      return withVatDemo(pages, serviceUrl, signal);
    },
    close: async () => {
      await closeEmulators();
      save.touch();
      await save.flush();
    },
  };
}
