/**
 * Contract: the official `intuit-oauth` client, unchanged, against the emulator. Only its static
 * endpoint properties are re-pointed (they are public class fields, documented in the README).
 */
import OAuthClient from 'intuit-oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.ts';

let h: Harness;
const saved = {
  authorize: OAuthClient.authorizeEndpoint,
  token: OAuthClient.tokenEndpoint,
  revoke: OAuthClient.revokeEndpoint,
  environment: { ...OAuthClient.environment },
};

beforeAll(async () => {
  h = await startHarness();
  OAuthClient.authorizeEndpoint = h.sandbox.urls.authorize;
  OAuthClient.tokenEndpoint = h.sandbox.urls.token;
  OAuthClient.revokeEndpoint = h.sandbox.urls.revoke;
  OAuthClient.environment = { sandbox: h.sandbox.urls.api, production: h.sandbox.urls.api };
});

afterAll(async () => {
  OAuthClient.authorizeEndpoint = saved.authorize;
  OAuthClient.tokenEndpoint = saved.token;
  OAuthClient.revokeEndpoint = saved.revoke;
  OAuthClient.environment = saved.environment;
  await h.sandbox.close();
});

function client(): OAuthClient {
  return new OAuthClient({ clientId: h.clientId, clientSecret: h.clientSecret, environment: 'sandbox', redirectUri: h.redirectUri, logging: false });
}

/** Plays the user's part: open the consent page, pick a company, press a button; returns the redirect. */
async function consent(authorizeUri: string, decision: 'allow' | 'deny', realmId?: string): Promise<string> {
  const page = await fetch(authorizeUri);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<form method="post" action="/oauth2/v1/authorize">');
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(match[1]!, match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
  }
  const checked = /<input type="radio" name="realmId" value="(\d+)" checked>/.exec(html);
  fields.set('realmId', realmId ?? checked![1]!);
  fields.set('decision', decision);
  const res = await fetch(new URL('/oauth2/v1/authorize', authorizeUri), { method: 'POST', body: fields, redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

async function connectedClient(): Promise<OAuthClient> {
  const oauth = client();
  const callback = await consent(oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'csrf-123' }), 'allow', h.realmId);
  await oauth.createToken(callback);
  return oauth;
}

describe('intuit-oauth against the emulator', () => {
  it('builds an authorize URI the emulator serves, and the callback carries code, state and realmId', async () => {
    const oauth = client();
    const uri = oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId], state: 'st-1' });
    expect(uri.startsWith(h.sandbox.urls.authorize)).toBe(true);
    const callback = new URL(await consent(uri, 'allow'));
    expect(`${callback.origin}${callback.pathname}`).toBe(h.redirectUri);
    expect(callback.searchParams.get('state')).toBe('st-1');
    expect(callback.searchParams.get('realmId')).toBe(h.realmId);
    expect(callback.searchParams.get('code')).toMatch(/^AB11/);
  });

  it('lists every company when the user has several, and connects the one chosen', async () => {
    const second = (await h.control('/companies', 'POST', { companyName: 'Second Ltd', country: 'GB' })).json.realmId as string;
    const oauth = client();
    const html = await (await fetch(oauth.authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 's' }))).text();
    expect(html).toContain('Harness Co');
    expect(html).toContain('Second Ltd');
    const callback = await consent(oauth.authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 's' }), 'allow', second);
    await oauth.createToken(callback);
    expect(oauth.getToken().realmId).toBe(second);
  });

  it('exchanges the code with createToken and the token works on the Accounting API', async () => {
    const oauth = await connectedClient();
    const token = oauth.getToken();
    expect(token.realmId).toBe(h.realmId);
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(3600);
    expect(token.x_refresh_token_expires_in).toBeGreaterThan(86400 * 99);
    const info = await oauth.makeApiCall({ url: `v3/company/${h.realmId}/companyinfo/${h.realmId}?minorversion=75` });
    expect(info.status).toBe(200);
    expect(info.json.CompanyInfo.CompanyName).toBe('Harness Co');
  });

  it('Cancel on the consent page redirects with error=access_denied', async () => {
    const callback = new URL(await consent(client().authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 'deny-state' }), 'deny'));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('deny-state');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('an authorization code is single-use', async () => {
    const oauth = client();
    const callback = await consent(oauth.authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 's' }), 'allow');
    await oauth.createToken(callback);
    const error = await client().createToken(callback).catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant' });
    // A replayed code also kills the tokens it produced.
    const res = await h.api(`/companyinfo/${h.realmId}`, { token: oauth.getToken().access_token });
    expect(res.status).toBe(401);
  });

  it('refresh returns new tokens and rotates the refresh token', async () => {
    const oauth = await connectedClient();
    const first = oauth.getToken().refresh_token;
    await oauth.refresh();
    const second = oauth.getToken().refresh_token;
    expect(second).not.toBe(first);
    const res = await h.api(`/companyinfo/${h.realmId}`, { token: oauth.getToken().access_token });
    expect(res.status).toBe(200);
  });

  it('rotation: the previous refresh token is rejected with invalid_grant once the newer one was used', async () => {
    const oauth = await connectedClient();
    const rt1 = oauth.getToken().refresh_token;
    await oauth.refreshUsingToken(rt1);
    const rt2 = oauth.getToken().refresh_token;
    // Until rt2 is used, a retry with rt1 (lost response) still works and supersedes rt2.
    await oauth.refreshUsingToken(rt1);
    const rt2b = oauth.getToken().refresh_token;
    expect((await oauth.refreshUsingToken(rt2).catch((e: unknown) => e)) as object).toMatchObject({ error: 'invalid_grant' });
    await oauth.refreshUsingToken(rt2b);
    const error = await client().refreshUsingToken(rt1).catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant' });
    expect((error as { authResponse: { json: unknown } }).authResponse.json).toEqual({ error: 'invalid_grant', error_description: 'Token invalid' });
  });

  it('reports the 5-year hard expiry only when the client opts in, and keeps it across refreshes', async () => {
    const plain = await connectedClient();
    expect(plain.getToken().x_refresh_token_hard_expires_in).toBe(0);
    const optIn = new OAuthClient({ clientId: h.clientId, clientSecret: h.clientSecret, environment: 'sandbox', redirectUri: h.redirectUri, includeRefreshTokenHardExpiresIn: true });
    await optIn.createToken(await consent(optIn.authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 'h' }), 'allow'));
    const first = optIn.getToken().x_refresh_token_hard_expires_in;
    expect(first).toBeGreaterThan(4 * 365 * 86400);
    await h.control('/clock', 'POST', { advanceMs: 10_000 });
    await optIn.refresh();
    expect(optIn.getToken().x_refresh_token_hard_expires_in).toBeLessThan(first);
  });

  it('a wrong client secret is invalid_client', async () => {
    const oauth = await connectedClient();
    const bad = new OAuthClient({ clientId: h.clientId, clientSecret: 'nope', environment: 'sandbox', redirectUri: h.redirectUri });
    const error = await bad.refreshUsingToken(oauth.getToken().refresh_token).catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_client' });
  });

  it('revoke disconnects: access and refresh tokens stop working', async () => {
    const oauth = await connectedClient();
    const { access_token, refresh_token } = oauth.getToken();
    const res = await oauth.revoke({ refresh_token });
    expect(res.response.status).toBe(200);
    expect((await h.api(`/companyinfo/${h.realmId}`, { token: access_token })).status).toBe(401);
    expect(await client().refreshUsingToken(refresh_token).catch((e: unknown) => e)).toMatchObject({ error: 'invalid_grant' });
  });

  it('an access token expires after 3600 s (emulator clock advanced, no waiting)', async () => {
    const oauth = await connectedClient();
    const token = oauth.getToken().access_token;
    await h.control('/clock', 'POST', { advanceMs: 3601 * 1000 });
    const res = await h.api(`/companyinfo/${h.realmId}`, { token });
    expect(res.status).toBe(401);
    expect(res.json.fault.error[0].code).toBe('3200');
    expect(res.json.fault.type).toBe('AUTHENTICATION');
    await oauth.refresh();
    expect((await h.api(`/companyinfo/${h.realmId}`, { token: oauth.getToken().access_token })).status).toBe(200);
  });

  it('makeApiCall surfaces QBO Faults and throttling the way the client expects', async () => {
    const oauth = await connectedClient();
    const created = await oauth.makeApiCall({ url: `v3/company/${h.realmId}/customer?minorversion=75`, method: 'POST', body: { DisplayName: 'Via makeApiCall' } });
    expect(created.json.Customer.DisplayName).toBe('Via makeApiCall');
    const fault = await oauth
      .makeApiCall({ url: `v3/company/${h.realmId}/customer?minorversion=75`, method: 'POST', body: { DisplayName: 'via MAKEAPICALL' } })
      .catch((e: unknown) => e);
    expect(fault).toMatchObject({ name: 'OAuthError', message: 'Duplicate Name Exists Error', faultType: 'ValidationFault' });
    expect((fault as { intuitTid: string }).intuitTid).toBeTruthy();
    await h.control(`/companies/${h.realmId}/faults`, 'PUT', { throttleBurst: 1 });
    const throttled = await oauth.makeApiCall({ url: `v3/company/${h.realmId}/companyinfo/${h.realmId}` }).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    await h.control(`/companies/${h.realmId}/faults`, 'DELETE');
  });

  it('rejects an unregistered redirect_uri with an error page, not a redirect', async () => {
    const oauth = new OAuthClient({ clientId: h.clientId, clientSecret: h.clientSecret, environment: 'sandbox', redirectUri: 'https://evil.example/cb' });
    const res = await fetch(oauth.authorizeUri({ scope: OAuthClient.scopes.Accounting, state: 's' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});
