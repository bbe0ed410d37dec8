/** The connected company's sales tax codes, for the guided setup's default tax code of invoice lines (R22). */
import type { TaxCodesResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { TaxCodesResponse };

export const listTaxCodes = (api: ApiClient) => api.request<TaxCodesResponse>('GET', '/quickbooks/tax-codes');
