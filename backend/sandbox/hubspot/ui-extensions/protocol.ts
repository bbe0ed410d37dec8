/**
 * What the page (the host) and an extension's Web Worker say to each other over `@remote-ui/rpc`, as in
 * HubSpot: the worker exposes `render`, the host exposes the platform services the extension SDK reaches
 * through the worker globals (`hubspot.fetch`, the CRM data hooks, the logger). Types only: both bundles
 * import this file.
 */
import type { RemoteChannel } from '@remote-ui/core';

/** The part of `hubspot.fetch`'s options HubSpot accepts (`http-requests.synced.d.ts`). */
export interface FetchOptions {
  method?: string;
  timeout?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A proxied answer, rebuilt into a `Response` inside the worker (a Response cannot cross postMessage). */
export interface ProxiedResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface AssociationsRequest {
  toObjectType: string;
  properties?: string[];
  pageLength?: number;
  offset?: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The host's services, called from the worker. */
export interface HostServices {
  fetch(url: string, options: FetchOptions): Promise<ProxiedResponse>;
  fetchAssociations(request: AssociationsRequest): Promise<ProxiedResponse>;
  log(level: LogLevel, data: unknown): void;
  /** An error the worker caught (the extension threw while loading or rendering). */
  reportError(message: string): void;
}

/** What `hubspot.extend`'s render callback receives: `{ context, actions, runServerlessFunction }`. */
export interface ExtensionInit {
  context: Record<string, unknown>;
  /** The actions of the extension point, each an RPC function into the host. */
  actions: Record<string, (...args: never[]) => unknown>;
}

/** The worker's side. */
export interface WorkerApi {
  render(channel: RemoteChannel, init: ExtensionInit): Promise<void>;
}
