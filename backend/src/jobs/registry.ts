/** Every job the worker knows. Handlers stay thin: they call a service. */
import type { JobDefinition } from './job-definition.ts';
import { purgeWebhookInboxJob } from './handlers/purge-webhook-inbox.ts';
import { purgeUninstalledAccountsJob } from './handlers/purge-uninstalled-accounts.ts';
import { processWebhooksJob } from './handlers/process-webhooks.ts';
import { verifyConnectionJob } from './handlers/verify-qbo-connection.ts';
import { purgeOAuthStatesJob } from './handlers/purge-oauth-states.ts';
import { syncRecordJob } from './handlers/sync-record.ts';
import { syncRecordPageJob } from './handlers/sync-records.ts';
import { syncInvoiceContactsJob } from './handlers/sync-invoice-contacts.ts';
import { syncContactCompaniesJob } from './handlers/sync-contact-companies.ts';
import { syncRemovalJob } from './handlers/sync-removal.ts';
import { syncCatchUpJob } from './handlers/sync-catch-up.ts';
import { syncScheduleJob } from './handlers/sync-schedule.ts';
import { exportRecordsJob } from './handlers/export-records.ts';
import { purgeExpiredExportsJob } from './handlers/purge-expired-exports.ts';
import { purgeRequestReplaysJob } from './handlers/purge-request-replays.ts';
import { pollLifecycleJournalJob } from './handlers/poll-lifecycle-journal.ts';

export type { JobDefinition };

export const jobDefinitions: JobDefinition[] = [
  processWebhooksJob,
  syncRecordJob,
  syncRecordPageJob,
  syncInvoiceContactsJob,
  syncContactCompaniesJob,
  syncRemovalJob,
  syncCatchUpJob,
  syncScheduleJob,
  verifyConnectionJob,
  purgeWebhookInboxJob,
  purgeUninstalledAccountsJob,
  purgeOAuthStatesJob,
  exportRecordsJob,
  purgeExpiredExportsJob,
  purgeRequestReplaysJob,
  pollLifecycleJournalJob,
];
