/**
 * The worker: takes jobs from every queue in the registry. Several worker processes (on several
 * machines) may run against one database; pg-boss hands each job to exactly one of them.
 */
import { LockBusyError } from '../sync/engine/object-lock.ts';
import type { AppContext } from './context.ts';
import { jobDefinitions, type JobDefinition } from './registry.ts';

export interface WorkerOptions {
  concurrency: number;
  /** How often an idle worker polls (pg-boss has no LISTEN in v10). */
  pollingIntervalSeconds?: number;
  definitions?: JobDefinition[];
  /** false: don't install cron schedules (tests). */
  schedule?: boolean;
}

export async function startWorker(ctx: AppContext, options: WorkerOptions): Promise<void> {
  const definitions = options.definitions ?? jobDefinitions;
  const { boss } = ctx.queue;
  for (const definition of definitions) {
    await ctx.queue.ensureQueue(definition.name);
    for (let i = 0; i < options.concurrency; i++) {
      await boss.work(definition.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
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
          try {
            await definition.handle({ ...ctx, logger: log }, parsed.data);
          } catch (err) {
            // pg-boss records the failure and retries with backoff; the operator sees it here. A record
            // waiting for a sync pass of its object (a first sync runs for minutes) is expected, not news.
            if (err instanceof LockBusyError) log.debug({ err: err.message }, 'waiting for the running sync pass; the queue retries the job');
            else log.warn({ err }, 'job failed; the queue will retry it (up to its retry limit)');
            throw err;
          }
        }
      });
    }
    if (definition.schedule && options.schedule !== false) await boss.schedule(definition.name, definition.schedule, {});
  }
  ctx.logger.info({ queues: definitions.map((d) => d.name), concurrency: options.concurrency }, 'worker started');
}
