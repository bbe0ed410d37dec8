/**
 * `npm start` with no credentials: both emulators on their ports, our app registered with them, a
 * demo HubSpot account and QuickBooks company seeded; once our service listens, the demo account
 * installs the app and connects QuickBooks through the real OAuth code paths (consent answered the
 * way a person's browser would), and the log says where to look.
 */
import { startHubSpotSandbox } from '../hubspot/index.ts';
import { hubspotSignedFetch } from '../hubspot/signed-fetch.ts';
import { startQboSandbox } from '../qbo/index.ts';
import { envToVariables, parseEnv, type Env } from '../../src/env.ts';
import type { Logger } from '../../src/logger.ts';
import { driveHubSpotInstall, driveQboConnect } from './consent-driver.ts';
import { seedDemoData, type DemoData } from './demo-data.ts';
import { provisionApps, sandboxEnvOverrides, type ProvisionedApps } from './provision.ts';

export interface DemoSandbox {
  env: Env;
  urls: { hubspot: string; quickbooks: string };
  apps: ProvisionedApps;
  data: DemoData;
  /** Installs the app in the demo account and connects the demo company, through our service at `serviceUrl`. */
  connect(serviceUrl: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoSandbox(env: Env, logger: Logger): Promise<DemoSandbox> {
  const hubspot = await startHubSpotSandbox({ port: env.SANDBOX_HUBSPOT_PORT });
  const quickbooks = await startQboSandbox({ port: env.SANDBOX_QBO_PORT });
  const urls = { hubspot: hubspot.baseUrl, quickbooks: quickbooks.baseUrl };
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`;
  const apps = await provisionApps({ ...urls, publicBaseUrl });
  const data = await seedDemoData(urls, apps.quickbooks.clientId);
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
      // The guided setup's "Save and start sync" with the recommended settings (R9), for the syncs available.
      const existing = (await (await signed('GET', '/api/v1/syncs')).json()) as { syncs: Array<{ objectType: string }> };
      if (!existing.syncs.some((s) => s.objectType === 'contacts')) {
        const created = await signed('POST', '/api/v1/syncs/contacts/recommended', {});
        if (!created.ok) throw new Error(`demo contacts sync setup failed (${created.status}): ${await created.text()}`);
        logger.info({ portalId: data.portalId }, 'demo contacts sync set up with the recommended settings; its first sync is running');
      }
    },
    close: async () => {
      await Promise.all([hubspot.close(), quickbooks.close()]);
    },
  };
}
