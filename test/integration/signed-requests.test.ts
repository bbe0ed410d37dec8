/**
 * Request authentication: every UI-extension route and HubSpot webhook needs a valid v3 signature over
 * the public URL and raw body, and the signed portalId decides whose data is seen; QuickBooks
 * webhooks need a valid intuit-signature.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotSignedFetch } from '../../backend/sandbox/hubspot/signed-fetch.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const A = 54_000_001;
const B = 54_000_002;

/** Signs like HubSpot, independently of the code under test. */
function sign(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(method + uri + body + timestamp).digest('base64');
}

describe('signed requests', () => {
  let h: AppHarness;
  let secret: string;
  const invalidSignature = { error: { code: 'invalid_signature', message: 'The request signature is missing, expired or does not match.' } };

  async function raw(path: string, init: { method?: string; body?: string; signedUri?: string; signedBody?: string; timestamp?: number; key?: string }) {
    const url = `${h.url}${path}`;
    const ts = String(init.timestamp ?? Date.now());
    const method = init.method ?? 'GET';
    return fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': ts,
        'x-hubspot-signature-v3': sign(init.key ?? secret, method, init.signedUri ?? url, init.signedBody ?? init.body ?? '', ts),
      },
      body: init.body,
    });
  }

  beforeAll(async () => {
    h = await startAppHarness();
    secret = h.apps.hubspot.clientSecret;
    for (const [portal, realm] of [[A, '7400001'], [B, '7400002']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm, { companyName: `Company of ${portal}` })).status).toBe(200);
    }
  });
  afterAll(async () => h.close());

  it('accepts a valid signature and answers with the signed account’s data only', async () => {
    const res = await raw(`/api/v1/connection?portalId=${A}&appId=${h.apps.hubspot.appId}`, {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.portalId).toBe(A);
    expect(body.quickbooks.companyName).toBe(`Company of ${A}`);
  });

  it('rejects a tampered body', async () => {
    const res = await raw(`/api/v1/quickbooks/connect-link?portalId=${A}`, { method: 'POST', body: '{"replace":true}', signedBody: '{"replace":false}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalidSignature);
  });

  it('rejects a tampered query: portalId swapped to another account after signing', async () => {
    const res = await raw(`/api/v1/connection?portalId=${B}`, { signedUri: `${h.url}/api/v1/connection?portalId=${A}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(invalidSignature);
  });

  it('rejects an old timestamp, a wrong secret and missing headers', async () => {
    const old = await raw(`/api/v1/connection?portalId=${A}`, { timestamp: Date.now() - 6 * 60_000 });
    expect(old.status).toBe(401);
    const wrong = await raw(`/api/v1/connection?portalId=${A}`, { key: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    const none = await fetch(`${h.url}/api/v1/connection?portalId=${A}`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(invalidSignature);
  });

  it('verifies URIs with encoded characters the way HubSpot signs them', async () => {
    const res = await hubspotSignedFetch(`${h.url}/api/v1/connection?portalId=${A}&userEmail=${encodeURIComponent("o'brien@example.com")}&note=${encodeURIComponent('a:b,(c);*!$')}`, {
      clientSecret: secret,
      appId: h.apps.hubspot.appId,
    });
    expect(res.status).toBe(200);
  });

  it('a request signed for account A cannot reach account B', async () => {
    // the same parameter twice is not an account
    const twice = await h.signedFetch(`/api/v1/connection?portalId=${B}`, A);
    expect(twice.status).toBe(400);
    // an account smuggled in the body is refused, not used
    const smuggled = await h.signedFetch('/api/v1/quickbooks/connect-link', A, { method: 'POST', body: { replace: true, portalId: B } });
    expect(smuggled.status).toBe(400);
    expect((await smuggled.json()).error.code).toBe('invalid_request');
    // disconnecting as A leaves B connected
    expect((await h.signedFetch('/api/v1/quickbooks/disconnect', A, { method: 'POST', body: {} })).status).toBe(200);
    const b = await (await h.signedFetch('/api/v1/connection', B)).json();
    expect(b.quickbooks.status).toBe('connected');
    // an account without the app installed gets nothing
    const stranger = await h.signedFetch('/api/v1/connection', 54_999_999);
    expect(stranger.status).toBe(403);
    expect((await stranger.json()).error.code).toBe('forbidden');
  });

  it('HubSpot webhooks: signed deliveries are accepted, forged ones refused', async () => {
    const events = JSON.stringify([{ eventId: 1, subscriptionId: 1, portalId: A, appId: h.apps.hubspot.appId, occurredAt: Date.now(), subscriptionType: 'contact.creation', objectId: 5 }]);
    const ok = await raw('/webhooks/hubspot', { method: 'POST', body: events });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: 1, accepted: 1 });
    const again = await raw('/webhooks/hubspot', { method: 'POST', body: events });
    expect(await again.json()).toEqual({ received: 1, accepted: 0 }); // a redelivery is recognised
    const forged = await raw('/webhooks/hubspot', { method: 'POST', body: events, key: 'attacker' });
    expect(forged.status).toBe(401);
    const notArray = await raw('/webhooks/hubspot', { method: 'POST', body: '{"portalId":1}' });
    expect(notArray.status).toBe(400);
    expect((await notArray.json()).error.code).toBe('invalid_request');
  });

  it('QuickBooks webhooks: intuit-signature checked on the raw body', async () => {
    const body = JSON.stringify([{ specversion: '1.0', id: 'ce-1', type: 'qbo.customer.updated.v1', source: 'intuit', time: new Date().toISOString(), intuitentityid: '58', intuitaccountid: '7400002', data: {} }]);
    const signature = createHmac('sha256', h.apps.quickbooks.verifierToken).update(body).digest('base64');
    const post = (sig: string, payload = body) => fetch(`${h.url}/webhooks/quickbooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': sig }, body: payload });
    const ok = await post(signature);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: 1, accepted: 1 });
    const tampered = await post(signature, body.replace('"58"', '"59"'));
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error.code).toBe('invalid_signature');
    expect((await post('')).status).toBe(401);
  });
});
