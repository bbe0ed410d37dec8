/** The connected company's income accounts, for the guided setup's choices of where sales post (R13). */
import type { IncomeAccountsResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { IncomeAccountsResponse };

export const listIncomeAccounts = (api: ApiClient) => api.request<IncomeAccountsResponse>('GET', '/quickbooks/income-accounts');
