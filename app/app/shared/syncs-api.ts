/** The sync settings endpoints (R5–R11): list, save (create or edit), recommended, enable/disable, delete, Sync now. */
import type { SyncDefinitionView } from '../../../backend/src/sync/definitions/definitions-service.ts';
import type { DefinitionInput } from '../../../backend/src/sync/definitions/definition-schema.ts';
import type { ObjectType } from '../../../backend/src/sync/types.ts';
import type { ApiClient } from './api-client.ts';

export type { SyncDefinitionView, DefinitionInput, ObjectType };

export const listSyncs = (api: ApiClient) => api.request<{ syncs: SyncDefinitionView[] }>('GET', '/syncs');

export const saveSync = (api: ApiClient, objectType: ObjectType, input: DefinitionInput) => api.request<SyncDefinitionView>('PUT', `/syncs/${objectType}`, { body: { ...input } });

export const createRecommendedSync = (api: ApiClient, objectType: ObjectType) => api.request<SyncDefinitionView>('POST', `/syncs/${objectType}/recommended`);

export const setSyncEnabled = (api: ApiClient, objectType: ObjectType, enabled: boolean) =>
  api.request<SyncDefinitionView>('POST', `/syncs/${objectType}/${enabled ? 'enable' : 'disable'}`);

export const deleteSync = (api: ApiClient, objectType: ObjectType) => api.request<void>('DELETE', `/syncs/${objectType}`);

export const syncNow = (api: ApiClient, objectType: ObjectType) => api.request<{ queued: boolean }>('POST', `/syncs/${objectType}/sync-now`);
