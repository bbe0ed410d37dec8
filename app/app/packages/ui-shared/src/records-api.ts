/** The object view, record view, activity and retry endpoints (R27, R28), typed by the API contract. */
import type {
  ActivityResponse,
  ObjectTypeName,
  ObjectViewResponse,
  RecordFilters,
  RecordListResponse,
  RecordResponse,
  RetryResponse,
} from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export const getObjectView = (api: ApiClient, objectType?: ObjectTypeName) => api.request<ObjectViewResponse>('GET', '/object-view', { query: { objectType } });

export const listRecords = (api: ApiClient, filters: RecordFilters, page: { cursor?: string; limit?: number } = {}) =>
  api.request<RecordListResponse>('GET', '/records', { query: { ...filters, ...page } });

/** A CRM card's record: `record` is null when the sync has not seen it. */
export const lookupRecord = (api: ApiClient, objectType: ObjectTypeName, hubspotId: string) =>
  api.request<RecordResponse>('GET', '/records/lookup', { query: { objectType, hubspotId } });

export const listActivity = (api: ApiClient, recordId: number, cursor?: string) => api.request<ActivityResponse>('GET', `/records/${recordId}/activity`, { query: { cursor } });

export const retryRecord = (api: ApiClient, recordId: number) => api.request<RetryResponse>('POST', `/records/${recordId}/retry`);
