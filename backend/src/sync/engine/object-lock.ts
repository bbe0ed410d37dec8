/**
 * One pass at a time per account and object type, across every worker process: a Postgres advisory
 * lock. It keeps the two sides of a new pair from creating each other at once (a new contact and a new
 * customer with the same e-mail) and keeps passes over one record in order. Waiting never holds a
 * pooled connection (a crowd of waiters would starve the holder): we try, release, back off, retry.
 */
import type { Knex } from '../../db/knex.ts';
import type { ObjectType } from '../types.ts';

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export class LockBusyError extends Error {
  constructor(key: string) {
    super(`another worker has been syncing ${key} for too long; will retry`);
    this.name = 'LockBusyError';
  }
}

/**
 * `records` (default): held while records of the object are written — by a record job for its record,
 * by a pass for one page at a time, so a webhook's record waits one page, not a whole pass. `pass`:
 * held by a pass from start to end, so passes of one object never overlap.
 */
export type LockScope = 'records' | 'pass';

export async function withObjectLock<T>(db: Knex, portalId: number, objectType: ObjectType, fn: () => Promise<T>, maxWaitMs = 60_000, scope: LockScope = 'records'): Promise<T> {
  const key = `${scope === 'pass' ? 'pass' : 'sync'}:${portalId}:${objectType}`;
  const client = db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const deadline = Date.now() + maxWaitMs;
  for (let attempt = 0; ; attempt++) {
    const connection = await client.acquireConnection();
    let locked = false;
    try {
      const result = await connection.query('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [key]);
      locked = result.rows[0]?.locked === true;
      if (locked) return await fn();
    } finally {
      if (locked) await connection.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      await client.releaseConnection(connection);
    }
    if (Date.now() > deadline) throw new LockBusyError(key);
    await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));
  }
}
