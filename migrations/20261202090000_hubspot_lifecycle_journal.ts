/**
 * Where the poll of HubSpot's webhooks journal (app lifecycle events: uninstalls) has got to, per app:
 * the journal subscription it created and the offset of the last entry it handled, so a restart
 * resumes there instead of re-reading three days of journal.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table if not exists hubspot_lifecycle_journal (
      client_id text primary key,
      subscription_id bigint,
      journal_offset text,
      last_polled_at timestamptz,
      last_entry_at timestamptz,
      updated_at timestamptz not null default now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists hubspot_lifecycle_journal;');
}
