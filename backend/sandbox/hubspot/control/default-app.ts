/** The built-in app used when a test mints a token without registering its own app. */
import { OBJECT_TYPE_INFO, OBJECT_TYPES } from '../objects/object-types.ts';
import type { RegisteredApp } from '../state/apps.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';

export const ALL_SCOPES: string[] = [
  ...new Set([
    ...OBJECT_TYPES.flatMap((t) => [...OBJECT_TYPE_INFO[t].readScopes, ...OBJECT_TYPE_INFO[t].writeScopes]),
    ...['contacts', 'companies', 'deals', 'products', 'line_items', 'invoices', 'commercepayments'].flatMap((t) => [`crm.schemas.${t}.read`, `crm.schemas.${t}.write`]),
    'oauth',
  ]),
];

const DEFAULT_CLIENT_ID = 'sandbox-default-app';

export function defaultApp(state: HubSpotSandboxState): RegisteredApp {
  return state.appByClientId(DEFAULT_CLIENT_ID) ?? state.registerApp({ name: 'Sandbox default app', clientId: DEFAULT_CLIENT_ID, redirectUris: [], scopes: ALL_SCOPES });
}
