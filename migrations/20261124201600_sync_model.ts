/**
 * The sync: per-object definitions, one row per synced record (the HubSpot ⇄ QBO link and its
 * state), the append-only activity log, runs, the webhook inbox, rate budgets, exports and alerts.
 *
 * Tenancy: every table carries portal_id. Child rows reference their parent through (portal_id, id)
 * composite keys, so a row can never point at another account's record.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create extension if not exists pg_trgm;

    create table if not exists sync_definitions (
      id                     bigserial primary key,
      portal_id              bigint not null references hubspot_installations (portal_id) on delete cascade,
      object_type            text not null check (object_type in ('contacts', 'products', 'invoices', 'payments')),
      direction              text not null check (direction in ('hubspot_to_qbo', 'qbo_to_hubspot', 'two_way')),
      conflict_winner        text not null default 'hubspot' check (conflict_winner in ('hubspot', 'quickbooks')),
      status                 text not null default 'enabled' check (status in ('enabled', 'disabled', 'deleted')),
      -- [{ id, kind: default|custom, enabled, hubspotProperty, qboField, direction }]
      field_mappings         jsonb not null default '[]'::jsonb,
      -- { toQbo: FilterGroup[], toHubSpot: FilterGroup[] }; a FilterGroup is an AND of criteria, groups are ORed
      filters                jsonb not null default '{}'::jsonb,
      -- object-specific options (income account for new items, SKU required, ...)
      options                jsonb not null default '{}'::jsonb,
      setup_date             timestamptz not null,
      -- watermarks of the catch-up: HubSpot lastmodified search and QBO CDC
      hubspot_cursor         timestamptz,
      qbo_cursor             timestamptz,
      -- where an interrupted backfill resumes ({ phase, hubspotAfter, qboStartPosition, ... })
      backfill_checkpoint    jsonb,
      backfill_completed_at  timestamptz,
      last_full_reconcile_at timestamptz,
      last_sync_started_at   timestamptz,
      last_sync_finished_at  timestamptz,
      next_sync_at           timestamptz,
      created_at             timestamptz not null default now(),
      updated_at             timestamptz not null default now(),
      deleted_at             timestamptz,
      unique (portal_id, id)
    );
    create unique index if not exists sync_definitions_live_uidx
      on sync_definitions (portal_id, object_type) where status <> 'deleted';
    create index if not exists sync_definitions_due_idx
      on sync_definitions (next_sync_at) where status = 'enabled';

    -- One row per record the sync knows: the link between the HubSpot and QBO ids (either may be
    -- missing while excluded, failed or pending) and the record's sync state. Kept after a
    -- definition is deleted so a re-setup or reinstall reuses the links instead of duplicating.
    create table if not exists sync_records (
      id                   bigserial primary key,
      portal_id            bigint not null references hubspot_installations (portal_id) on delete cascade,
      object_type          text not null check (object_type in ('contacts', 'products', 'invoices', 'payments')),
      hubspot_id           text,
      qbo_id               text,
      -- which system the record was first created in (R17: invoice updates go to QBO only for HubSpot-born ones)
      origin               text check (origin in ('hubspot', 'quickbooks')),
      state                text not null default 'pending'
                           check (state in ('pending', 'synced', 'failed', 'excluded')),
      reason_code          text,
      message              text,
      attempts             integer not null default 0,
      -- echo suppression: hash of the mapped values last written to / read from each side
      hubspot_fingerprint  text,
      qbo_fingerprint      text,
      -- the mapped values at the last sync, for conflict detection and before/after in the activity log
      hubspot_snapshot     jsonb,
      qbo_snapshot         jsonb,
      hubspot_updated_at   timestamptz,
      qbo_updated_at       timestamptz,
      qbo_sync_token       text,
      -- requestid of an in-flight QBO create: a retry after a crash replays it instead of duplicating
      pending_qbo_request_id uuid,
      -- what people search and read in the record view
      display_name         text,
      email                text,
      last_direction       text check (last_direction in ('to_qbo', 'to_hubspot')),
      last_attempt_at      timestamptz,
      last_synced_at       timestamptz,
      created_at           timestamptz not null default now(),
      updated_at           timestamptz not null default now(),
      check (hubspot_id is not null or qbo_id is not null),
      unique (portal_id, id)
    );
    create unique index if not exists sync_records_hubspot_uidx
      on sync_records (portal_id, object_type, hubspot_id) where hubspot_id is not null;
    create unique index if not exists sync_records_qbo_uidx
      on sync_records (portal_id, object_type, qbo_id) where qbo_id is not null;
    create index if not exists sync_records_view_idx
      on sync_records (portal_id, object_type, state, id);
    create index if not exists sync_records_reason_idx
      on sync_records (portal_id, object_type, reason_code, id) where reason_code is not null;
    create index if not exists sync_records_search_idx
      on sync_records using gin ((coalesce(display_name, '') || ' ' || coalesce(email, '')) gin_trgm_ops);

    create table if not exists sync_runs (
      id             bigserial primary key,
      portal_id      bigint not null,
      definition_id  bigint not null,
      object_type    text not null,
      trigger        text not null check (trigger in ('first_sync', 'schedule', 'webhook', 'sync_now', 'retry', 'reconcile')),
      status         text not null default 'running' check (status in ('running', 'succeeded', 'failed', 'cancelled')),
      created_count  integer not null default 0,
      updated_count  integer not null default 0,
      skipped_count  integer not null default 0,
      failed_count   integer not null default 0,
      excluded_count integer not null default 0,
      api_calls      jsonb not null default '{}'::jsonb,
      error          text,
      started_at     timestamptz not null default now(),
      finished_at    timestamptz,
      unique (portal_id, id),
      foreign key (portal_id, definition_id) references sync_definitions (portal_id, id) on delete cascade
    );
    create index if not exists sync_runs_definition_idx on sync_runs (portal_id, definition_id, started_at desc);

    -- Append-only: what happened to a record, when, which way, with what outcome.
    create table if not exists sync_activity (
      id            bigserial primary key,
      portal_id     bigint not null,
      record_id     bigint not null,
      run_id        bigint,
      object_type   text not null,
      action        text not null check (action in ('create', 'update', 'skip', 'conflict', 'fail', 'exclude', 'link', 'delete', 'retry')),
      direction     text check (direction in ('to_qbo', 'to_hubspot')),
      outcome       text not null check (outcome in ('success', 'failure', 'skipped')),
      reason_code   text,
      message       text,
      -- e.g. { before: {...}, after: {...}, winner: 'hubspot' }
      details       jsonb,
      occurred_at   timestamptz not null default now(),
      foreign key (portal_id, record_id) references sync_records (portal_id, id) on delete cascade,
      foreign key (portal_id, run_id) references sync_runs (portal_id, id) on delete set null (run_id)
    );
    create index if not exists sync_activity_record_idx on sync_activity (portal_id, record_id, occurred_at desc, id desc);

    -- History is never rewritten. The one change allowed is re-pointing entries to another record row,
    -- when the engine finds that two rows (one per side) are the same party and merges them.
    create or replace function sync_activity_is_append_only() returns trigger language plpgsql as $$
    begin
      if (new.id, new.portal_id, new.run_id, new.object_type, new.action, new.direction, new.outcome,
          new.reason_code, new.message, new.details, new.occurred_at)
         is distinct from
         (old.id, old.portal_id, old.run_id, old.object_type, old.action, old.direction, old.outcome,
          old.reason_code, old.message, old.details, old.occurred_at) then
        raise exception 'sync_activity is append-only';
      end if;
      return new;
    end $$;
    drop trigger if exists sync_activity_no_update on sync_activity;
    create trigger sync_activity_no_update before update on sync_activity
      for each row execute function sync_activity_is_append_only();

    create table if not exists webhook_inbox (
      id            bigserial primary key,
      portal_id     bigint not null references hubspot_installations (portal_id) on delete cascade,
      source        text not null check (source in ('hubspot', 'quickbooks')),
      -- HubSpot eventId / QBO CloudEvent id: a redelivery is recognised and ignored
      dedupe_key    text not null,
      payload       jsonb not null,
      received_at   timestamptz not null default now(),
      processed_at  timestamptz,
      error         text,
      unique (source, dedupe_key)
    );
    create index if not exists webhook_inbox_unprocessed_idx on webhook_inbox (received_at) where processed_at is null;
    create index if not exists webhook_inbox_processed_idx on webhook_inbox (processed_at) where processed_at is not null;

    -- Calls spent per account and vendor in the current window, shared by every worker process.
    create table if not exists vendor_rate_budgets (
      portal_id     bigint not null references hubspot_installations (portal_id) on delete cascade,
      vendor        text not null check (vendor in ('hubspot', 'quickbooks')),
      bucket        text not null default 'default',
      window_start  timestamptz not null,
      used          integer not null default 0,
      blocked_until timestamptz,
      primary key (portal_id, vendor, bucket)
    );

    create table if not exists export_jobs (
      id                 uuid primary key,
      portal_id          bigint not null references hubspot_installations (portal_id) on delete cascade,
      requested_by_user_id bigint,
      requested_by_email text,
      format             text not null check (format in ('csv', 'xlsx')),
      -- the record view filters at the time of the request
      filters            jsonb not null default '{}'::jsonb,
      status             text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'expired')),
      row_count          integer,
      file_path          text,
      file_bytes         bigint,
      error              text,
      created_at         timestamptz not null default now(),
      finished_at        timestamptz,
      expires_at         timestamptz
    );
    create index if not exists export_jobs_portal_idx on export_jobs (portal_id, created_at desc);

    -- In-app alerts shown in the settings page (export ready, needs reconnect, ...).
    create table if not exists account_alerts (
      id            bigserial primary key,
      portal_id     bigint not null references hubspot_installations (portal_id) on delete cascade,
      kind          text not null,
      severity      text not null check (severity in ('info', 'warning', 'error')),
      title         text not null,
      message       text not null,
      link          text,
      created_at    timestamptz not null default now(),
      dismissed_at  timestamptz
    );
    create index if not exists account_alerts_open_idx on account_alerts (portal_id, created_at desc) where dismissed_at is null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists account_alerts;
    drop table if exists export_jobs;
    drop table if exists vendor_rate_budgets;
    drop table if exists webhook_inbox;
    drop trigger if exists sync_activity_no_update on sync_activity;
    drop table if exists sync_activity;
    drop function if exists sync_activity_is_append_only();
    drop table if exists sync_runs;
    drop table if exists sync_records;
    drop table if exists sync_definitions;
  `);
}
