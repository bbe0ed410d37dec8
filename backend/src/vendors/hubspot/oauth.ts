/**
 * HubSpot OAuth (v3 token endpoint, form body). `@hubspot/api-client` 13 only wraps the v1 endpoint,
 * which HubSpot deprecates on 2027-02-16, so these few calls are ours.
 */
import { z } from 'zod';
import { InvalidGrantError } from '../token-refresh.ts';

/** Exactly the scopes in app/app/app-hsmeta.json (a unit test keeps them equal). */
export const HUBSPOT_REQUIRED_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  // Companies mode of the customers sync writes companies and their qbo_customer_id property (issue 16).
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.products.read',
  'crm.objects.products.write',
  'crm.objects.line_items.read',
  'crm.objects.line_items.write',
  'crm.objects.invoices.read',
  'crm.objects.invoices.write',
  'crm.objects.commercepayments.read',
  'crm.objects.commercepayments.write',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.write',
  'crm.schemas.products.write',
  'crm.schemas.invoices.write',
  'crm.schemas.commercepayments.write',
] as const;

export interface HubSpotOAuthConfig {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  hub_id: z.number().int().positive().optional(),
  user_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  hub_domain: z.string().optional(),
});

export interface HubSpotTokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  hubId: number | undefined;
  userId: number | undefined;
  scopes: string[] | undefined;
}

export class HubSpotOAuthError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'HubSpotOAuthError';
  }
}

// HubSpot answers a bad code or refresh token with 400 and one of these statuses.
const INVALID_GRANT_CODES = new Set(['BAD_REFRESH_TOKEN', 'BAD_AUTH_CODE', 'invalid_grant', 'EXPIRED_AUTHENTICATION']);

export function hubspotAuthorizeUrl(config: HubSpotOAuthConfig, state: string): string {
  const params = new URLSearchParams({ client_id: config.clientId, redirect_uri: config.redirectUri, scope: HUBSPOT_REQUIRED_SCOPES.join(' '), state });
  return `${config.authBaseUrl}/oauth/authorize?${params.toString().replace(/\+/g, '%20')}`;
}

async function tokenRequest(config: HubSpotOAuthConfig, params: Record<string, string>): Promise<HubSpotTokenGrant> {
  let response: Response;
  try {
    response = await fetch(`${config.apiBaseUrl}/oauth/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...params, client_id: config.clientId, client_secret: config.clientSecret }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new HubSpotOAuthError(`HubSpot token endpoint unreachable: ${err instanceof Error ? err.message : String(err)}`, 0, undefined);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = z.object({ status: z.string().optional(), error: z.string().optional(), message: z.string().optional() }).safeParse(body);
    const code = error.success ? (error.data.status ?? error.data.error) : undefined;
    const message = (error.success ? error.data.message : undefined) ?? `HubSpot token endpoint answered ${response.status}`;
    if (response.status === 400 && code && INVALID_GRANT_CODES.has(code)) throw new InvalidGrantError(`HubSpot refused the grant (${code}): ${message}`);
    throw new HubSpotOAuthError(message, response.status, code);
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new HubSpotOAuthError('HubSpot token response has an unexpected shape', response.status, undefined);
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: new Date(Date.now() + t.expires_in * 1000),
    hubId: t.hub_id,
    userId: t.user_id,
    scopes: t.scopes,
  };
}

export function exchangeHubSpotCode(config: HubSpotOAuthConfig, code: string): Promise<HubSpotTokenGrant> {
  return tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: config.redirectUri });
}

export function refreshHubSpotTokens(config: HubSpotOAuthConfig, refreshToken: string): Promise<HubSpotTokenGrant> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

const introspectionSchema = z.object({ active: z.boolean(), hub_id: z.number().optional(), hub_domain: z.string().optional(), user: z.string().optional() });

/** Who installed (hub domain, user e-mail): best effort, the install works without it. */
export async function introspectHubSpotToken(config: HubSpotOAuthConfig, accessToken: string): Promise<z.infer<typeof introspectionSchema> | undefined> {
  try {
    const response = await fetch(`${config.apiBaseUrl}/oauth/v3/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken, token_type_hint: 'access_token', client_id: config.clientId, client_secret: config.clientSecret }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return undefined;
    const parsed = introspectionSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
