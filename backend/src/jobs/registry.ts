/** Every job the worker knows. Handlers stay thin: they call a service. */
import type { JobDefinition } from './job-definition.ts';
import { purgeWebhookInboxJob } from './handlers/purge-webhook-inbox.ts';
import { purgeUninstalledAccountsJob } from './handlers/purge-uninstalled-accounts.ts';
import { processWebhooksJob } from './handlers/process-webhooks.ts';
import { verifyConnectionJob } from './handlers/verify-qbo-connection.ts';
import { purgeOAuthStatesJob } from './handlers/purge-oauth-states.ts';

export type { JobDefinition };

export const jobDefinitions: JobDefinition[] = [
  processWebhooksJob,
  verifyConnectionJob,
  purgeWebhookInboxJob,
  purgeUninstalledAccountsJob,
  purgeOAuthStatesJob,
];
