/**
 * Indexes for the object and record views, and what exports need beyond the first sync model.
 *
 * - The object view counts an account's records per object, state and reason in one grouped query;
 *   this index lets Postgres answer it from the index alone (no heap reads) at a million records.
 * - Exports remember the chosen columns, and the purge finds expired files without scanning.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index if not exists sync_records_counts_idx
      on sync_records (portal_id, object_type, state, reason_code);

    alter table export_jobs add column if not exists columns jsonb not null default '[]'::jsonb;
    create index if not exists export_jobs_expiry_idx
      on export_jobs (expires_at) where status = 'succeeded';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists export_jobs_expiry_idx;
    alter table export_jobs drop column if exists columns;
    drop index if exists sync_records_counts_idx;
  `);
}
