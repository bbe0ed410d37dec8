/**
 * The ordered list of migrations. Knex's default loader imports files at run time by path, which
 * bypasses the TypeScript loader in tests; listing them here keeps one code path for `npm run migrate`,
 * `npm start` and the test suites.
 */
import type { Knex } from 'knex';
import * as accountsAndConnections from './20261124201500_accounts_and_connections.ts';
import * as syncModel from './20261124201600_sync_model.ts';
import * as recordViewsAndExports from './20261124224500_record_views_and_exports.ts';
import * as jobLeases from './20261202070000_job_leases.ts';
import * as apiRequestReplays from './20261202080000_api_request_replays.ts';
import * as hubspotLifecycleJournal from './20261202090000_hubspot_lifecycle_journal.ts';
import * as failureBasis from './20261203100000_failure_basis.ts';
import * as companiesMode from './20261204190000_companies_mode.ts';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: Migration[] = [
  { name: '20261124201500_accounts_and_connections', ...accountsAndConnections },
  { name: '20261124201600_sync_model', ...syncModel },
  { name: '20261124224500_record_views_and_exports', ...recordViewsAndExports },
  { name: '20261202070000_job_leases', ...jobLeases },
  { name: '20261202080000_api_request_replays', ...apiRequestReplays },
  { name: '20261202090000_hubspot_lifecycle_journal', ...hubspotLifecycleJournal },
  { name: '20261203100000_failure_basis', ...failureBasis },
  { name: '20261204190000_companies_mode', ...companiesMode },
];
