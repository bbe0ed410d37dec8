/** The sync settings endpoints (R5–R11): list, save (create or edit), recommended, enable/disable, delete, Sync now. */
import type { FieldCatalogueResponse, ObjectTypeName, SyncDefinitionInput, SyncDefinitionView, SyncListResponse, SyncNowResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { FieldCatalogueResponse, ObjectTypeName, SyncDefinitionInput, SyncDefinitionView };
export type FieldMapping = SyncDefinitionView['fieldMappings'][number];
export type FilterGroup = SyncDefinitionView['filters']['toQbo'][number];
export type FilterCriterion = FilterGroup['criteria'][number];

export const listSyncs = (api: ApiClient) => api.request<SyncListResponse>('GET', '/syncs');

export const saveSync = (api: ApiClient, objectType: ObjectTypeName, input: SyncDefinitionInput) => api.request<SyncDefinitionView>('PUT', `/syncs/${objectType}`, { body: { ...input } });

export const createRecommendedSync = (api: ApiClient, objectType: ObjectTypeName) => api.request<SyncDefinitionView>('POST', `/syncs/${objectType}/recommended`);

export const setSyncEnabled = (api: ApiClient, objectType: ObjectTypeName, enabled: boolean) =>
  api.request<SyncDefinitionView>('POST', `/syncs/${objectType}/${enabled ? 'enable' : 'disable'}`);

export const deleteSync = (api: ApiClient, objectType: ObjectTypeName) => api.request<void>('DELETE', `/syncs/${objectType}`);

export const syncNow = (api: ApiClient, objectType: ObjectTypeName) => api.request<SyncNowResponse>('POST', `/syncs/${objectType}/sync-now`);

/** R7: the fields each side offers to a mapping of this object (QuickBooks invoice custom fields under their names). */
export const getSyncFields = (api: ApiClient, objectType: ObjectTypeName) => api.request<FieldCatalogueResponse>('GET', `/syncs/${objectType}/fields`);
