/**
 * The worker: takes jobs from every queue in the registry. Several worker processes (on several
 * machines) may run against one database; pg-boss hands each job to exactly one of them, and the
 * leases (leases.ts) hand the jobs of a worker that died back to the queue within seconds.
 */
import { LockBusyError } from '../sync/engine/object-lock.ts';
import { SyncInterrupted } from '../sync/engine/catch-up.ts';
import type { AppContext } from './context.ts';
import { startWorkerLeases, type LeaseTimings, type WorkerLeases } from './leases.ts';
import { jobDefinitions, type JobDefinition } from './registry.ts';

export interface WorkerOptions {
  concurrency: number;
  /** Queues that run a different number of jobs at once (the sync passes: WORKER_CATCH_UP_CONCURRENCY). */
  queueConcurrency?: Readonly<Record<string, number>>;
  /** How often an idle worker polls (pg-boss has no LISTEN in v10). */
  pollingIntervalSeconds?: number;
  definitions?: JobDefinition[];
  /** false: don't install cron schedules (tests). */
  schedule?: boolean;
  leaseTimings?: Partial<LeaseTimings>;
}

export interface RunningWorker {
  leases: WorkerLeases;
  /** After the queue stopped (its in-flight jobs are done): ends the heartbeat and the liveness lock. */
  stop(): Promise<void>;
}

export async function startWorker(ctx: AppContext, options: WorkerOptions): Promise<RunningWorker> {
  const definitions = options.definitions ?? jobDefinitions;
  const { boss } = ctx.queue;
  for (const definition of definitions) await ctx.queue.ensureQueue(definition.name);
  const leases = await startWorkerLeases({ db: ctx.db, queue: ctx.queue, connectionString: ctx.queue.connectionString, logger: ctx.logger, timings: options.leaseTimings });
  for (const definition of definitions) {
    const concurrency = options.queueConcurrency?.[definition.name] ?? options.concurrency;
    for (let i = 0; i < concurrency; i++) {
      const workerId = await boss.work(definition.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
        for (const job of jobs) {
          const log = ctx.logger.child({ job: definition.name, jobId: job.id });
          const parsed = definition.payload.safeParse(job.data);
          if (!parsed.success) {
            // A payload that does not parse never will: retrying is pointless (pg-boss's fail() would
            // retry), so the job is closed with the rejection as its output and logged as an error.
            log.error({ issues: parsed.error.issues }, 'job payload rejected');
            await boss.complete(definition.name, job.id, { rejected: 'invalid payload', issues: parsed.error.issues });
            continue;
          }
          const lease = await leases.claim(definition.name, job.id);
          const shutdown = ctx.shutdown ? AbortSignal.any([ctx.shutdown, lease]) : lease;
          try {
            await definition.handle({ ...ctx, logger: log, shutdown }, parsed.data);
          } catch (err) {
            // pg-boss records the failure and retries with backoff; the operator sees it here. A record
            // waiting for a sync pass of its object (a first sync runs for minutes) is expected, not news,
            // and so is a pass stopped at its checkpoint by our shutdown.
            if (err instanceof LockBusyError) log.debug({ err: err.message }, 'waiting for the running sync pass; the queue retries the job');
            else if (err instanceof SyncInterrupted) log.info(lease.aborted ? { reason: String(lease.reason) } : {}, 'sync pass stopped at its checkpoint; it resumes when the job runs again');
            else log.warn({ err }, 'job failed; the queue will retry it (up to its retry limit)');
            throw err;
          } finally {
            await leases.release(job.id).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not release the job lease (it expires by itself)'));
          }
        }
      });
      ctx.queue.addLocalWorker(definition.name, workerId);
    }
    if (definition.schedule && options.schedule !== false) await boss.schedule(definition.name, definition.schedule, {});
  }
  ctx.logger.info({ queues: definitions.map((d) => d.name), concurrency: options.concurrency, queueConcurrency: options.queueConcurrency, workerId: leases.workerId }, 'worker started');
  return { leases, stop: () => leases.stop() };
}
