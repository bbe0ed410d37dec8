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

  it('a change during a running pass queues one more pass (never lost, never more than one waiting)', async () => {
    const [first] = (await jobs('created')).filter((j) => j.data.id === '102');
    // A worker takes the job (what pg-boss's fetch does), then two more webhooks of the record arrive.
    await t.db.raw(`update pgboss.job set state = 'active', started_on = now() where id = ?`, [first!.id]);
    for (let i = 0; i < 2; i++) await enqueueRecordSync(ctx, { portalId: 1, objectType: 'contacts', side: 'hubspot', id: '102' });
    expect((await jobs()).filter((j) => j.data.id === '102').map((j) => j.state).sort()).toEqual(['active', 'created']);
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
