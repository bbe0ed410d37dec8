/**
 * The one way our UI extensions call the backend: `hubspot.fetch` (HubSpot signs the request and adds
 * `appId`) to `/api/v1/*`, with the account's `portalId` in the query string, which the signature
 * covers and the backend trusts only because of it. Non-2xx answers become an `ApiError`.
 */
import { hubspot } from '@hubspot/ui-extensions';
import type { ApiErrorEnvelope as ErrorEnvelope } from '@quickbooks-sync/contract';
import { BACKEND_BASE_URL } from './backend-url.ts';
import { ApiError } from './api-error.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: Record<string, unknown>;
}

export interface ApiClient {
  readonly portalId: number;
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
}

// HubSpot's documented safe budget for a proxied request; our endpoints answer well within it.
const TIMEOUT_MS = 15_000;

export function apiUrl(portalId: number, path: string, query: RequestOptions['query'] = {}): string {
  const url = new URL(`/api/v1${path}`, BACKEND_BASE_URL);
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== '') url.searchParams.append(key, String(v));
  }
  url.searchParams.set('portalId', String(portalId));
  return url.toString();
}

async function errorFrom(response: Response): Promise<ApiError> {
  const envelope = (await response.json().catch(() => undefined)) as Partial<ErrorEnvelope> | undefined;
  const error = envelope?.error;
  if (error && typeof error.code === 'string') return new ApiError(response.status, error.code, error.message, error.details);
  return new ApiError(response.status, 'http_error', `Our service answered with status ${response.status}. Try again in a moment.`);
}

export function createApiClient(portalId: number): ApiClient {
  return {
    portalId,
    async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
      let response: Response;
      try {
        response = await hubspot.fetch(apiUrl(portalId, path, options.query), { method, timeout: TIMEOUT_MS, ...(options.body ? { body: options.body } : {}) });
      } catch {
        throw new ApiError(0, 'network_error', 'Our service could not be reached. Check your connection and try again.');
      }
      if (!response.ok) throw await errorFrom(response);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    },
  };
}
