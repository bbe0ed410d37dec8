/**
 * The job queue: pg-boss on the same Postgres (see README for why pg-boss). Jobs that belong to a
 * write are enqueued inside that write's transaction (`send(..., { trx })`), so the job exists if
 * and only if the write committed.
 */
import PgBoss from 'pg-boss';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import { ensureQueueWithPolicy } from './queue-policies.ts';

export const QUEUE_SCHEMA = 'pgboss';
/** Jobs per INSERT in sendMany: one statement's JSON stays small. */
const SEND_MANY_CHUNK = 500;

export interface SendOptions {
  /** Enqueue inside this knex transaction. */
  trx?: Knex.Transaction;
  /** At most one queued job per key (dedupe, e.g. "contacts:hubspot:123") on queues whose policy dedupes (queue-policies.ts). */
  singletonKey?: string;
  startAfterSeconds?: number;
  /** Higher runs first (pg-boss default 0); see fair-priority.ts. */
  priority?: number;
  retryLimit?: number;
  /** How long the job may stay active before pg-boss gives up on it (default 15 minutes). A dead worker's jobs are handed back sooner by the leases (leases.ts). */
  expireInSeconds?: number;
}

export interface JobQueue {
  boss: PgBoss;
  connectionString: string;
  start(): Promise<void>;
  stop(options: { graceful: boolean; timeoutMs: number }): Promise<void>;
  ensureQueue(name: string): Promise<void>;
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /**
   * Many jobs of one queue in one statement (the scheduler's round of passes). Keys the queue's policy
   * dedupes are skipped, as `send` would skip them. Not transactional with a knex write.
   */
  sendMany(name: string, jobs: ReadonlyArray<{ data: object; options?: Omit<SendOptions, 'trx' | 'startAfterSeconds'> }>): Promise<void>;
  isReachable(): Promise<boolean>;
  /** Registers a worker of this process on a queue, so `notify` can wake it. */
  addLocalWorker(name: string, workerId: string): void;
  /**
   * Wakes this process's workers of a queue (after `afterMs`) instead of waiting for their next poll:
   * a webhook's jobs start in milliseconds when web and worker share a process. Other processes poll.
   */
  notify(name: string, afterMs?: number): void;
}

/**
 * pg-boss speaks `$1` SQL to a `{ executeSql }` adapter. A knex transaction pins one connection and
 * hands it out from acquireConnection(); we run pg-boss's statement on it directly because knex.raw
 * would rewrite `?` placeholders.
 */
export function transactionAdapter(trx: Knex.Transaction): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const client = trx.client as { acquireConnection(): Promise<{ query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }> };
      const connection = await client.acquireConnection();
      return connection.query(text, values);
    },
  };
}

export function createJobQueue(options: { connectionString: string; logger: Logger; poolMax?: number }): JobQueue {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: QUEUE_SCHEMA,
    application_name: 'hubspot-qbo-sync-queue',
    max: options.poolMax ?? 5,
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInMinutes: 15,
  });
  boss.on('error', (err) => options.logger.error({ err }, 'job queue error'));
  // pg-boss 10 requires a queue to exist before a job is sent to it.
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await ensureQueueWithPolicy(boss, name);
    created.add(name);
  };

  const localWorkers = new Map<string, string[]>();
  const wake = (name: string) => {
    for (const id of localWorkers.get(name) ?? []) boss.notifyWorker(id);
  };
  return {
    boss,
    connectionString: options.connectionString,
    addLocalWorker: (name, workerId) => localWorkers.set(name, [...(localWorkers.get(name) ?? []), workerId]),
    notify: (name, afterMs = 0) => {
      if (!localWorkers.has(name)) return;
      if (afterMs <= 0) wake(name);
      else setTimeout(() => wake(name), afterMs).unref();
    },
    start: async () => {
      await boss.start();
    },
    stop: async ({ graceful, timeoutMs }) => {
      await boss.stop({ graceful, timeout: timeoutMs, wait: true });
    },
    ensureQueue,
    send: async (name, data, sendOptions = {}) => {
      await ensureQueue(name);
      // pg-boss validates every key present, even undefined ones: pass only what is set.
      const options: PgBoss.SendOptions = {};
      if (sendOptions.singletonKey !== undefined) options.singletonKey = sendOptions.singletonKey;
      if (sendOptions.startAfterSeconds !== undefined) options.startAfter = sendOptions.startAfterSeconds;
      if (sendOptions.retryLimit !== undefined) options.retryLimit = sendOptions.retryLimit;
      if (sendOptions.priority !== undefined) options.priority = sendOptions.priority;
      if (sendOptions.expireInSeconds !== undefined) options.expireInSeconds = sendOptions.expireInSeconds;
      if (sendOptions.trx) options.db = transactionAdapter(sendOptions.trx);
      return boss.send(name, data, options);
    },
    sendMany: async (name, jobs) => {
      if (jobs.length === 0) return;
      await ensureQueue(name);
      // One INSERT … ON CONFLICT DO NOTHING per chunk: the policy's unique index drops duplicates.
      for (let i = 0; i < jobs.length; i += SEND_MANY_CHUNK) {
        await boss.insert(
          jobs.slice(i, i + SEND_MANY_CHUNK).map(({ data, options = {} }) => {
            const job: PgBoss.JobInsert = { name, data };
            if (options.singletonKey !== undefined) job.singletonKey = options.singletonKey;
            if (options.retryLimit !== undefined) job.retryLimit = options.retryLimit;
            if (options.priority !== undefined) job.priority = options.priority;
            if (options.expireInSeconds !== undefined) job.expireInSeconds = options.expireInSeconds;
            return job;
          }),
        );
      }
    },
    isReachable: async () => {
      try {
        return Boolean(await boss.isInstalled());
      } catch {
        return false;
      }
    },
  };
}
