/**
 * Job leases (backend/src/jobs/leases.ts): which worker process runs which active pg-boss job, with a
 * heartbeat. pg-boss 10 only notices a job whose worker died when its expiry passes (15 minutes); a
 * lease whose worker is gone lets any live worker hand the job back to the queue within seconds.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table job_leases (
      job_id uuid primary key,
      queue text not null,
      worker_id uuid not null,
      -- the worker holds pg_advisory_lock(<namespace>, worker_lock_key) on a connection of its own while it lives
      worker_lock_key integer not null,
      claimed_at timestamptz not null default now(),
      heartbeat_at timestamptz not null default now()
    );
    create index job_leases_worker_idx on job_leases (worker_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists job_leases');
}
