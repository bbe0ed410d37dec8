/**
 * Worker liveness for pg-boss 10, which has no heartbeats: a job whose worker was killed (kill -9, OOM,
 * a lost machine) stays `active` until its expiry — 16½ minutes for a first sync. So each worker
 * process:
 *
 * - holds, for its whole life, a session advisory lock on a connection of its own (its *liveness
 *   lock*): Postgres releases it the moment the process dies and its socket closes;
 * - records a *lease* for each job it runs (`job_leases`: job, worker, lock key) and renews the
 *   heartbeat of all its leases every HEARTBEAT_MS in one statement;
 * - every REAP_INTERVAL_MS (and once when it starts) hands back to the queue, in one transaction with
 *   the job rows locked (`for update skip locked`, so two reapers never fail one job twice), every
 *   active job whose worker is gone: its heartbeat is older than DEAD_AFTER_MS *and* its liveness lock
 *   is free, or its heartbeat is older than LOST_AFTER_MS whatever the lock says (a machine cut off,
 *   whose connection Postgres has not noticed yet), or it has had no lease for LEASELESS_AFTER_MS
 *   (killed between taking the job and writing the lease). pg-boss's own `fail` does the hand-back
 *   (the retry count and the job's data stay pg-boss's), and the job is made due at once: it did not
 *   fail, its worker did.
 *
 * A live worker is never reaped while it can reach the database: its lock is held and its heartbeat
 * fresh, even when its event loop is busy for a while. A first sync killed mid-way is therefore picked
 * up again within about 10–30 s of a worker being up, and resumes from its page checkpoint; the sync
 * pass lock (sync/engine/object-lock.ts) still guarantees two passes of one object never overlap.
 * If a worker does find its lease taken from it (cut off for longer than LOST_AFTER_MS), the job's
 * signal aborts so the pass stops at its next page.
 */
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from './queue.ts';
import { QUEUE_SCHEMA, transactionAdapter } from './queue.ts';

export const JOB_LEASES = 'job_leases';
/** First key of every worker's liveness lock (the second is the worker's random key). */
const LIVENESS_LOCK_NAMESPACE = 0x4851_5357; // "HQSW"

export interface LeaseTimings {
  heartbeatMs: number;
  reapIntervalMs: number;
  deadAfterMs: number;
  lostAfterMs: number;
  leaselessAfterMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { heartbeatMs: 3_000, reapIntervalMs: 5_000, deadAfterMs: 10_000, lostAfterMs: 120_000, leaselessAfterMs: 30_000 };

export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} was handed to another worker while this one was cut off from the database`);
    this.name = 'LeaseLost';
  }
}

export interface WorkerLeases {
  workerId: string;
  /** Records that this worker runs the job; the signal aborts if the lease is taken away. */
  claim(queue: string, jobId: string): Promise<AbortSignal>;
  release(jobId: string): Promise<void>;
  /** Hands back jobs of dead workers now; returns how many. */
  reap(): Promise<number>;
  stop(): Promise<void>;
}

export async function startWorkerLeases(options: { db: Knex; queue: JobQueue; connectionString: string; logger: Logger; timings?: Partial<LeaseTimings> }): Promise<WorkerLeases> {
  const { db, queue, logger } = options;
  const timings = { ...DEFAULT_LEASE_TIMINGS, ...options.timings };
  const workerId = randomUUID();
  const lockKey = randomInt(1, 2 ** 31 - 1);
  const running = new Map<string, AbortController>();

  // The liveness lock lives on a connection outside the pool, for the life of the process.
  let liveness: pg.Client | undefined;
  let stopped = false;
  const holdLivenessLock = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.connectionString, application_name: 'hubspot-qbo-sync-worker-liveness' });
    client.on('error', (err) => {
      // A restarted database: take the lock again on a new connection (the heartbeat keeps our leases meanwhile).
      if (stopped) return;
      logger.warn({ err: err.message }, 'worker liveness connection lost; reconnecting');
      liveness = undefined;
      setTimeout(() => void holdLivenessLock().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query('select pg_advisory_lock($1, $2)', [LIVENESS_LOCK_NAMESPACE, lockKey]);
    liveness = client;
  };
  await holdLivenessLock();

  const heartbeat = async () => {
    if (running.size === 0) return;
    const rows: Array<{ job_id: string }> = await db(JOB_LEASES).where({ worker_id: workerId }).update({ heartbeat_at: db.fn.now() }).returning('job_id');
    const held = new Set(rows.map((r) => r.job_id));
    for (const [jobId, controller] of running) if (!held.has(jobId) && !controller.signal.aborted) controller.abort(new LeaseLost(jobId));
  };

  const reap = async (): Promise<number> => {
    const reaped = await db.transaction(async (trx) => {
      const { rows } = await trx.raw<{ rows: Array<{ id: string; name: string; worker_id: string | null }> }>(
        `select j.id, j.name, l.worker_id
           from ${QUEUE_SCHEMA}.job j
           left join ${JOB_LEASES} l on l.job_id = j.id
          where j.state = 'active'
            and (
              (l.job_id is null and j.started_on < now() - make_interval(secs => ?))
              or l.heartbeat_at < now() - make_interval(secs => ?)
              or (l.heartbeat_at < now() - make_interval(secs => ?)
                  and not exists (
                    select 1 from pg_locks k
                     where k.locktype = 'advisory' and k.granted and k.objsubid = 2
                       and k.database = (select oid from pg_database where datname = current_database())
                       and k.classid::bigint = ? and k.objid::bigint = l.worker_lock_key))
            )
          for update of j skip locked`,
        [timings.leaselessAfterMs / 1000, timings.lostAfterMs / 1000, timings.deadAfterMs / 1000, LIVENESS_LOCK_NAMESPACE],
      );
      if (rows.length === 0) return rows;
      for (const row of rows) {
        await queue.boss.fail(row.name, row.id, { reason: 'its worker stopped (killed, or cut off from the database); handed back to the queue by a live worker' }, { db: transactionAdapter(trx) });
      }
      // The job did not fail, its worker did: it runs again now rather than after pg-boss's retry backoff.
      await trx.raw(`update ${QUEUE_SCHEMA}.job set start_after = now() where id = any(?::uuid[]) and state = 'retry'`, [rows.map((r) => r.id)]);
      await trx(JOB_LEASES).whereIn('job_id', rows.map((r) => r.id)).delete();
      return rows;
    });
    if (reaped.length > 0) {
      logger.warn({ jobs: reaped.map((r) => ({ queue: r.name, jobId: r.id, worker: r.worker_id })) }, `${reaped.length} job(s) of a worker that stopped without finishing them (killed?) handed back to the queue; they resume from their checkpoints`);
    }
    return reaped.length;
  };

  const tick = (fn: () => Promise<unknown>, what: string) => () =>
    void fn().catch((err: unknown) => {
      if (!stopped) logger.warn({ err: err instanceof Error ? err.message : String(err) }, `job lease ${what} failed; will try again`);
    });
  const beatTimer = setInterval(tick(heartbeat, 'heartbeat'), timings.heartbeatMs);
  const reapTimer = setInterval(tick(reap, 'check'), timings.reapIntervalMs);
  beatTimer.unref();
  reapTimer.unref();
  await reap().catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'job lease check failed at start; will try again'));

  return {
    workerId,
    claim: async (queueName, jobId) => {
      const controller = new AbortController();
      running.set(jobId, controller);
      await db(JOB_LEASES)
        .insert({ job_id: jobId, queue: queueName, worker_id: workerId, worker_lock_key: lockKey })
        .onConflict('job_id')
        .merge({ worker_id: workerId, worker_lock_key: lockKey, claimed_at: db.fn.now(), heartbeat_at: db.fn.now() });
      return controller.signal;
    },
    release: async (jobId) => {
      running.delete(jobId);
      await db(JOB_LEASES).where({ job_id: jobId, worker_id: workerId }).delete();
    },
    reap,
    stop: async () => {
      stopped = true;
      clearInterval(beatTimer);
      clearInterval(reapTimer);
      await liveness?.end().catch(() => undefined);
    },
  };
}
