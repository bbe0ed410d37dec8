/**
 * Vendor call budgets shared by every worker process on every machine: one row per
 * (account, vendor, bucket) counting the calls spent in the current fixed window, plus a
 * `blocked_until` set after a 429 so that every process backs off, not only the one that was told.
 */
import type { Knex } from './knex.ts';

export const VENDOR_RATE_BUDGETS = 'vendor_rate_budgets';

export type RateVendor = 'hubspot' | 'quickbooks';

export interface RateBudgetKey {
  portalId: number;
  vendor: RateVendor;
  bucket: string;
}

export interface RateBudgetTake extends RateBudgetKey {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
  /** How many calls this take spends (default 1). */
  cost?: number;
}

export type RateBudgetDecision = { allowed: true } | { allowed: false; waitMs: number };

/** When the row says "wait" but the numbers have already moved on (a concurrent reset), try again soon. */
const MIN_WAIT_MS = 10;

/**
 * Spends `cost` from the budget if it fits, in one statement: the upsert's conflict branch restarts the
 * window when it has passed, and its WHERE refuses (no row returned) when the budget is blocked or spent.
 * Concurrent takes serialise on the row lock, so the budget is never overspent. A refusal then reads the
 * row afresh (the statement's own snapshot predates the takes it waited for) to say how long to wait.
 */
export async function takeRateBudget(db: Knex, take: RateBudgetTake): Promise<RateBudgetDecision> {
  const cost = take.cost ?? 1;
  const params = { portalId: take.portalId, vendor: take.vendor, bucket: take.bucket, cost, limit: take.limit, windowSeconds: take.windowMs / 1000 };
  const taken = await db.raw<{ rows: unknown[] }>(
    `
    insert into ${VENDOR_RATE_BUDGETS} as b (portal_id, vendor, bucket, window_start, used)
    values (:portalId, :vendor, :bucket, now(), :cost)
    on conflict (portal_id, vendor, bucket) do update set
      window_start = case when b.window_start + make_interval(secs => :windowSeconds) <= now() then now() else b.window_start end,
      used = case when b.window_start + make_interval(secs => :windowSeconds) <= now() then excluded.used else b.used + excluded.used end
    where (b.blocked_until is null or b.blocked_until <= now())
      and (b.window_start + make_interval(secs => :windowSeconds) <= now() or b.used + excluded.used <= :limit)
    returning 1
    `,
    params,
  );
  if (taken.rows.length > 0) return { allowed: true };
  const wait = await db.raw<{ rows: Array<{ wait_ms: number | string | null }> }>(
    `
    select greatest(
        coalesce(extract(epoch from (blocked_until - now())) * 1000, 0),
        case when used + :cost > :limit then extract(epoch from (window_start + make_interval(secs => :windowSeconds) - now())) * 1000 else 0 end
      ) as wait_ms
    from ${VENDOR_RATE_BUDGETS}
    where portal_id = :portalId and vendor = :vendor and bucket = :bucket
    `,
    params,
  );
  const waitMs = Math.ceil(Number(wait.rows[0]?.wait_ms ?? 0));
  return { allowed: false, waitMs: Number.isFinite(waitMs) ? Math.max(MIN_WAIT_MS, waitMs) : MIN_WAIT_MS };
}

/**
 * Blocks the budget until `until` (a vendor said 429): every process's next take waits. Never shortens
 * an existing block; creates the row if the account has none yet.
 */
export async function blockRateBudget(db: Knex, key: RateBudgetKey, until: Date): Promise<void> {
  await db.raw(
    `
    insert into ${VENDOR_RATE_BUDGETS} as b (portal_id, vendor, bucket, window_start, used, blocked_until)
    values (:portalId, :vendor, :bucket, now(), 0, :until)
    on conflict (portal_id, vendor, bucket) do update set
      blocked_until = greatest(coalesce(b.blocked_until, excluded.blocked_until), excluded.blocked_until)
    `,
    { portalId: key.portalId, vendor: key.vendor, bucket: key.bucket, until },
  );
}

export interface RateBudgetRow extends RateBudgetKey {
  windowStart: Date;
  used: number;
  blockedUntil: Date | null;
}

export async function getRateBudget(db: Knex, key: RateBudgetKey): Promise<RateBudgetRow | undefined> {
  const row = (await db(VENDOR_RATE_BUDGETS).where({ portal_id: key.portalId, vendor: key.vendor, bucket: key.bucket }).first()) as
    | { window_start: Date; used: number; blocked_until: Date | null }
    | undefined;
  return row ? { ...key, windowStart: row.window_start, used: row.used, blockedUntil: row.blocked_until } : undefined;
}
