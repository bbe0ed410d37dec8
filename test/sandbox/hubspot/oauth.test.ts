/** OAuth: consent page, code exchange (v1 via the official client, v3 by form), refresh, reuse, expiry, revoke. */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../backend/sandbox/hubspot/index.ts';
import { controlCall, errorOf, makeClient, type Json } from './helpers.ts';

let sandbox: HubSpotSandbox;
let app: { appId: number; clientId: string; clientSecret: string };
const redirectUri = 'http://localhost:3999/oauth/callback';
const scopes = ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'];

beforeAll(async () => {
  sandbox = await startHubSpotSandbox({ port: 0, tokenTtlSeconds: 1800 });
  await controlCall(sandbox.baseUrl, 'POST', '/accounts', { portalId: 4242 });
  app = await controlCall(sandbox.baseUrl, 'POST', '/apps', { name: 'QBO Sync', redirectUris: [redirectUri], scopes });
});
afterAll(async () => {
  await sandbox.close();
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/oauth/authorize', sandbox.baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Loads the consent page and submits its form the way a browser would. */
async function consent(decision: 'allow' | 'deny', state = 'xyz'): Promise<URL> {
  const page = await fetch(authorizeUrl({ client_id: app.clientId, redirect_uri: redirectUri, scope: scopes.join(' '), state }));
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('crm.objects.contacts.write');
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&'));
  form.set('portal_id', /<option value="(\d+)" selected>/.exec(html)?.[1] ?? '');
  form.set('decision', decision);
  const res = await fetch(new URL(action, sandbox.baseUrl), { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function v3Token(body: Record<string, string>): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sandbox.baseUrl}/oauth/v3/token`, { method: 'POST', body: new URLSearchParams(body) });
  return { status: res.status, json: await res.json() };
}

describe('OAuth', () => {
  it('runs the authorization_code flow, single-use codes, refresh, and API access', async () => {
    const back = await consent('allow', 'state-123');
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-123');
    const code = back.searchParams.get('code') ?? '';

    const oauthClient = new Client({ basePath: sandbox.baseUrl, numberOfApiCallRetries: 0 });
    const tokens = await oauthClient.oauth.tokensApi.create('authorization_code', code, redirectUri, app.clientId, app.clientSecret);
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.tokenType).toBe('bearer');

    const reuse = await v3Token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: app.clientId, client_secret: app.clientSecret });
    expect(reuse.status).toBe(400);
    expect(reuse.json.status).toBe('BAD_AUTH_CODE');
    expect((await errorOf(oauthClient.oauth.tokensApi.create('authorization_code', code, redirectUri, app.clientId, app.clientSecret))).code).toBe(400);

    const info = await oauthClient.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.hubId).toBe(4242);
    expect(info.scopes).toEqual(expect.arrayContaining(scopes));

    const api = makeClient(sandbox.baseUrl, tokens.accessToken);
    await api.crm.contacts.basicApi.create({ properties: { email: 'oauth@example.com' }, associations: [] });
    // The app was granted contact scopes only.
    const forbidden = await errorOf(api.crm.deals.basicApi.getPage());
    expect(forbidden.code).toBe(403);
    expect(forbidden.body.category).toBe('MISSING_SCOPES');

    const refreshed = await v3Token({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: app.clientId, client_secret: app.clientSecret });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ hub_id: 4242, token_type: 'bearer', expires_in: 1800, refresh_token: tokens.refreshToken });
    expect(refreshed.json.access_token).not.toBe(tokens.accessToken);
    const viaClient = await oauthClient.oauth.tokensApi.create('refresh_token', undefined, undefined, app.clientId, app.clientSecret, tokens.refreshToken);
    expect(viaClient.accessToken.length).toBeGreaterThan(50);
  });

  it('rejects an expired access token with 401 EXPIRED_AUTHENTICATION', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? '';
    const tokens = await v3Token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: app.clientId, client_secret: app.clientSecret });
    await controlCall(sandbox.baseUrl, 'POST', `/tokens/${tokens.json.access_token}/expire`);
    const err = await errorOf(makeClient(sandbox.baseUrl, tokens.json.access_token).crm.contacts.basicApi.getPage());
    expect(err.code).toBe(401);
    expect(err.body.category).toBe('EXPIRED_AUTHENTICATION');
  });

  it('expires tokens after the configured lifetime', async () => {
    const short = await startHubSpotSandbox({ tokenTtlSeconds: 1 });
    try {
      const { portalId } = await controlCall(short.baseUrl, 'POST', '/accounts', {});
      const minted = await controlCall(short.baseUrl, 'POST', `/accounts/${portalId}/tokens`, {});
      expect(minted.expires_in).toBe(1);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await errorOf(makeClient(short.baseUrl, minted.access_token).crm.contacts.basicApi.getPage())).code).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('redirects with error=access_denied when the user denies', async () => {
    const back = await consent('deny', 'nope');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('nope');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses unknown clients, unregistered redirect URIs and scope mismatches', async () => {
    expect((await fetch(authorizeUrl({ client_id: 'nope', redirect_uri: redirectUri, scope: scopes.join(' ') }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ client_id: app.clientId, redirect_uri: 'http://localhost:1/evil', scope: scopes.join(' ') }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ client_id: app.clientId, redirect_uri: redirectUri, scope: 'oauth' }))).status).toBe(400);
    const badSecret = await v3Token({ grant_type: 'refresh_token', refresh_token: 'x', client_id: app.clientId, client_secret: 'wrong' });
    expect(badSecret.status).toBe(400);
  });

  it('revokes a refresh token', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? '';
    const tokens = await v3Token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: app.clientId, client_secret: app.clientSecret });
    const oauthClient = new Client({ basePath: sandbox.baseUrl, numberOfApiCallRetries: 0 });
    await oauthClient.oauth.refreshTokensApi.archive(tokens.json.refresh_token);
    const again = await v3Token({ grant_type: 'refresh_token', refresh_token: tokens.json.refresh_token, client_id: app.clientId, client_secret: app.clientSecret });
    expect(again.json.status).toBe('BAD_REFRESH_TOKEN');
    const introspect = await fetch(`${sandbox.baseUrl}/oauth/v3/token/introspect`, { method: 'POST', body: new URLSearchParams({ token: tokens.json.refresh_token, client_id: app.clientId, client_secret: app.clientSecret }) });
    expect(await introspect.json()).toEqual({ active: false });
  });
});
