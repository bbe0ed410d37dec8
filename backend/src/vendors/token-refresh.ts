/**
 * Single-flight token refresh across every process sharing the database. Refresh tokens rotate
 * (QuickBooks) or can be revoked (HubSpot), so two workers refreshing at once would burn a token.
 * The slow path takes a Postgres advisory lock for the connection, re-reads the stored tokens (another
 * process may have refreshed meanwhile), refreshes only if still needed, and stores the new tokens
 * (committed at once) before anyone uses the new access token.
 */
import type { Knex } from '../db/knex.ts';
import type { OAuthTokens } from '../db/sealed-tokens.ts';

/** Refresh this long before expiry, so a token never expires mid-request. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class InvalidGrantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGrantError';
  }
}

/** The connection can't be used until a person reconnects it. */
export class NeedsReconnectError extends Error {
  constructor(
    public readonly vendor: 'hubspot' | 'quickbooks',
    message: string,
  ) {
    super(message);
    this.name = 'NeedsReconnectError';
  }
}

export interface RefreshPlan<T extends OAuthTokens> {
  vendor: 'hubspot' | 'quickbooks';
  /** Identifies the connection, e.g. "hubspot:123". */
  lockKey: string;
  read(db: Knex): Promise<T | undefined>;
  refresh(current: T): Promise<T>;
  save(db: Knex, tokens: T): Promise<void>;
  /** Called once when the vendor refuses the refresh token (revoked, rotated away, app uninstalled). */
  /** `deadRefreshToken`: the grant that was refused (a reconnect may have stored another meanwhile). */
  onInvalidGrant(db: Knex, error: InvalidGrantError, deadRefreshToken: string): Promise<void>;
  marginMs?: number;
}

const isFresh = (tokens: OAuthTokens, marginMs: number) => tokens.expiresAt.getTime() - Date.now() > marginMs;

// Callers in this process share one slow path per connection: besides saving a refresh, it keeps a
// burst of callers from each holding a pooled connection while they wait on the same advisory lock
// (which would exhaust the pool and deadlock the one holding the lock).
const inFlight = new Map<string, Promise<OAuthTokens>>();

export async function freshTokens<T extends OAuthTokens>(db: Knex, plan: RefreshPlan<T>, options: { force?: boolean } = {}): Promise<T> {
  const margin = plan.marginMs ?? REFRESH_MARGIN_MS;
  const current = await plan.read(db);
  if (!current) throw new NeedsReconnectError(plan.vendor, `No ${plan.vendor} tokens are stored for this connection.`);
  if (!options.force && isFresh(current, margin)) return current;
  const running = inFlight.get(plan.lockKey) as Promise<T> | undefined;
  if (running) return running;
  const slowPath = refreshUnderLock(db, plan, current, margin, options).finally(() => inFlight.delete(plan.lockKey));
  inFlight.set(plan.lockKey, slowPath);
  return slowPath;
}

/**
 * The lock a refresh holds for a connection, for the whole of its transaction. A reconnect takes it too
 * before storing a new grant, so a refresher that found the old grant dead finishes ("needs reconnect")
 * before the new grant lands, never after it.
 */
export async function lockConnectionTokens(trx: Knex.Transaction, lockKey: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`token-refresh:${lockKey}`]);
}

async function refreshUnderLock<T extends OAuthTokens>(db: Knex, plan: RefreshPlan<T>, current: T, margin: number, options: { force?: boolean }): Promise<T> {
  return db.transaction(async (trx) => {
    await lockConnectionTokens(trx, plan.lockKey);
    const latest = await plan.read(trx);
    if (!latest) throw new NeedsReconnectError(plan.vendor, `No ${plan.vendor} tokens are stored for this connection.`);
    // Someone else refreshed while we waited for the lock: use theirs.
    if (isFresh(latest, margin) && (!options.force || latest.accessToken !== current.accessToken)) return latest;
    let next: T;
    try {
      next = await plan.refresh(latest);
    } catch (err) {
      if (!(err instanceof InvalidGrantError)) throw err;
      // Before declaring the connection broken, look again: a reconnect may have stored a new grant
      // while we held an old one. Only the grant we actually tried is dead.
      const again = await plan.read(db);
      if (again && again.refreshToken !== latest.refreshToken) {
        if (isFresh(again, margin)) return again;
        next = await plan.refresh(again);
        await plan.save(db, next);
        return next;
      }
      // Recorded outside the lock's transaction so it stays even though we throw.
      await plan.onInvalidGrant(db, err, latest.refreshToken);
      throw new NeedsReconnectError(plan.vendor, err.message);
    }
    // Saved with autocommit (not trx) while we still hold the lock: the rotated refresh token is durable
    // before the new access token is handed to any caller.
    await plan.save(db, next);
    return next;
  });
}
