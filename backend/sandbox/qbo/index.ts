/**
 * QuickBooks Online (Accounting API v3) + Intuit OAuth sandbox emulator.
 * API base: `${baseUrl}/v3/company/{realmId}/…`; OAuth: `${baseUrl}/oauth2/v1/authorize`,
 * `${baseUrl}/oauth2/v1/tokens/bearer`, `${baseUrl}/oauth2/v1/tokens/revoke`; control API: `${baseUrl}/_sandbox/…`.
 */
import { listen, notifyingWrites } from '../common/listen.ts';
import { createApp, createServices, type QboServices } from './server.ts';
import { QboState } from './state/store.ts';

export interface QboSandboxUrls {
  /** Pass as OAuthClient.authorizeEndpoint (intuit-oauth). */
  authorize: string;
  /** Pass as OAuthClient.tokenEndpoint. */
  token: string;
  /** Pass as OAuthClient.revokeEndpoint. */
  revoke: string;
  /** Accounting API base with trailing slash (OAuthClient.environment.sandbox / production). */
  api: string;
  /** node-quickbooks' QuickBooks.V3_ENDPOINT_BASE_URL. */
  v3CompanyBase: string;
}

export interface QboSandbox {
  baseUrl: string;
  urls: QboSandboxUrls;
  state: QboState;
  services: QboServices;
  close(): Promise<void>;
}

export interface QboSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** State to serve (restored from a saved demo); a fresh, empty one otherwise. */
  state?: QboState;
  /** Called after each answered request that may have changed the state (the demo saves it). */
  onWrite?: () => void;
  /** Scales the default throttles of every realm (benchmarks only; README "Limits multiplier"). Default 1. */
  limitsMultiplier?: number;
}

export async function startQboSandbox(opts: QboSandboxOptions = {}): Promise<QboSandbox> {
  const services = createServices(opts.state ?? new QboState(), opts.limitsMultiplier);
  const server = await listen(notifyingWrites(createApp(services), opts.onWrite), opts.port ?? 0, opts.host ?? '127.0.0.1').catch((err: unknown) => {
    services.webhooks.close();
    throw err;
  });
  const baseUrl = server.url;
  return {
    baseUrl,
    urls: {
      authorize: `${baseUrl}/oauth2/v1/authorize`,
      token: `${baseUrl}/oauth2/v1/tokens/bearer`,
      revoke: `${baseUrl}/oauth2/v1/tokens/revoke`,
      api: `${baseUrl}/`,
      v3CompanyBase: `${baseUrl}/v3/company/`,
    },
    state: services.state,
    services,
    close: async () => {
      services.webhooks.close();
      await server.close();
    },
  };
}

export { randomToken } from './state/store.ts';
export { QboState };
export type { SandboxApp, WebhookConfig, CreateCompanyInput, Grant } from './state/store.ts';
export { Company } from './state/company.ts';
export type { EntityName, QboEntity, CompanySettings, CompanyPreferencesInput, EntityChange } from './state/types.ts';
export { seedCompany, type SeedRequest, type SeedResult } from './control/seed.ts';
export { createGrant, issueTokens, type TokenResponse } from './oauth/tokens.ts';
export { intuitSignature, type CloudEvent } from './webhooks/cloud-event.ts';
export type { RealmLimits } from './api/limits.ts';
