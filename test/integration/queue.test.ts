import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TokenCipher } from '../../backend/src/crypto/token-cipher.ts';
import { upsertInstallation } from '../../backend/src/db/installations.ts';
import { insertInboxEvents, markInboxProcessed } from '../../backend/src/db/webhook-inbox.ts';
import type { AppContext } from '../../backend/src/jobs/context.ts';
import { defineJob } from '../../backend/src/jobs/job-definition.ts';
import { createJobQueue } from '../../backend/src/jobs/queue.ts';
import { purgeWebhookInboxJob } from '../../backend/src/jobs/handlers/purge-webhook-inbox.ts';
import { startWorker, type RunningWorker } from '../../backend/src/jobs/worker.ts';
import { startWorkerLeases } from '../../backend/src/jobs/leases.ts';
import { createLogger } from '../../backend/src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { testEnv } from '../helpers/env.ts';
import { eventually } from '../helpers/eventually.ts';

describe('job queue (pg-boss)', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  let releaseSlowJob: () => void = () => undefined;
  let worker: RunningWorker;
  const slowJobRan: string[] = [];

  const slowJob = defineJob({
    name: 'test.slow',
    payload: z.object({ label: z.string() }),
    handle: async (_ctx, data) => {
      await new Promise<void>((resolve) => {
        releaseSlowJob = resolve;
      });
      slowJobRan.push(data.label);
    },
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    const logger = createLogger('silent');
    const queue = createJobQueue({ connectionString: t.url, logger });
    await queue.start();
    ctx = { env: testEnv(), db: t.db, logger, cipher: new TokenCipher({ id: 'k', key: Buffer.alloc(32, 1) }), queue };
    await upsertInstallation(t.db, ctx.cipher, { portalId: 42, scopes: [], tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: new Date() } });
    worker = await startWorker(ctx, { concurrency: 1, pollingIntervalSeconds: 0.5, definitions: [purgeWebhookInboxJob, slowJob], schedule: false });
  });
  afterAll(async () => {
    await ctx.queue.stop({ graceful: false, timeoutMs: 1_000 });
    await worker.stop();
    await t.drop();
  });

  it('runs a job end to end: enqueued, picked up by the worker, its effect in the database', async () => {
    const [oldId, freshId] = await insertInboxEvents(t.db, [
      { portalId: 42, source: 'hubspot', dedupeKey: 'evt-old', payload: { n: 1 } },
      { portalId: 42, source: 'hubspot', dedupeKey: 'evt-fresh', payload: { n: 2 } },
    ]);
    await markInboxProcessed(t.db, [oldId!, freshId!]);
    await t.db('webhook_inbox').where({ id: oldId }).update({ processed_at: t.db.raw(`now() - interval '3 days'`) });

    const jobId = await ctx.queue.send(purgeWebhookInboxJob.name, { retentionDays: 1 });
    expect(jobId).toBeTruthy();
    const job = await eventually(async () => {
      const j = await ctx.queue.boss.getJobById(purgeWebhookInboxJob.name, jobId!);
      return j?.state === 'completed' ? j : undefined;
    });
    expect(job.state).toBe('completed');
    const left = await t.db('webhook_inbox').select<Array<{ dedupe_key: string }>>('dedupe_key');
    expect(left.map((r) => r.dedupe_key)).toEqual(['evt-fresh']);
  });

  it('a duplicate webhook event is stored once', async () => {
    const first = await insertInboxEvents(t.db, [{ portalId: 42, source: 'quickbooks', dedupeKey: 'ce-1', payload: {} }]);
    const again = await insertInboxEvents(t.db, [{ portalId: 42, source: 'quickbooks', dedupeKey: 'ce-1', payload: {} }]);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
  });

  it('enqueues inside a transaction: the job exists only if the write commits', async () => {
    await expect(
      t.db.transaction(async (trx) => {
        await ctx.queue.send(slowJob.name, { label: 'rolled-back' }, { trx, startAfterSeconds: 3600 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    let committedId: string | null = null;
    await t.db.transaction(async (trx) => {
      committedId = await ctx.queue.send(slowJob.name, { label: 'committed' }, { trx, startAfterSeconds: 3600 });
    });
    const count = await t.db.raw<{ rows: Array<{ label: string }> }>(`select data->>'label' as label from pgboss.job where name = ?`, [slowJob.name]);
    expect(count.rows.map((r) => r.label)).toEqual(['committed']);
    await ctx.queue.boss.cancel(slowJob.name, committedId!);
  });

  it('rejects a payload that does not match the job schema, without retrying it', async () => {
    const jobId = await ctx.queue.send(purgeWebhookInboxJob.name, { retentionDays: 'soon' });
    const job = await eventually(async () => {
      const j = await ctx.queue.boss.getJobById(purgeWebhookInboxJob.name, jobId!);
      return j?.state === 'completed' ? j : undefined;
    });
    expect(job.retryCount).toBe(0);
    expect(job.output).toMatchObject({ rejected: 'invalid payload' });
    // nothing was purged on the strength of a bad payload
    expect(await t.db('webhook_inbox').count('* as n').first()).toEqual({ n: 2 });
  });

  it('graceful stop waits for the job in flight to finish', async () => {
    const jobId = await ctx.queue.send(slowJob.name, { label: 'in-flight' });
    await eventually(async () => {
      const j = await ctx.queue.boss.getJobById(slowJob.name, jobId!);
      return j?.state === 'active' ? j : undefined;
    });
    const stopped = ctx.queue.stop({ graceful: true, timeoutMs: 10_000 });
    setTimeout(() => releaseSlowJob(), 300);
    await stopped;
    expect(slowJobRan).toEqual(['in-flight']);
    const state = await t.db.raw<{ rows: Array<{ state: string }> }>(`select state from pgboss.job where id = ?`, [jobId]);
    expect(state.rows[0]?.state).toBe('completed');
  });

  it('hands the job of a dead worker back to the queue at once, never the job of a live one', async () => {
    const timings = { heartbeatMs: 200, reapIntervalMs: 600_000, deadAfterMs: 1_000, lostAfterMs: 600_000, leaselessAfterMs: 600_000 };
    // A queue of its own (the suite's was stopped by the previous test).
    const queue = createJobQueue({ connectionString: t.url, logger: ctx.logger });
    await queue.start();
    const start = () => startWorkerLeases({ db: t.db, queue, connectionString: t.url, logger: ctx.logger, timings });
    await queue.ensureQueue('test.leased');
    const jobId = await queue.send('test.leased', { n: 1 }, { retryLimit: 3 });
    const [job] = await queue.boss.fetch('test.leased');
    expect(job?.id).toBe(jobId);
    const a = await start();
    await a.claim('test.leased', jobId!);
    const b = await start();
    // A is alive (heartbeat fresh, liveness lock held): B takes nothing, however long A works.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await b.reap()).toBe(0);
    expect((await queue.boss.getJobById('test.leased', jobId!))?.state).toBe('active');
    // A dies (its heartbeat stops and its connection closes): B hands the job back, due now.
    await a.stop();
    await new Promise((r) => setTimeout(r, 1_300));
    expect(await b.reap()).toBe(1);
    const back = await queue.boss.getJobById('test.leased', jobId!);
    expect(back?.state).toBe('retry');
    expect(back!.startAfter.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(await b.reap()).toBe(0);
    const [again] = await queue.boss.fetch('test.leased');
    expect(again?.id).toBe(jobId);
    await b.stop();
    await queue.stop({ graceful: false, timeoutMs: 1_000 });
  });
});
