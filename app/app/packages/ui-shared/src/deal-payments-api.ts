/** The deal card's payment details (R30): the deal's invoices and their payments, typed by the API contract. */
import type { DealPaymentsResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { DealPaymentsResponse };
export type DealInvoice = DealPaymentsResponse['invoices'][number];

export const getDealPayments = (api: ApiClient, dealId: string) => api.request<DealPaymentsResponse>('GET', `/deals/${encodeURIComponent(dealId)}/payments`);
