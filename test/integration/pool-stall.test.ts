/**
 * The pool never leaves a waiter beside a free connection (db/knex.ts): the state tarn was seen stuck
 * in during a benchmark is made by hand here (a waiter queued while the pool skipped its dispatch step),
 * and the waiter must get the free connection anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Knex } from '../../backend/src/db/knex.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

interface TarnInternals {
  numFree(): number;
  numPendingAcquires(): number;
  acquire(): { promise: Promise<unknown> };
  release(resource: unknown): boolean;
  _tryAcquireOrCreate(): void;
}

describe('database pool', () => {
  let t: TestDatabase;
  let db: Knex;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
    // A pool destroyed and made again (knex makes a new one on the next use) is still watched.
    db = createDatabase({ connectionString: t.url, poolMax: 2 });
    await db.raw('select 1');
    await db.destroy();
    await new Promise((r) => setTimeout(r, 600));
    db.initialize();
    await db.raw('select 1'); // one connection made, now free
  });
  afterAll(async () => {
    await db.destroy();
    await t.drop();
  });

  it('hands a free connection to a waiter the pool forgot to serve', async () => {
    const pool = (db.client as { pool: TarnInternals }).pool;
    expect(pool.numFree()).toBe(1);
    pool._tryAcquireOrCreate = () => undefined; // the missed dispatch
    const waiting = pool.acquire();
    delete (pool as Partial<TarnInternals>)._tryAcquireOrCreate; // the prototype's again
    expect(pool.numPendingAcquires()).toBe(1);
    expect(pool.numFree()).toBe(1);
    const connection = await waiting.promise; // would time out after 60 s without the watch
    pool.release(connection);
    expect(pool.numPendingAcquires()).toBe(0);
  }, 10_000);
});
