/**
 * The per-account call budgets every worker shares (rows in Postgres, see db/rate-budgets.ts), and
 * waiting for one. Budgets sit a little under the vendors' published limits: other processes of ours
 * may have calls in flight when a window turns, and a fixed window lets a burst straddle its edge.
 */
import type { Knex } from '../db/knex.ts';
import { blockRateBudget, takeRateBudget, type RateBudgetKey, type RateVendor } from '../db/rate-budgets.ts';
import { jitteredWait, sleep } from './backoff.ts';

export interface RateBudgetSpec {
  bucket: string;
  /** Calls per window. */
  limit: number;
  windowMs: number;
  /** How long everyone backs off after a 429 on this bucket. */
  throttledBlockMs: number;
}

/**
 * HubSpot (../shared/reference/hubspot-platform.md §6): marketplace apps get 110 requests per rolling
 *   10 s per installing account, CRM search excluded and limited separately to 5/s (§5.5).
 * QuickBooks (../shared/reference/quickbooks-api.md §5): 500 requests per minute per realm, 10 per
 *   second per realm and app, 40 batch requests per minute per realm and app, "wait 60 seconds" after a 429.
 * The vendors count over *rolling* windows while our budget counts in fixed ones; a fixed window as
 * long as the vendor's lets twice the limit through around its edge (the contacts benchmark hit 429s
 * that way). Short windows bound that: any rolling 10 s spans at most 11 one-second windows, so
 * 9/s stays under 110 per 10 s (99); 5 per one-second window under QBO's 10 per *sliding* second
 * (a sliding second spans two fixed ones: 5 + 5) and under 500/min (305); one batch per 1.6 s under 40/min (a rolling minute spans at most 39 windows of 1.6 s: 39, where one per
 * 2 s left a batch-bound first sync at 30/min, a quarter under QBO's limit);
 * one search per 300 ms under 5/s (4).
 * A TEN_SECONDLY_ROLLING 429 blocks for the whole rolling window; a search 429 for 1 s.
 */
export const RATE_BUDGETS = {
  hubspot: {
    general: { bucket: 'default', limit: 9, windowMs: 1_000, throttledBlockMs: 10_000 },
    search: { bucket: 'search', limit: 1, windowMs: 300, throttledBlockMs: 1_000 },
  },
  quickbooks: {
    general: { bucket: 'default', limit: 5, windowMs: 1_000, throttledBlockMs: 60_000 },
    batch: { bucket: 'batch', limit: 1, windowMs: 1_600, throttledBlockMs: 60_000 },
  },
} as const satisfies Record<RateVendor, Record<string, RateBudgetSpec>>;

/**
 * A vendor's budgets with every limit times `multiplier` (VENDOR_LIMITS_MULTIPLIER: benchmarks against
 * emulators whose limits are scaled the same way). Windows and back-offs stay as they are.
 */
export function scaledRateBudgets<V extends RateVendor>(vendor: V, multiplier: number): (typeof RATE_BUDGETS)[V] {
  const budgets = RATE_BUDGETS[vendor];
  if (multiplier === 1) return budgets;
  const entries = Object.entries(budgets as Record<string, RateBudgetSpec>).map(([name, spec]) => [name, { ...spec, limit: Math.max(1, Math.floor(spec.limit * multiplier)) }]);
  return Object.fromEntries(entries) as (typeof RATE_BUDGETS)[V];
}

/** The budget could not be had within the allowed wait: retry the job later (after `retryAfterMs`). */
export class RateBudgetExhaustedError extends Error {
  readonly retryable = true;
  constructor(
    readonly key: RateBudgetKey,
    readonly retryAfterMs: number,
  ) {
    super(`${key.vendor} call budget (${key.bucket}) for account ${key.portalId} exhausted; retry in ${retryAfterMs} ms`);
    this.name = 'RateBudgetExhaustedError';
  }
}

export interface AcquireOptions {
  portalId: number;
  vendor: RateVendor;
  spec: Pick<RateBudgetSpec, 'bucket' | 'limit' | 'windowMs'>;
  cost?: number;
  /** Give up (RateBudgetExhaustedError) rather than wait longer than this in total. */
  maxWaitMs: number;
  random?: () => number;
}

/** Waits until the shared budget allows the call, then spends it. */
export async function acquireRateBudget(db: Knex, options: AcquireOptions): Promise<void> {
  const key: RateBudgetKey = { portalId: options.portalId, vendor: options.vendor, bucket: options.spec.bucket };
  const deadline = Date.now() + options.maxWaitMs;
  for (;;) {
    const decision = await takeRateBudget(db, { ...key, limit: options.spec.limit, windowMs: options.spec.windowMs, cost: options.cost ?? 1 });
    if (decision.allowed) return;
    const wait = jitteredWait(decision.waitMs, options.random);
    // Waiting past the deadline would only hold a worker slot: say so now, with when to come back.
    if (Date.now() + wait > deadline) throw new RateBudgetExhaustedError(key, wait);
    await sleep(wait);
  }
}

/** After a 429: every process waits `spec.throttledBlockMs` from now before spending this bucket again. */
export async function blockAfterThrottle(db: Knex, key: RateBudgetKey, blockMs: number): Promise<void> {
  await blockRateBudget(db, key, new Date(Date.now() + blockMs));
}
