/**
 * The signed API's contract in one import: every endpoint's method, path, request and response
 * schema. The UI's fetch helper can be typed from `endpoints` (e.g. `z.infer<typeof endpoints.listRecords.response>`).
 * All paths are under /api/v1 and are called with hubspot.fetch; the account is HubSpot's signed
 * portalId, never a parameter of ours.
 */
import { errorEnvelopeSchema } from './api/common.ts';
import { connectLinkRequestSchema, connectLinkResponseSchema, connectionStatusSchema, dismissAlertResponseSchema, disconnectResponseSchema } from './api/connection.ts';
import { definitionInputSchema, syncDefinitionViewSchema, syncListResponseSchema, syncNowResponseSchema, validateSyncResponseSchema } from './api/syncs.ts';
import { objectViewQuerySchema, objectViewResponseSchema } from './api/object-view.ts';
import { recordListQuerySchema, recordListResponseSchema, recordLookupQuerySchema, recordResponseSchema } from './api/records.ts';
import { activityQuerySchema, activityResponseSchema } from './api/activity.ts';
import { recordSyncNowRequestSchema, recordSyncNowResponseSchema, retryResponseSchema } from './api/retry.ts';
import { createExportRequestSchema, exportJobViewSchema, exportListResponseSchema } from './api/exports.ts';
import { dealPaymentsResponseSchema } from './api/deal-payments.ts';
import { fieldCatalogueResponseSchema } from './api/fields.ts';
import { incomeAccountsResponseSchema } from './api/income-accounts.ts';
import { setupChecksResponseSchema } from './api/setup-checks.ts';
import { taxCodesResponseSchema } from './api/tax-codes.ts';

export * from './api/common.ts';
export * from './api/connection.ts';
export * from './api/syncs.ts';
export * from './api/object-view.ts';
export * from './api/records.ts';
export * from './api/activity.ts';
export * from './api/retry.ts';
export * from './api/exports.ts';
export * from './api/deal-payments.ts';
export * from './api/fields.ts';
export * from './api/income-accounts.ts';
export * from './api/setup-checks.ts';
export * from './api/tax-codes.ts';

export const API_PREFIX = '/api/v1';

const id = (value: number | string) => encodeURIComponent(String(value));

export const endpoints = {
  getConnection: { method: 'GET', path: () => '/connection', response: connectionStatusSchema },
  createConnectLink: { method: 'POST', path: () => '/quickbooks/connect-link', body: connectLinkRequestSchema, response: connectLinkResponseSchema },
  disconnect: { method: 'POST', path: () => '/quickbooks/disconnect', response: disconnectResponseSchema },
  /** Hides one of the account's alerts (404 for an unknown one; dismissing twice answers the same). */
  dismissAlert: { method: 'POST', path: (alertId: number) => `/alerts/${id(alertId)}/dismiss`, response: dismissAlertResponseSchema },
  /** 409 `qbo_not_connected` until QuickBooks is connected. */
  listIncomeAccounts: { method: 'GET', path: () => '/quickbooks/income-accounts', response: incomeAccountsResponseSchema },
  /** The company's sales tax codes (non-US companies, R22); 409 `qbo_not_connected` until QuickBooks is connected. */
  listTaxCodes: { method: 'GET', path: () => '/quickbooks/tax-codes', response: taxCodesResponseSchema },

  listSyncs: { method: 'GET', path: () => '/syncs', response: syncListResponseSchema },
  saveSync: { method: 'PUT', path: (objectType: string) => `/syncs/${id(objectType)}`, body: definitionInputSchema, response: syncDefinitionViewSchema },
  validateSync: { method: 'POST', path: (objectType: string) => `/syncs/${id(objectType)}/validate`, body: definitionInputSchema, response: validateSyncResponseSchema },
  createRecommendedSync: { method: 'POST', path: (objectType: string) => `/syncs/${id(objectType)}/recommended`, response: syncDefinitionViewSchema },
  enableSync: { method: 'POST', path: (objectType: string) => `/syncs/${id(objectType)}/enable`, response: syncDefinitionViewSchema },
  disableSync: { method: 'POST', path: (objectType: string) => `/syncs/${id(objectType)}/disable`, response: syncDefinitionViewSchema },
  /** 204, no body. */
  deleteSync: { method: 'DELETE', path: (objectType: string) => `/syncs/${id(objectType)}` },
  getSyncFields: { method: 'GET', path: (objectType: string) => `/syncs/${id(objectType)}/fields`, response: fieldCatalogueResponseSchema },
  syncNow: { method: 'POST', path: (objectType: string) => `/syncs/${id(objectType)}/sync-now`, response: syncNowResponseSchema },

  getObjectView: { method: 'GET', path: () => '/object-view', query: objectViewQuerySchema, response: objectViewResponseSchema },
  listRecords: { method: 'GET', path: () => '/records', query: recordListQuerySchema, response: recordListResponseSchema },
  getRecord: { method: 'GET', path: (recordId: number) => `/records/${id(recordId)}`, response: recordResponseSchema },
  lookupRecord: { method: 'GET', path: () => '/records/lookup', query: recordLookupQuerySchema, response: recordResponseSchema },
  listActivity: { method: 'GET', path: (recordId: number) => `/records/${id(recordId)}/activity`, query: activityQuerySchema, response: activityResponseSchema },
  retryRecord: { method: 'POST', path: (recordId: number) => `/records/${id(recordId)}/retry`, response: retryResponseSchema },
  syncRecordNow: { method: 'POST', path: () => '/records/sync-now', body: recordSyncNowRequestSchema, response: recordSyncNowResponseSchema },

  createExport: { method: 'POST', path: () => '/exports', body: createExportRequestSchema, response: exportJobViewSchema },
  listExports: { method: 'GET', path: () => '/exports', response: exportListResponseSchema },
  getExport: { method: 'GET', path: (exportId: string) => `/exports/${id(exportId)}`, response: exportJobViewSchema },

  /** R26; 409 (`qbo_not_connected` / `qbo_needs_reconnect`) until QuickBooks is connected. */
  getSetupChecks: { method: 'GET', path: () => '/setup-checks', response: setupChecksResponseSchema },

  getDealPayments: { method: 'GET', path: (dealId: string) => `/deals/${id(dealId)}/payments`, response: dealPaymentsResponseSchema },
} as const;

/** Any non-2xx response body. */
export const apiErrorSchema = errorEnvelopeSchema;
