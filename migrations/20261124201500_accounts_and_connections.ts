/**
 * Tenancy and credentials: one row per HubSpot account (portal) that installed the app, its
 * QuickBooks company, and the short-lived OAuth `state` rows of both hand-offs.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table if not exists hubspot_installations (
      portal_id               bigint primary key,
      status                  text not null default 'active'
                              check (status in ('active', 'needs_reconnect', 'uninstalled')),
      status_reason           text,
      hub_domain              text,
      scopes                  text[] not null default '{}',
      installed_by_user_id    bigint,
      installed_by_email      text,
      access_token_sealed     text,
      refresh_token_sealed    text,
      token_key_id            text,
      access_token_expires_at timestamptz,
      -- account-wide settings chosen in setup (custom line item income account, tax opt-in, ...)
      settings                jsonb not null default '{}'::jsonb,
      setup_completed_at      timestamptz,
      installed_at            timestamptz not null default now(),
      updated_at              timestamptz not null default now(),
      uninstalled_at          timestamptz,
      -- after uninstall, data is kept until this instant, then purged by a scheduled job
      purge_after             timestamptz,
      check ((access_token_sealed is null and refresh_token_sealed is null) or token_key_id is not null)
    );
    create index if not exists hubspot_installations_purge_idx
      on hubspot_installations (purge_after) where purge_after is not null;

    create table if not exists qbo_connections (
      id                       bigserial primary key,
      portal_id                bigint not null references hubspot_installations (portal_id) on delete cascade,
      realm_id                 text not null,
      environment              text not null check (environment in ('sandbox', 'production')),
      status                   text not null default 'connected'
                               check (status in ('connected', 'needs_reconnect', 'disconnected')),
      status_reason            text,
      company_name             text,
      country                  text,
      home_currency            text,
      access_token_sealed      text,
      refresh_token_sealed     text,
      token_key_id             text,
      access_token_expires_at  timestamptz,
      refresh_token_expires_at timestamptz,
      -- Preferences/CompanyInfo snapshot the setup checks read (custom txn numbers, book close, custom fields)
      preferences              jsonb not null default '{}'::jsonb,
      connected_at             timestamptz not null default now(),
      disconnected_at          timestamptz,
      updated_at               timestamptz not null default now(),
      check ((access_token_sealed is null and refresh_token_sealed is null) or token_key_id is not null),
      unique (portal_id),
      unique (portal_id, id)
    );
    -- a QuickBooks company belongs to at most one HubSpot account at a time
    create unique index if not exists qbo_connections_live_realm_uidx
      on qbo_connections (realm_id) where status <> 'disconnected';

    create table if not exists oauth_states (
      state_hash        text primary key,
      kind              text not null check (kind in ('hubspot_install', 'qbo_connect')),
      -- null for a HubSpot install: the account is only known after the callback
      portal_id         bigint references hubspot_installations (portal_id) on delete cascade,
      -- hash of a secret kept in a cookie of the browser that started the flow
      browser_hash      text,
      -- a reconnect must come back with the same QuickBooks company
      expected_realm_id text,
      -- the user confirmed replacing the QuickBooks company already connected
      replace_existing  boolean not null default false,
      created_at        timestamptz not null default now(),
      expires_at        timestamptz not null,
      used_at           timestamptz,
      check (kind = 'hubspot_install' or portal_id is not null)
    );
    create index if not exists oauth_states_expires_idx on oauth_states (expires_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table if exists oauth_states;
    drop table if exists qbo_connections;
    drop table if exists hubspot_installations;
  `);
}
