/**
 * The extension worker's platform layer, bundled in front of the extension's own entry point (so it runs
 * first): the worker globals `@hubspot/ui-extensions` reads (`extend_V2`, `hsFetch`, `hsWorkerAPI`,
 * `logger`, the worker marker), and the `render` call the host makes. `hubspot.extend(cb)` only stores
 * `cb`; on `render`, the element it returns is rendered by `@remote-ui/react` into a remote root whose
 * channel is the host's receiver, so the host page sees component names and props, never the extension's
 * code. React and `@remote-ui/*` are the copies the extension's own `@hubspot/ui-extensions` uses (the
 * bundler resolves them from the extension's folder).
 */
import type { ReactElement } from 'react';
import { createRemoteRoot, type RemoteChannel } from '@remote-ui/core';
import { createRoot } from '@remote-ui/react';
import { createEndpoint, retain, type MessageEndpoint } from '@remote-ui/rpc';
import type { AssociationsRequest, ExtensionInit, FetchOptions, HostServices, LogLevel, ProxiedResponse, WorkerApi } from '../protocol.ts';

type RenderCallback = (api: ExtensionInit & { runServerlessFunction: () => Promise<never> }) => ReactElement;

interface WorkerScope {
  __HUBSPOT_EXTENSION_WORKER__: boolean;
  extend_V2: (callback: RenderCallback) => void;
  hsFetch: (url: string | URL, options?: FetchOptions) => Promise<Response>;
  serverless: () => Promise<never>;
  logger: Record<LogLevel, (data: unknown) => void>;
  hsWorkerAPI: Record<string, unknown>;
}

const scope = self as unknown as WorkerScope & MessageEndpoint;
const endpoint = createEndpoint<HostServices>(scope);
const host = endpoint.call;

let renderCallback: RenderCallback | undefined;
let api: (ExtensionInit & { runServerlessFunction: () => Promise<never> }) | undefined;

const toResponse = (r: ProxiedResponse): Response =>
  new Response(r.status === 204 || r.status === 304 || r.body === '' ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });

const noServerless = () => Promise.reject(new Error('Serverless functions are not available to apps distributed on the App Marketplace: call your backend with hubspot.fetch.'));

function started(): ExtensionInit & { runServerlessFunction: () => Promise<never> } {
  if (!api) throw new Error('The extension is not rendered yet: hooks can only run inside the rendered tree.');
  return api;
}

scope.__HUBSPOT_EXTENSION_WORKER__ = true;
scope.extend_V2 = (callback) => {
  if (renderCallback) throw new Error('hubspot.extend was called twice: an extension entry point renders one tree.');
  renderCallback = callback;
};
scope.hsFetch = async (url, options = {}) => toResponse(await host.fetch(String(url), options));
scope.serverless = noServerless;
scope.logger = {
  debug: (data) => void host.log('debug', data),
  info: (data) => void host.log('info', data),
  warn: (data) => void host.log('warn', data),
  error: (data) => void host.log('error', data),
};
scope.hsWorkerAPI = {
  useExtensionContext: () => started().context,
  useExtensionActions: () => started().actions,
  useExtensionApi: () => started(),
  useAppPageLocation: () => ({ path: '/', params: {} }),
  fetchAssociations: async (request: AssociationsRequest) =>
    toResponse(await host.fetchAssociations({ toObjectType: request.toObjectType, properties: request.properties, pageLength: request.pageLength, offset: request.offset })),
  fetchCrmProperties: () => Promise.reject(new Error('useCrmProperties is not supported by the HubSpot emulator.')),
  fetchCrmSearch: () => Promise.reject(new Error('useCrmSearch is not supported by the HubSpot emulator.')),
  fetchHubSpotApi: () => Promise.reject(new Error('fetchHubSpotApi is not supported by the HubSpot emulator.')),
  formatCrmProperties: () => Promise.reject(new Error('formatCrmProperties is not supported by the HubSpot emulator.')),
};

const workerApi: WorkerApi = {
  async render(channel: RemoteChannel, init: ExtensionInit) {
    if (!renderCallback) throw new Error('The extension entry point did not call hubspot.extend().');
    // The channel and the actions outlive this call: keep the host's functions alive.
    retain(channel);
    retain(init.actions);
    api = { ...init, runServerlessFunction: noServerless };
    const root = createRemoteRoot(channel);
    createRoot(root).render(renderCallback(api));
    await root.mount();
  },
};
endpoint.expose(workerApi as unknown as Record<string, (...args: unknown[]) => unknown>);

// Uncaught errors end the extension (HubSpot shows the card's error state); rejected promises are logged.
const events = self as unknown as { addEventListener(type: string, listener: (event: { message?: string; reason?: unknown }) => void): void };
events.addEventListener('error', (event) => {
  void host.reportError(event.message || 'The extension failed.');
});
events.addEventListener('unhandledrejection', (event) => {
  void host.log('error', `Unhandled rejection: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`);
});
