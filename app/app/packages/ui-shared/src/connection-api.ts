/** The connection endpoints (R2): account status, QuickBooks connect link, disconnect. Types come from the API contract. */
import type { ConnectLinkResponse, ConnectionStatusResponse, DisconnectResponse } from '@quickbooks-sync/contract';
import type { ApiClient } from './api-client.ts';

export type ConnectionStatus = ConnectionStatusResponse;
export type QuickBooksConnection = NonNullable<ConnectionStatus['quickbooks']>;

export const getConnection = (api: ApiClient) => api.request<ConnectionStatus>('GET', '/connection');

/** `replace: true` after the backend answered 409 because another company is connected. */
export const createConnectLink = (api: ApiClient, replace = false) => api.request<ConnectLinkResponse>('POST', '/quickbooks/connect-link', { body: { replace } });

export const disconnectQuickBooks = (api: ApiClient) => api.request<DisconnectResponse>('POST', '/quickbooks/disconnect');

/** The account must reconnect QuickBooks (a refused refresh token) or reinstall before anything syncs. */
export function needsReconnect(connection: ConnectionStatus): boolean {
  return connection.installation.status === 'needs_reconnect' || connection.quickbooks?.status === 'needs_reconnect';
}
