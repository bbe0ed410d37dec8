/** Vendor OAuth settings derived from the environment (real vendors, or the sandbox emulators). */
import type { Env } from '../env.ts';
import type { HubSpotOAuthConfig } from '../vendors/hubspot/oauth.ts';
import type { QboOAuthConfig } from '../vendors/quickbooks/oauth.ts';
import { HttpError } from '../http/errors.ts';

/** The origin HubSpot and browsers use to reach us. */
export function publicBaseUrl(env: Env): string {
  return env.PUBLIC_BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
}

export const HUBSPOT_CALLBACK_PATH = '/oauth/hubspot/callback';
export const QBO_CALLBACK_PATH = '/oauth/quickbooks/callback';

function notConfigured(what: string): HttpError {
  return new HttpError(503, 'not_ready', `${what} credentials are not configured on this server.`);
}

export function hubspotOAuthConfig(env: Env): HubSpotOAuthConfig {
  if (!env.HUBSPOT_CLIENT_ID || !env.HUBSPOT_CLIENT_SECRET) throw notConfigured('HubSpot app');
  return {
    apiBaseUrl: env.HUBSPOT_API_BASE_URL,
    authBaseUrl: env.HUBSPOT_AUTH_BASE_URL,
    clientId: env.HUBSPOT_CLIENT_ID,
    clientSecret: env.HUBSPOT_CLIENT_SECRET,
    redirectUri: `${publicBaseUrl(env)}${HUBSPOT_CALLBACK_PATH}`,
  };
}

export function qboOAuthConfig(env: Env): QboOAuthConfig {
  if (!env.QBO_CLIENT_ID || !env.QBO_CLIENT_SECRET) throw notConfigured('QuickBooks app');
  return {
    clientId: env.QBO_CLIENT_ID,
    clientSecret: env.QBO_CLIENT_SECRET,
    environment: env.QBO_ENVIRONMENT,
    redirectUri: `${publicBaseUrl(env)}${QBO_CALLBACK_PATH}`,
    authorizeUrl: env.QBO_OAUTH_AUTHORIZE_URL,
    tokenUrl: env.QBO_OAUTH_TOKEN_URL,
    revokeUrl: env.QBO_OAUTH_REVOKE_URL,
  };
}

/** The app's settings page inside HubSpot (Connected apps → the app → Settings), where the guided setup lives. */
export function hubspotSettingsUrl(env: Env, portalId: number): string {
  return `${env.HUBSPOT_AUTH_BASE_URL}/integrations-settings/${portalId}/installed/framework/${env.HUBSPOT_APP_ID ?? 'app'}/general-settings`;
}

/** A QBO company's home in the QuickBooks web app (links on the settings page and cards). */
export function qboAppBaseUrl(env: Env): string {
  return env.QBO_ENVIRONMENT === 'sandbox' ? 'https://sandbox.qbo.intuit.com' : 'https://qbo.intuit.com';
}
