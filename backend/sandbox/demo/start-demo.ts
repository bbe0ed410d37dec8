/**
 * `npm start` with no credentials: both emulators on their ports, our app registered with them, a
 * demo HubSpot account and QuickBooks company seeded; once our service listens, the demo account
 * installs the app and connects QuickBooks through the real OAuth code paths (consent answered the
 * way a person's browser would), sets up every recommended sync this build has (contacts, products,
 * invoices, payments), and the company's bookkeeper then creates a few invoices in QuickBooks, which the
 * invoices sync brings to HubSpot with their line items. The log says where to look.
 */
import { startHubSpotSandbox } from '../hubspot/index.ts';
import { hubspotSignedFetch } from '../hubspot/signed-fetch.ts';
import { startQboSandbox } from '../qbo/index.ts';
import { envToVariables, parseEnv, type Env } from '../../src/env.ts';
import type { Logger } from '../../src/logger.ts';
import { driveHubSpotInstall, driveQboConnect } from './consent-driver.ts';
import { createBookkeeperInvoices, linkInvoicesToDeals, seedDemoData, type DemoData, type LinkedDeals } from './demo-data.ts';
import { provisionApps, sandboxEnvOverrides, type ProvisionedApps } from './provision.ts';
import { invoiceSetupNoon } from '@quickbooks-sync/contract/definitions';

/** The syncs the demo sets up, in the order the guided setup walks through them. */
export const DEMO_SYNCS = ['contacts', 'products', 'invoices', 'payments'] as const;
const PRODUCTS_FIRST_SYNC_WAIT_MS = 60_000;

interface SyncView {
  objectType: string;
  setupDate: string;
  firstSyncCompletedAt: string | null;
}

/** Waits (up to `timeoutMs`) for the object's first sync; false when it is still running then. */
async function firstSyncCompleted(syncs: () => Promise<SyncView[]>, objectType: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sync = (await syncs()).find((s) => s.objectType === objectType);
    if (!sync || sync.firstSyncCompletedAt) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The HubSpot emulator pages a person opens first: the app's settings, a deal with invoices, that invoice's contact. */
export interface DemoPages {
  settings: string;
  deal: string | null;
  contact: string | null;
}

export interface DemoSandbox {
  env: Env;
  urls: { hubspot: string; quickbooks: string };
  apps: ProvisionedApps;
  data: DemoData;
  /** Installs the app in the demo account and connects the demo company, through our service at `serviceUrl`. */
  connect(serviceUrl: string): Promise<DemoPages>;
  close(): Promise<void>;
}

export async function startDemoSandbox(env: Env, logger: Logger): Promise<DemoSandbox> {
  const hubspot = await startHubSpotSandbox({ port: env.SANDBOX_HUBSPOT_PORT });
  const quickbooks = await startQboSandbox({ port: env.SANDBOX_QBO_PORT });
  const urls = { hubspot: hubspot.baseUrl, quickbooks: quickbooks.baseUrl };
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`;
  const apps = await provisionApps({ ...urls, publicBaseUrl });
  const data = await seedDemoData(urls, quickbooks.state.clock);
  logger.info({ hubspotEmulator: urls.hubspot, quickbooksEmulator: urls.quickbooks, demo: data }, 'sandbox mode (no HubSpot credentials set): emulators started and seeded');
  const sandboxEnv = parseEnv({ ...process.env, ...envToVariables(env), ...sandboxEnvOverrides(urls, apps), PUBLIC_BASE_URL: publicBaseUrl });

  return {
    env: sandboxEnv,
    urls,
    apps,
    data,
    connect: async (serviceUrl) => {
      const signed = (method: 'GET' | 'POST', path: string, body?: unknown) =>
        hubspotSignedFetch(`${serviceUrl}${path}?portalId=${data.portalId}`, { method, body, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
      const install = await driveHubSpotInstall(`${serviceUrl}/oauth/hubspot/install`, data.portalId);
      if (install.status !== 302) throw new Error(`demo install failed (${install.status}): ${install.body.slice(0, 300)}`);
      logger.info({ portalId: data.portalId, settingsPage: install.location }, 'demo HubSpot account installed the app (OAuth install flow)');
      const link = await signed('POST', '/api/v1/quickbooks/connect-link', { replace: true });
      if (!link.ok) throw new Error(`demo connect link failed (${link.status}): ${await link.text()}`);
      const { url } = (await link.json()) as { url: string };
      const connected = await driveQboConnect(url, data.realmId);
      if (connected.status !== 200) throw new Error(`demo QuickBooks connect failed (${connected.status}): ${connected.body.slice(0, 300)}`);
      logger.info({ portalId: data.portalId, realmId: data.realmId }, 'demo QuickBooks company connected (Intuit OAuth flow)');
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
      if (!invoicesSync) return pages;
      // The bookkeeper invoices once the items are in HubSpot, so the new invoices' line items point to products.
      const productsReady = await firstSyncCompleted(syncs, 'products', PRODUCTS_FIRST_SYNC_WAIT_MS);
      if (!productsReady) logger.warn({ waitedMs: PRODUCTS_FIRST_SYNC_WAIT_MS }, "demo products sync's first sync is still running; the new invoices' lines may not point to products yet");
      const cutoff = invoiceSetupNoon(new Date(invoicesSync.setupDate));
      const created = await createBookkeeperInvoices(urls.quickbooks, cutoff);
      logger.info(
        { portalId: data.portalId, invoices: created.invoices.map((i) => i.docNumber), payments: created.payments.length, quickbooksClockAdvancedMs: created.clockAdvancedMs || undefined },
        `demo bookkeeper created ${created.invoices.length} QuickBooks invoices after the invoices sync's start (created after ${cutoff.toISOString()}, R9) and took payment of ${created.payments.length}; they sync to HubSpot with their line items`,
      );
      const paid = created.invoices.filter((i) => created.payments.some((p) => p.invoiceId === i.id)).map((i) => i.docNumber);
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
      return pages;
    },
    close: async () => {
      await Promise.all([hubspot.close(), quickbooks.close()]);
    },
  };
}
