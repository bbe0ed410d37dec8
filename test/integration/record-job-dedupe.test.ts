/**
 * A burst of webhooks for one record is one pass (debounce): pg-boss keeps at most one queued job per
 * record key on the record queue (policy `short`), while a change that arrives during a running pass
 * still gets a pass of its own. A queue made by an older version (policy `standard`, where keys were
 * stored and ignored) is moved to the policy at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue, type JobQueue } from '../../backend/src/jobs/queue.ts';
import { enqueueRecordSync, syncRecordJob } from '../../backend/src/jobs/handlers/sync-record.ts';
import type { AppContext } from '../../backend/src/jobs/context.ts';
import { createLogger } from '../../backend/src/logger.ts';
import { enqueueInboxDrain, processWebhooksJob } from '../../backend/src/jobs/handlers/process-webhooks.ts';
import { wakeWaitingChanges } from '../../backend/src/sync/engine/wake-waiting-changes.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('record jobs are deduplicated per record while queued', () => {
  let t: TestDatabase;
  let queue: JobQueue;
  let ctx: AppContext;
  const jobs = async (state?: string) =>
    (await t.db.raw<{ rows: Array<{ id: string; data: { id: string }; state: string }> }>(`select id, data, state from pgboss.job where name = ? ${state ? 'and state = ?' : ''} order by created_on`, state ? [syncRecordJob.name, state] : [syncRecordJob.name])).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    queue = createJobQueue({ connectionString: t.url, logger: createLogger('silent') });
    await queue.start();
    ctx = { queue } as unknown as AppContext;
  });
  afterAll(async () => {
    await queue.stop({ graceful: false, timeoutMs: 1_000 });
    await t.drop();
  });

  it('five webhooks of one record queue one job; another record gets its own', async () => {
    for (let i = 0; i < 5; i++) await enqueueRecordSync(ctx, { portalId: 1, objectType: 'contacts', side: 'hubspot', id: '101' });
    await enqueueRecordSync(ctx, { portalId: 1, objectType: 'contacts', side: 'hubspot', id: '102' });
    await enqueueRecordSync(ctx, { portalId: 2, objectType: 'contacts', side: 'hubspot', id: '101' });
    expect((await jobs('created')).map((j) => j.data.id).sort()).toEqual(['101', '101', '102']);
    expect(await jobs()).toHaveLength(3);
  });

  it("an account's inbox has one drain running and at most one waiting, whatever the number of deliveries", async () => {
    const drains = async () => (await t.db.raw<{ rows: Array<{ id: string; key: string; state: string }> }>(`select id, singleton_key as key, state from pgboss.job where name = ? order by created_on`, [processWebhooksJob.name])).rows;
    const deliver = (portalId: number) => t.db.transaction((trx) => enqueueInboxDrain(ctx, portalId, 'hubspot', trx));
    for (let i = 0; i < 10; i++) await deliver(7);
    await deliver(8);
    await t.db.transaction((trx) => enqueueInboxDrain(ctx, 7, 'quickbooks', trx));
    expect((await drains()).map((d) => `${d.key}:${d.state}`).sort()).toEqual(['7:hubspot:created', '7:quickbooks:created', '8:hubspot:created']);
    // While the drain runs, a delivery queues the one that reads what arrives after its last read; no more.
    const [running] = (await drains()).filter((d) => d.key === '7:hubspot');
    await t.db.raw(`update pgboss.job set state = 'active', started_on = now() where id = ?`, [running!.id]);
    for (let i = 0; i < 5; i++) await deliver(7);
    expect((await drains()).filter((d) => d.key === '7:hubspot').map((d) => d.state).sort()).toEqual(['active', 'created']);
  });

  it('a change during a running pass queues one more pass (never lost, never more than one waiting)', async () => {
    const [first] = (await jobs('created')).filter((j) => j.data.id === '102');
    // A worker takes the job (what pg-boss's fetch does), then two more webhooks of the record arrive.
    await t.db.raw(`update pgboss.job set state = 'active', started_on = now() where id = ?`, [first!.id]);
    for (let i = 0; i < 2; i++) await enqueueRecordSync(ctx, { portalId: 1, objectType: 'contacts', side: 'hubspot', id: '102' });
    expect((await jobs()).filter((j) => j.data.id === '102').map((j) => j.state).sort()).toEqual(['active', 'created']);
  });

  it('a change whose object a pass holds steps aside (queued again later, no retry used) instead of waiting in a worker slot', async () => {
    const logger = createLogger('silent');
    const jobCtx = { queue, db: t.db, logger } as unknown as AppContext;
    const target = { portalId: 3, objectType: 'contacts' as const, side: 'hubspot' as const, id: '301' };
    const held = await t.db.client.acquireConnection();
    try {
      // What a pass's page does: holds the object's records lock.
      await held.query(`select pg_advisory_lock(hashtextextended('sync:3:contacts', 0))`);
      await syncRecordJob.handle(jobCtx, { ...target, deferrals: 5 });
      const queued = (await t.db.raw<{ rows: Array<{ data: { id: string; deferrals?: number }; delay: number }> }>(
        `select data, extract(epoch from start_after - created_on)::float as delay from pgboss.job where name = ? and data->>'portalId' = '3'`, [syncRecordJob.name],
      )).rows;
      expect(queued).toHaveLength(1);
      expect(queued[0]!.data).toMatchObject({ id: '301', deferrals: 6 });
      expect(queued[0]!.delay).toBeGreaterThanOrEqual(15); // backoff capped at 16 s
      expect(queued[0]!.delay).toBeLessThanOrEqual(17);
    } finally {
      await held.query(`select pg_advisory_unlock_all()`);
      await t.db.client.releaseConnection(held);
    }
    // With the lock free the change is handled, not deferred (this account has no sync: skipped).
    await t.db.raw(`delete from pgboss.job where name = ? and data->>'portalId' = '3'`, [syncRecordJob.name]);
    await syncRecordJob.handle(jobCtx, target);
    expect((await t.db.raw<{ rows: unknown[] }>(`select 1 from pgboss.job where name = ? and data->>'portalId' = '3'`, [syncRecordJob.name])).rows).toHaveLength(0);
  });

  it("a page's end brings the changes that stepped aside for its object forward, not other objects' or accounts'", async () => {
    const jobCtx = { queue, db: t.db, logger: createLogger('silent') } as unknown as AppContext;
    const deferred = { deferrals: 4, delaySeconds: 16 };
    await enqueueRecordSync(jobCtx, { portalId: 4, objectType: 'contacts', side: 'hubspot', id: '401' }, undefined, deferred);
    await enqueueRecordSync(jobCtx, { portalId: 4, objectType: 'products', side: 'hubspot', id: '402' }, undefined, deferred);
    await enqueueRecordSync(jobCtx, { portalId: 44, objectType: 'contacts', side: 'hubspot', id: '403' }, undefined, deferred);
    expect(await wakeWaitingChanges(jobCtx, 4, 'contacts')).toBe(1);
    const due = (await t.db.raw<{ rows: Array<{ id: string; due: boolean }> }>(`select data->>'id' as id, start_after <= now() as due from pgboss.job where name = ? and data->>'id' in ('401', '402', '403') order by 1`, [syncRecordJob.name])).rows;
    expect(due).toEqual([{ id: '401', due: true }, { id: '402', due: false }, { id: '403', due: false }]);
    expect(await wakeWaitingChanges(jobCtx, 4, 'contacts')).toBe(0);
  });

  it('moves a queue an older version created without the policy', async () => {
    const old = await createTestDatabase();
    const boss = createJobQueue({ connectionString: old.url, logger: createLogger('silent') });
    try {
      await boss.start();
      await boss.boss.createQueue(syncRecordJob.name); // what the previous version did: policy standard
      expect((await boss.boss.getQueue(syncRecordJob.name))?.policy).toBe('standard');
      const oldCtx = { queue: boss } as unknown as AppContext;
      for (let i = 0; i < 3; i++) await enqueueRecordSync(oldCtx, { portalId: 1, objectType: 'contacts', side: 'qbo', id: '7' });
      expect((await boss.boss.getQueue(syncRecordJob.name))?.policy).toBe('short');
      const { rows } = await old.db.raw<{ rows: unknown[] }>(`select id from pgboss.job where name = ?`, [syncRecordJob.name]);
      expect(rows).toHaveLength(1);
    } finally {
      await boss.stop({ graceful: false, timeoutMs: 1_000 });
      await old.drop();
    }
  });
});
