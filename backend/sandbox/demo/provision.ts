/**
 * Registers our app with both emulators, the way an operator registers it with HubSpot and Intuit:
 * redirect URLs, scopes, webhook target and subscriptions (read from app/app/*-hsmeta.json, so the
 * sandbox subscribes exactly to what the uploaded project would).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const appMeta = z.object({ config: z.object({ name: z.string(), auth: z.object({ requiredScopes: z.array(z.string()) }) }) });
const webhooksMeta = z.object({
  config: z.object({
    subscriptions: z.object({
      crmObjects: z.array(z.object({ subscriptionType: z.string(), objectType: z.string(), propertyName: z.string().optional(), active: z.boolean() })).default([]),
      hubEvents: z.array(z.object({ subscriptionType: z.string(), active: z.boolean() })).default([]),
    }),
  }),
});

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8'));

export interface ProvisionedApps {
  hubspot: { appId: number; clientId: string; clientSecret: string };
  quickbooks: { clientId: string; clientSecret: string; verifierToken: string };
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function provisionApps(urls: { hubspot: string; quickbooks: string; publicBaseUrl: string }): Promise<ProvisionedApps> {
  const app = appMeta.parse(readJson('app/app/app-hsmeta.json'));
  const hooks = webhooksMeta.parse(readJson('app/app/webhooks/webhooks-hsmeta.json')).config.subscriptions;
  const subscriptions = [
    ...hooks.crmObjects.filter((s) => s.active).map((s) => ({ subscriptionType: s.subscriptionType, objectType: s.objectType, propertyName: s.propertyName })),
    ...hooks.hubEvents.filter((s) => s.active).map((s) => ({ subscriptionType: s.subscriptionType })),
  ];
  const hubspot = await post<{ appId: number; clientId: string; clientSecret: string }>(`${urls.hubspot}/_sandbox/apps`, {
    name: app.config.name,
    redirectUris: [`${urls.publicBaseUrl}/oauth/hubspot/callback`],
    scopes: app.config.auth.requiredScopes,
    webhookTargetUrl: `${urls.publicBaseUrl}/webhooks/hubspot`,
    subscriptions,
  });
  const verifierToken = randomBytes(24).toString('base64url');
  const quickbooks = await post<{ clientId: string; clientSecret: string }>(`${urls.quickbooks}/_sandbox/apps`, {
    name: app.config.name,
    redirectUris: [`${urls.publicBaseUrl}/oauth/quickbooks/callback`],
    webhook: { url: `${urls.publicBaseUrl}/webhooks/quickbooks`, verifierToken, batchWindowMs: 200 },
  });
  return {
    hubspot: { appId: hubspot.appId, clientId: hubspot.clientId, clientSecret: hubspot.clientSecret },
    quickbooks: { clientId: quickbooks.clientId, clientSecret: quickbooks.clientSecret, verifierToken },
  };
}

/** The configuration that points our service at the emulators and at the apps registered there. */
export function sandboxEnvOverrides(urls: { hubspot: string; quickbooks: string }, apps: ProvisionedApps): Record<string, string> {
  return {
    HUBSPOT_API_BASE_URL: urls.hubspot,
    HUBSPOT_AUTH_BASE_URL: urls.hubspot,
    HUBSPOT_APP_ID: String(apps.hubspot.appId),
    HUBSPOT_CLIENT_ID: apps.hubspot.clientId,
    HUBSPOT_CLIENT_SECRET: apps.hubspot.clientSecret,
    QBO_ENVIRONMENT: 'sandbox',
    QBO_API_BASE_URL: urls.quickbooks,
    QBO_OAUTH_AUTHORIZE_URL: `${urls.quickbooks}/oauth2/v1/authorize`,
    QBO_OAUTH_TOKEN_URL: `${urls.quickbooks}/oauth2/v1/tokens/bearer`,
    QBO_OAUTH_REVOKE_URL: `${urls.quickbooks}/oauth2/v1/tokens/revoke`,
    QBO_CLIENT_ID: apps.quickbooks.clientId,
    QBO_CLIENT_SECRET: apps.quickbooks.clientSecret,
    QBO_WEBHOOK_VERIFIER_TOKEN: apps.quickbooks.verifierToken,
  };
}
