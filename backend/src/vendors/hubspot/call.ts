/**
 * How every HubSpot call is made: spend the shared rate budget, call through the official client with
 * a current token (one forced refresh on a 401), honour 429s by blocking the budget for every process,
 * retry 5xx and network failures with jittered exponential backoff, and turn any failure into a
 * HubSpotApiError. Neither tokens nor bodies are logged.
 */
import { Client } from '@hubspot/api-client';
import type { Knex } from '../../db/knex.ts';
import type { Logger } from '../../logger.ts';
import { backoffDelay, sleep, type BackoffPolicy } from '../backoff.ts';
import { acquireRateBudget, blockAfterThrottle, RateBudgetExhaustedError, RATE_BUDGETS, type RateBudgetSpec } from '../rate-budget.ts';
import { HubSpotApiError, hubspotErrorFromThrown } from './errors.ts';

export type HubSpotBucket = 'general' | 'search';

export interface HubSpotCallOptions {
  db: Knex;
  portalId: number;
  apiBaseUrl: string;
  accessToken(options: { force?: boolean }): Promise<string>;
  logger?: Logger;
  /** Override the budgets (tests; an account with other limits). */
  budgets?: Partial<Record<HubSpotBucket, RateBudgetSpec>>;
  /** Attempts for 5xx / network failures (default 5). */
  maxAttempts?: number;
  /** 429s tolerated within one call before giving up (default 8); each one blocks the budget first. */
  maxThrottles?: number;
  backoff?: BackoffPolicy;
  /** Longest wait for budget before failing the call as throttled (default 30 s). */
  maxBudgetWaitMs?: number;
}

export type HubSpotCall = <T>(what: string, bucket: HubSpotBucket, run: (client: Client) => Promise<T>) => Promise<T>;

export function createHubSpotCall(options: HubSpotCallOptions): HubSpotCall {
  const budgets: Record<HubSpotBucket, RateBudgetSpec> = { ...RATE_BUDGETS.hubspot, ...options.budgets };
  const maxAttempts = options.maxAttempts ?? 5;
  const maxThrottles = options.maxThrottles ?? 8;
  const backoff = options.backoff ?? { baseMs: 250, capMs: 10_000 };
  const maxBudgetWaitMs = options.maxBudgetWaitMs ?? 30_000;
  // One official client per access token: its APIs are built per instance, and the token changes rarely.
  let cached: { token: string; client: Client } | undefined;

  async function clientFor(force: boolean): Promise<Client> {
    let token: string;
    try {
      token = await options.accessToken({ force });
    } catch (err) {
      throw new HubSpotApiError(`No HubSpot access: ${err instanceof Error ? err.message : String(err)}`, 'auth', 401, undefined, undefined);
    }
    if (cached?.token !== token) {
      // numberOfApiCallRetries 0: the client's own retry waits 10 s per process and knows nothing of the shared budget.
      cached = { token, client: new Client({ accessToken: token, basePath: options.apiBaseUrl, numberOfApiCallRetries: 0 }) };
    }
    return cached.client;
  }

  async function spend(bucket: HubSpotBucket): Promise<void> {
    try {
      await acquireRateBudget(options.db, { portalId: options.portalId, vendor: 'hubspot', spec: budgets[bucket], maxWaitMs: maxBudgetWaitMs });
    } catch (err) {
      if (!(err instanceof RateBudgetExhaustedError)) throw err;
      throw new HubSpotApiError(err.message, 'throttled', 429, 'RATE_BUDGET', undefined, { retryAfterMs: err.retryAfterMs });
    }
  }

  return async function call<T>(what: string, bucket: HubSpotBucket, run: (client: Client) => Promise<T>): Promise<T> {
    let forceRefresh = false;
    let refreshed = false;
    let failures = 0;
    let throttles = 0;
    for (;;) {
      await spend(bucket);
      const client = await clientFor(forceRefresh);
      if (forceRefresh) refreshed = true;
      forceRefresh = false;
      let error: HubSpotApiError;
      try {
        return await run(client);
      } catch (err) {
        error = hubspotErrorFromThrown(err);
      }
      const log = { portalId: options.portalId, call: what, status: error.status, category: error.category };
      if (error.status === 401 && !refreshed) {
        forceRefresh = true;
        continue;
      }
      if (error.kind === 'throttled') {
        if (++throttles > maxThrottles) throw error;
        // The search limit is per second and separate; anything else hit the 10-second rolling budget.
        const throttledBucket: HubSpotBucket = error.throttle === 'secondly' ? 'search' : 'general';
        const spec = budgets[throttledBucket];
        await blockAfterThrottle(options.db, { portalId: options.portalId, vendor: 'hubspot', bucket: spec.bucket }, spec.throttledBlockMs);
        options.logger?.warn({ ...log, throttle: error.throttle, blockMs: spec.throttledBlockMs }, 'HubSpot rate limit hit: budget blocked, call will be retried');
        continue;
      }
      if (error.kind === 'unavailable' && ++failures < maxAttempts) {
        options.logger?.warn({ ...log, attempt: failures }, 'HubSpot call failed, will be retried');
        await sleep(backoffDelay(failures, backoff));
        continue;
      }
      throw error;
    }
  };
}
