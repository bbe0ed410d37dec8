/** Record-view exports (R29): start one from the current filters, then poll it until its signed link is ready. */
import type { CreateExportRequest, ExportJobView, ExportListResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type { ExportJobView };

export const createExport = (api: ApiClient, request: CreateExportRequest) => api.request<ExportJobView>('POST', '/exports', { body: { ...request } });

export const getExport = (api: ApiClient, exportId: string) => api.request<ExportJobView>('GET', `/exports/${exportId}`);

export const listExports = (api: ApiClient) => api.request<ExportListResponse>('GET', '/exports');
