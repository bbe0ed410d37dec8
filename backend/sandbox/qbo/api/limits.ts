/**
 * QBO's throttles (reference §5, limits-and-throttles page): 500 requests per rolling minute per realm;
 * 10 requests per rolling second and at most 10 concurrent requests per realm **and app**; 40 batch
 * requests per minute per realm and app and 120 per realm (a batch is one request towards the others). All on by default,
 * each overridable per realm through the control API. A refused request gets 429 with the XML
 * ThrottleExceeded body QBO really sends (or the JSON variant, selectable).
 */
import { z } from 'zod';
import { ConcurrencyLimiter, RollingWindowLimiter } from '../../common/rate-limit.ts';

export const limitsSchema = z.strictObject({
  requestsPerMinute: z.number().int().min(1).default(500),
  /** Per realm and app: the 2016 concurrency policy, still enforced. */
  concurrent: z.number().int().min(1).default(10),
  /** Per realm and app. */
  batchPerMinute: z.number().int().min(1).default(40),
  /** Per realm, all apps together: "120 batch requests per minute per realm" (reference §4). */
  realmBatchPerMinute: z.number().int().min(1).default(120),
  /** Per realm and app, over a sliding second: "10 requests per second, per realm ID and app". */
  requestsPerSecond: z.number().int().min(1).default(10),
  throttleBody: z.enum(['xml', 'json']).default('xml'),
});

export type RealmLimits = z.infer<typeof limitsSchema>;

export class Throttle {
  private readonly perMinute = new RollingWindowLimiter(500, 60_000);
  private readonly batches = new RollingWindowLimiter(40, 60_000);
  private readonly realmBatches = new RollingWindowLimiter(120, 60_000);
  private readonly perSecond = new RollingWindowLimiter(10, 1_000);
  private readonly concurrency = new ConcurrencyLimiter(10);
  private readonly overrides = new Map<string, RealmLimits>();
  /** Keys of realm+app pairs seen per realm, so a reconfiguration resets them too. */
  private readonly appKeys = new Map<string, Set<string>>();

  private readonly defaults: RealmLimits;

  /** `multiplier` scales the default limits (benchmarks only, README "Limits multiplier"); 1 = QBO's own. */
  constructor(
    private readonly now: () => number,
    multiplier = 1,
  ) {
    const real = limitsSchema.parse({});
    const scale = (n: number) => Math.max(1, Math.round(n * multiplier));
    this.defaults = {
      ...real,
      requestsPerMinute: scale(real.requestsPerMinute),
      concurrent: scale(real.concurrent),
      batchPerMinute: scale(real.batchPerMinute),
      realmBatchPerMinute: scale(real.realmBatchPerMinute),
      requestsPerSecond: scale(real.requestsPerSecond),
    };
  }

  limits(realmId: string): RealmLimits {
    return this.overrides.get(realmId) ?? this.defaults;
  }

  configure(realmId: string, input: unknown): RealmLimits {
    const limits = limitsSchema.parse(input);
    this.overrides.set(realmId, limits);
    this.perMinute.reset(realmId);
    this.realmBatches.reset(realmId);
    for (const key of this.appKeys.get(realmId) ?? []) {
      this.batches.reset(key);
      this.perSecond.reset(key);
    }
    return limits;
  }

  /** Takes a slot for a request of `clientId` on `realmId`; returns the release function, or undefined when throttled. */
  admit(realmId: string, clientId: string, isBatch: boolean): (() => void) | undefined {
    const limits = this.limits(realmId);
    const appKey = `${realmId}\u0000${clientId}`;
    let keys = this.appKeys.get(realmId);
    if (!keys) this.appKeys.set(realmId, (keys = new Set()));
    keys.add(appKey);
    const release = this.concurrency.tryAcquire(appKey, limits.concurrent);
    if (!release) return undefined;
    const now = this.now();
    // Refused requests are not counted (each limiter only counts what it lets through), so check
    // the narrow windows first: a request refused by the second is not charged to the minute.
    if (!this.perSecond.take(appKey, limits.requestsPerSecond, now).allowed) {
      release();
      return undefined;
    }
    if (!this.perMinute.take(realmId, limits.requestsPerMinute, now).allowed) {
      release();
      return undefined;
    }
    if (isBatch && !this.batches.take(appKey, limits.batchPerMinute, now).allowed) {
      release();
      return undefined;
    }
    if (isBatch && !this.realmBatches.take(realmId, limits.realmBatchPerMinute, now).allowed) {
      release();
      return undefined;
    }
    return release;
  }
}
