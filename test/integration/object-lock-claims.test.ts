/**
 * Which lock claims exclude which (sync/engine/object-lock.ts), held on real Postgres advisory locks
 * from two connections: a page holds its own records, a linked pair its two, the whole object claim
 * excludes everything but a pass. And the record job's routing: a linked record's change goes through
 * while a page holds other records, and steps aside when the page holds its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockBusyError, withObjectLock, type LockScope } from '../../backend/src/sync/engine/object-lock.ts';
import { createJobQueue, type JobQueue } from '../../backend/src/jobs/queue.ts';
import { syncRecordJob } from '../../backend/src/jobs/handlers/sync-record.ts';
import type { AppContext } from '../../backend/src/jobs/context.ts';
import { createLogger } from '../../backend/src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const PORTAL = 71;

describe('object lock claims', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  /** Holds `held` (on one pooled connection) while trying `tried` once (on another): whether it got it. */
  async function coexist(held: LockScope, tried: LockScope, objectType: 'contacts' | 'products' = 'contacts'): Promise<boolean> {
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let acquired!: () => void;
    const isHeld = new Promise<void>((r) => (acquired = r));
    const holder = withObjectLock(t.db, PORTAL, 'contacts', async () => {
      acquired();
      await holding;
    }, 5_000, held);
    await isHeld;
    try {
      await withObjectLock(t.db, PORTAL, objectType, async () => undefined, 0, tried);
      return true;
    } catch (err) {
      if (err instanceof LockBusyError) return false;
      throw err;
    } finally {
      release();
      await holder;
    }
  }

  const page = (side: 'hubspot' | 'qbo', ...ids: string[]): LockScope => ({ page: { side, ids } });
  const pair = (hubspotId: string, qboId: string): LockScope => ({ pair: { hubspotId, qboId } });

  it('the whole object excludes every claim but a pass', async () => {
    for (const other of ['records', page('hubspot', '1'), pair('1', '9')] as LockScope[]) {
      expect(await coexist('records', other)).toBe(false);
      expect(await coexist(other, 'records')).toBe(false);
    }
    expect(await coexist('records', 'pass')).toBe(true);
    expect(await coexist('pass', 'pass')).toBe(false);
  });

  it('a page excludes another page and the pairs with a record on it, not the other pairs', async () => {
    expect(await coexist(page('hubspot', '1', '2'), page('hubspot', '3'))).toBe(false); // pages may match and create
    expect(await coexist(page('hubspot', '1', '2'), pair('2', '20'))).toBe(false);
    expect(await coexist(pair('2', '20'), page('hubspot', '1', '2'))).toBe(false);
    expect(await coexist(page('hubspot', '1', '2'), pair('3', '30'))).toBe(true);
    // A QuickBooks page holds its customers: a pair whose customer is on it waits, whichever side changed.
    expect(await coexist(page('qbo', '30'), pair('3', '30'))).toBe(false);
    expect(await coexist(page('qbo', '30'), pair('30', '31'))).toBe(true); // the same id on the other side is another record
  });

  it('pairs exclude only pairs sharing a record; other accounts and object types never meet', async () => {
    expect(await coexist(pair('1', '10'), pair('1', '11'))).toBe(false);
    expect(await coexist(pair('1', '10'), pair('2', '10'))).toBe(false);
    expect(await coexist(pair('1', '10'), pair('2', '20'))).toBe(true);
    expect(await coexist('records', 'records', 'products')).toBe(true);
  });

  it('a page lets go of a record it is done with; the rest stay held until it ends', async () => {
    let tried: { released: boolean; kept: boolean } | undefined;
    await withObjectLock(t.db, PORTAL, 'contacts', async (claim) => {
      await claim.release('hubspot', '7');
      await claim.release('hubspot', '7'); // twice is once
      await claim.release('hubspot', '99'); // never held: nothing to let go of
      const can = async (scope: LockScope) => withObjectLock(t.db, PORTAL, 'contacts', async () => true, 0, scope).catch(() => false);
      tried = { released: await can(pair('7', '70')), kept: await can(pair('8', '80')) };
    }, 1_000, page('hubspot', '7', '8'));
    expect(tried).toEqual({ released: true, kept: false });
    expect(await coexist(pair('8', '80'), pair('7', '70'))).toBe(true);
    expect(await withObjectLock(t.db, PORTAL, 'contacts', async () => 'free', 0, page('hubspot', '7', '8'))).toBe('free');
  });

  it('a claim that cannot be had whole takes nothing (no key stays held by the failed try)', async () => {
    expect(await coexist(pair('5', '50'), page('hubspot', '4', '5', '6'))).toBe(false);
    // Had the failed page kept '4' or its object key, this pair and this whole-object claim would wait.
    expect(await coexist(pair('6', '60'), pair('4', '40'))).toBe(true);
    await withObjectLock(t.db, PORTAL, 'contacts', async () => undefined, 0, 'records');
    const left = await t.db.raw<{ rows: unknown[] }>(`select 1 from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`);
    expect(left.rows).toHaveLength(0);
  });

  it("a pass's pages take their keys on the pass's connection; claims inside a page take their own", async () => {
    const holders = async () =>
      (await t.db.raw<{ rows: Array<{ pid: number; n: number }> }>(
        `select pid, count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database()) group by pid order by n desc`,
      )).rows;
    let inPage: Array<{ pid: number; n: number }> = [];
    let inRecord: Array<{ pid: number; n: number }> = [];
    await withObjectLock(t.db, PORTAL, 'invoices', async () => {
      await withObjectLock(t.db, PORTAL, 'invoices', async () => {
        inPage = await holders();
        // What an invoice of the page does for its customer: another object's claim, on its own connection.
        await withObjectLock(t.db, PORTAL, 'contacts', async () => {
          inRecord = await holders();
        }, 1_000);
      }, 1_000, page('hubspot', '1', '2'));
    }, 1_000, 'pass');
    expect(inPage).toEqual([{ pid: expect.any(Number), n: 4 }]); // pass + sync + two records, one session
    expect(inRecord).toHaveLength(2);
    expect(inRecord.map((h) => h.n)).toEqual([4, 2]);
  });
});

describe('a record job claims only its pair when the record is linked', () => {
  let t: TestDatabase;
  let queue: JobQueue;
  let ctx: AppContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    queue = createJobQueue({ connectionString: t.url, logger: createLogger('silent') });
    await queue.start();
    ctx = { queue, db: t.db, logger: createLogger('silent') } as unknown as AppContext;
    await t.db('hubspot_installations').insert({ portal_id: PORTAL });
    await t.db('sync_records').insert([
      { portal_id: PORTAL, object_type: 'contacts', hubspot_id: '501', qbo_id: '51', state: 'synced' },
      { portal_id: PORTAL, object_type: 'contacts', hubspot_id: '502', qbo_id: '52', state: 'synced' },
    ]);
  });
  afterAll(async () => {
    await queue.stop({ graceful: false, timeoutMs: 1_000 });
    await t.drop();
  });

  const deferred = async () => (await t.db.raw<{ rows: Array<{ id: string }> }>(`select data->>'id' as id from pgboss.job where name = ? order by id`, [syncRecordJob.name])).rows.map((r) => r.id);

  /** Runs the job while a page of the account's contacts holds `pageIds` (this account has no sync: a job that gets its lock is skipped). */
  async function duringPage(pageIds: string[], job: { side: 'hubspot' | 'qbo'; id: string }): Promise<void> {
    await t.db.raw(`delete from pgboss.job where name = ?`, [syncRecordJob.name]);
    await withObjectLock(t.db, PORTAL, 'contacts', () => syncRecordJob.handle(ctx, { portalId: PORTAL, objectType: 'contacts', ...job }), 5_000, { page: { side: 'hubspot', ids: pageIds } });
  }

  it('goes through while the page holds other records', async () => {
    await duringPage(['502', '503'], { side: 'hubspot', id: '501' });
    expect(await deferred()).toEqual([]);
    await duringPage(['502', '503'], { side: 'qbo', id: '51' });
    expect(await deferred()).toEqual([]);
  });

  it('steps aside when the page holds its record, from either side of the pair', async () => {
    await duringPage(['501'], { side: 'hubspot', id: '501' });
    expect(await deferred()).toEqual(['501']);
    await duringPage(['501'], { side: 'qbo', id: '51' });
    expect(await deferred()).toEqual(['51']);
  });

  it('an unlinked record claims the whole object and steps aside for any page (it may match or create)', async () => {
    await duringPage(['502'], { side: 'hubspot', id: '599' });
    expect(await deferred()).toEqual(['599']);
  });
});
