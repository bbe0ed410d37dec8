/**
 * Who may write which records of one account's object type at once, across every worker process:
 * Postgres advisory locks. They keep the two sides of a new pair from creating each other at once (a
 * new contact and a new customer with the same e-mail) and keep passes over one record in order.
 * Waiting never holds a pooled connection (a crowd of waiters would starve the holder): we try every
 * key of a claim at once, release what we got when one is taken, back off and retry.
 *
 * The claims and what each excludes:
 * - `records` (the default): the whole object, for anything that may match or create (a record job
 *   for an unlinked record, a removal, a retry round). Excludes every other claim of the object.
 * - `{ page }`: a pass's page (or a burst's page job). It may match and create, so it excludes the
 *   other whole-object claims, but of the linked pairs it excludes only those with a record on the page:
 *   a backfill holding page after page no longer makes every edit of the account wait for it.
 * - `{ pair }`: a record job for a linked pair. A linked record never matches or creates (a pair whose
 *   other record is gone is set aside, counterpart.ts), so it only needs its own two records: it shares
 *   the object with other pairs and with pages that do not hold them.
 * - `pass`: a pass from start to end, so passes of one object never overlap; it excludes only passes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from '../../db/knex.ts';
import type { ObjectType, Side } from '../types.ts';

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export class LockBusyError extends Error {
  constructor(key: string) {
    super(`another worker has been syncing ${key} for too long; will retry`);
    this.name = 'LockBusyError';
  }
}

export type LockScope = 'records' | 'pass' | { page: { side: Side; ids: readonly string[] } } | { pair: { hubspotId: string; qboId: string } };

interface LockKey {
  key: string;
  shared: boolean;
}

/** The advisory lock keys a claim takes (exported for the rule test of which claims exclude which). */
export function lockKeysOf(portalId: number, objectType: ObjectType, scope: LockScope): LockKey[] {
  const object = `${portalId}:${objectType}`;
  // `sync:` is held by whoever may match or create; `all:` by whoever may touch any record (shared by pairs).
  const record = (side: Side, id: string) => recordKey(portalId, objectType, side, id);
  if (scope === 'pass') return [{ key: `pass:${object}`, shared: false }];
  if (scope === 'records') return [{ key: `sync:${object}`, shared: false }, { key: `all:${object}`, shared: false }];
  if ('page' in scope) return [{ key: `sync:${object}`, shared: false }, ...[...new Set(scope.page.ids)].map((id) => record(scope.page.side, id))];
  return [{ key: `all:${object}`, shared: true }, record('hubspot', scope.pair.hubspotId), record('qbo', scope.pair.qboId)];
}

/** One record's key: held by the page it is on and by a job for its pair. */
const recordKey = (portalId: number, objectType: ObjectType, side: Side, id: string): LockKey => ({ key: `rec:${portalId}:${objectType}:${side}:${id}`, shared: false });

/** Tries every key in one round trip; when one is taken, releases the others: all or nothing. */
async function tryLockAll(connection: PgConnection, keys: LockKey[]): Promise<boolean> {
  const { rows } = await connection.query(
    `select k.shared, k.key, case when k.shared then pg_try_advisory_lock_shared(hashtextextended(k.key, 0)) else pg_try_advisory_lock(hashtextextended(k.key, 0)) end as locked
       from unnest($1::text[], $2::boolean[]) as k(key, shared)`,
    [keys.map((k) => k.key), keys.map((k) => k.shared)],
  );
  if (rows.every((r) => r.locked === true)) return true;
  await unlockAll(connection, rows.filter((r) => r.locked === true).map((r) => ({ key: String(r.key), shared: r.shared === true })));
  return false;
}

async function unlockAll(connection: PgConnection, keys: LockKey[]): Promise<void> {
  if (keys.length === 0) return;
  await connection.query(
    `select case when k.shared then pg_advisory_unlock_shared(hashtextextended(k.key, 0)) else pg_advisory_unlock(hashtextextended(k.key, 0)) end
       from unnest($1::text[], $2::boolean[]) as k(key, shared)`,
    [keys.map((k) => k.key), keys.map((k) => k.shared)],
  );
}

/**
 * The connection a pass holds its `pass` lock on. The pass's own claims (its pages, one after another)
 * take their keys on it too, so a pass costs one pooled connection, not two: the scheduler runs many
 * passes at once (WORKER_CATCH_UP_CONCURRENCY) and the pool must not run dry under them. Only the
 * pass's direct claims use it: inside a claim the store is cleared, because claims made there (the
 * records of a page, side by side) must exclude each other, and one session's advisory locks never
 * exclude that same session.
 */
const passConnection = new AsyncLocalStorage<PgConnection>();

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));

/**
 * What the holder of a page claim can do with it: let go of a record it is done with, so a change to
 * that record waiting to get through (a webhook's record job) need not wait for the rest of the page.
 */
export interface HeldClaim {
  release(side: Side, id: string): Promise<void>;
}

export async function withObjectLock<T>(db: Knex, portalId: number, objectType: ObjectType, fn: (claim: HeldClaim) => Promise<T>, maxWaitMs = 60_000, scope: LockScope = 'records'): Promise<T> {
  let keys = lockKeysOf(portalId, objectType, scope);
  const client = db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const deadline = Date.now() + maxWaitMs;
  const held = scope === 'pass' ? undefined : passConnection.getStore();
  for (let attempt = 0; ; attempt++) {
    const connection = held ?? (await client.acquireConnection());
    let locked = false;
    try {
      locked = await tryLockAll(connection, keys);
      if (locked) {
        // Records finish side by side; their unlocks take turns on the one connection (pg runs one query at a time).
        let unlocking = Promise.resolve();
        const claim: HeldClaim = {
          release: async (side, id) => {
            const key = recordKey(portalId, objectType, side, id);
            if (!keys.some((k) => k.key === key.key)) return; // not held, or already let go
            keys = keys.filter((k) => k.key !== key.key);
            unlocking = unlocking.then(() => unlockAll(connection, [key]));
            await unlocking;
          },
        };
        return await (scope === 'pass' ? passConnection.run(connection, () => fn(claim)) : passConnection.exit(() => fn(claim)));
      }
    } finally {
      if (locked) await unlockAll(connection, keys);
      if (!held) await client.releaseConnection(connection);
    }
    if (Date.now() > deadline) throw new LockBusyError(keys[0]!.key);
    await backoff(attempt);
  }
}
