/** Every job the worker knows. Handlers stay thin: they call a service. */
import type { JobDefinition } from './job-definition.ts';
import { purgeWebhookInboxJob } from './handlers/purge-webhook-inbox.ts';
import { purgeUninstalledAccountsJob } from './handlers/purge-uninstalled-accounts.ts';

export type { JobDefinition };

export const jobDefinitions: JobDefinition[] = [purgeWebhookInboxJob, purgeUninstalledAccountsJob];
