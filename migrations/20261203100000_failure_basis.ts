/**
 * Failures that stay put (issue 12): what a permanently failed record's inputs were when it failed
 * (each side's fingerprint and the definition's), so a catch-up that sees the same record again does
 * not retry it until something changed; and when a record that failed for a passing reason (a vendor
 * outage) is due for its next, backed-off attempt.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table sync_records
      add column if not exists failure_basis jsonb,
      add column if not exists retry_after timestamptz;
    create index if not exists sync_records_retry_due on sync_records (portal_id, object_type, retry_after) where retry_after is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists sync_records_retry_due;
    alter table sync_records drop column if exists failure_basis, drop column if exists retry_after;
  `);
}
