/** R26: what the guided setup should tell the installer, read from QuickBooks Preferences and both sides' data. */
import type { SetupChecksResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { SetupChecksResponse };

export const getSetupChecks = (api: ApiClient) => api.request<SetupChecksResponse>('GET', '/setup-checks');
