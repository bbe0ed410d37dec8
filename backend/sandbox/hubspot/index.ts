/**
 * HubSpot API sandbox emulator: a local HTTP server that the official @hubspot/api-client can use
 * unchanged (`new Client({ accessToken, basePath: sandbox.baseUrl })`). See README.md.
 */
import { listen, notifyingWrites } from '../common/listen.ts';
import { createApp } from './server.ts';
import { HubSpotSandboxState } from './state/sandbox-state.ts';
import { WebhookDispatcher } from './webhooks/delivery.ts';

export interface HubSpotSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Access token lifetime; HubSpot's is 30 minutes. */
  tokenTtlSeconds?: number;
  /** State to serve (restored from a saved demo); a fresh, empty one otherwise. */
  state?: HubSpotSandboxState;
  /** Called after each answered request that may have changed the state (the demo saves it). */
  onWrite?: () => void;
  /** Scales every new account's rate limits (benchmarks only; README "Limits multiplier"). Default 1. */
  limitsMultiplier?: number;
}

export interface HubSpotSandbox {
  /** e.g. http://127.0.0.1:4010 — use as both the API base and the OAuth base URL. */
  baseUrl: string;
  port: number;
  state: HubSpotSandboxState;
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

export async function startHubSpotSandbox(opts: HubSpotSandboxOptions = {}): Promise<HubSpotSandbox> {
  const state = opts.state ?? new HubSpotSandboxState(opts.tokenTtlSeconds ?? 1800);
  if (opts.limitsMultiplier !== undefined) state.limitsMultiplier = opts.limitsMultiplier;
  const webhooks = new WebhookDispatcher(state);
  const server = await listen(notifyingWrites(createApp(state, webhooks), opts.onWrite), opts.port ?? 0, opts.host ?? '127.0.0.1').catch((err: unknown) => {
    webhooks.close();
    throw err;
  });
  return {
    baseUrl: server.url,
    port: server.port,
    state,
    webhooks,
    close: async () => {
      webhooks.close();
      await server.close();
    },
  };
}

export { HubSpotSandboxState, type RegisterAppInput, type SubscriptionInput } from './state/sandbox-state.ts';
export { HubSpotAccount, DEFAULT_LIMITS, type AccountLimits } from './state/account.ts';
export type { RegisteredApp, WebhookSubscription } from './state/apps.ts';
export type { CrmRecord } from './objects/collection.ts';
export { OBJECT_TYPES, OBJECT_TYPE_INFO, type ObjectType } from './objects/object-types.ts';
export { seedObjects, type SeedResult } from './control/seed.ts';
export { applyCreate, applyUpdate, applyArchive, planWrite, type WriteContext } from './objects/object-writes.ts';
export { CONTROL_SOURCE, type ChangeSource, type CrmChange } from './state/changes.ts';
export { ALL_SCOPES, defaultApp } from './control/default-app.ts';
export { WebhookDispatcher, type WebhookSettings, type DeliveryRecord } from './webhooks/delivery.ts';
export type { WebhookEvent } from './webhooks/event-builder.ts';
export type { AccessToken } from './oauth/token-store.ts';
