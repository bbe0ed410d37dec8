/**
 * The whole app as it runs in production, against the sandbox emulators: its own database, both
 * emulators on random ports with our app registered, and the service (web + worker) listening on a
 * port known in advance (redirect URLs must name it).
 */
import type { HubSpotSandbox } from '../../backend/sandbox/hubspot/index.ts';
import { hubspotSignedFetch } from '../../backend/sandbox/hubspot/signed-fetch.ts';
import type { QboSandbox } from '../../backend/sandbox/qbo/index.ts';
import type { ProvisionedApps } from '../../backend/sandbox/demo/provision.ts';
import { startSandboxedApp } from '../../backend/sandbox/demo/sandboxed-app.ts';
import { driveHubSpotInstall, driveQboConnect, type HandOffResult } from '../../backend/sandbox/demo/consent-driver.ts';
import type { AppContext } from '../../backend/src/jobs/context.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { TEST_VARIABLES } from './env.ts';
import { capturingLogger } from './logs.ts';

export interface AppHarness {
  url: string;
  ctx: AppContext;
  db: TestDatabase;
  hubspot: HubSpotSandbox;
  qbo: QboSandbox;
  apps: ProvisionedApps;
  logs: () => string;
  /** A signed request as HubSpot's hubspot.fetch sends it for `portalId`. */
  signedFetch(path: string, portalId: number, options?: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; timestamp?: number }): Promise<Response>;
  /** Creates the HubSpot account in the emulator (if needed) and installs the app through the OAuth flow. */
  install(portalId: number): Promise<HandOffResult>;
  /** Creates a QBO company (if needed) and connects it to `portalId` through the Intuit flow. */
  connect(portalId: number, realmId: string, company?: { country?: string; companyName?: string; homeCurrency?: string }, options?: { replace?: boolean }): Promise<HandOffResult>;
  close(): Promise<void>;
}

/**
 * `mode: 'web'`: no worker, so a test drives sync passes itself. `webhooks: false`: the HubSpot emulator
 * sends our app no webhooks (such tests decide when each record is synced).
 */
export async function startAppHarness(overrides: Record<string, string> = {}, options: { mode?: 'all' | 'web'; webhooks?: boolean } = {}): Promise<AppHarness> {
  const db = await createTestDatabase();
  const logs = capturingLogger('info');
  const app = await startSandboxedApp({
    env: {
      ...TEST_VARIABLES,
      DATABASE_URL: db.url,
      WORKER_CONCURRENCY: '2',
      WORKER_POLL_INTERVAL_SECONDS: '0.5',
      ...overrides,
    },
    logger: logs.logger,
    mode: options.mode ?? 'all',
  });
  const { url, service, hubspot, qbo, apps } = app;
  if (options.webhooks === false) {
    const res = await fetch(`${hubspot.baseUrl}/_sandbox/apps/${apps.hubspot.appId}/webhooks`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ targetUrl: null }) });
    if (!res.ok) throw new Error(`turning webhooks off answered ${res.status}`);
  }

  const signedFetch: AppHarness['signedFetch'] = (path, portalId, options = {}) => {
    const separator = path.includes('?') ? '&' : '?';
    return hubspotSignedFetch(`${url}${path}${separator}portalId=${portalId}`, { clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId, ...options });
  };

  return {
    url,
    ctx: service.ctx,
    db,
    hubspot,
    qbo,
    apps,
    logs: logs.output,
    signedFetch,
    install: async (portalId) => {
      if (!hubspot.state.account(portalId)) hubspot.state.createAccount(portalId);
      return driveHubSpotInstall(`${url}/oauth/hubspot/install`, portalId);
    },
    connect: async (portalId, realmId, company = {}, options = {}) => {
      if (!qbo.state.companies.has(realmId)) qbo.state.createCompany({ realmId, companyName: company.companyName ?? `Company ${realmId}`, country: company.country ?? 'US', homeCurrency: company.homeCurrency });
      const link = await signedFetch('/api/v1/quickbooks/connect-link', portalId, { method: 'POST', body: { replace: options.replace ?? false } });
      if (!link.ok) throw new Error(`connect-link answered ${link.status}: ${await link.text()}`);
      const { url: connectUrl } = (await link.json()) as { url: string };
      return driveQboConnect(connectUrl, realmId);
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export { eventually } from './eventually.ts';
