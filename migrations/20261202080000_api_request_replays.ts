/**
 * hubspot.fetch retries a request once on a connection failure or a 5xx, so a POST can arrive twice. The
 * UI sends a `requestId` with every write; the first answer is kept here (per account) and replayed to
 * the repeat instead of doing the write again. Rows are purged after a day.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table if not exists api_request_replays (
      portal_id    bigint not null,
      request_id   text not null,
      method       text not null,
      path         text not null,
      status       integer,
      body         jsonb,
      created_at   timestamptz not null default now(),
      primary key (portal_id, request_id)
    );
    create index if not exists api_request_replays_created_idx on api_request_replays (created_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists api_request_replays');
}
