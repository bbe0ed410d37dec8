/**
 * Webhook delivery to a local receiver: payload shape, X-HubSpot-Signature-v3 checked by an independent
 * implementation below (not the emulator's), batching ≤100, retries, duplicates/reordering/drops, no uninstall webhook.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../../backend/sandbox/hubspot/index.ts';
import { errorOf, makeClient, startHarness, type Harness } from './helpers.ts';

interface Received {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  events: WebhookEvent[];
}

let h: Harness;
let receiver: Server;
let targetUrl: string;
let received: Received[] = [];
let failNext = 0;
let app: { appId: number; clientSecret: string };
let portalId: number;
let token: string;

/** Our own reading of HubSpot's v3 validation rules (reference §2.5). */
function verifyV3(method: string, uri: string, body: string, timestamp: string, signature: string, secret: string): boolean {
  if (Math.abs(Date.now() - Number(timestamp)) > 300_000) return false;
  const decoded = uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => decodeURIComponent(m));
  const expected = createHmac('sha256', secret).update(method + decoded + body + timestamp).digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

const events = (): WebhookEvent[] => received.flatMap((r) => r.events);
const idle = () => h.control('POST', '/webhooks/idle');

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = `${targetUrl.split('/hooks')[0]}${req.url ?? ''}`;
      received.push({ url, headers: req.headers, body, events: JSON.parse(body) as WebhookEvent[] });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/hubspot?source=sandbox`;
  h = await startHarness();
  await h.control('PUT', '/webhooks/settings', { flushDelayMs: 20, retryBaseMs: 20 });
  app = await h.control('POST', '/apps', {
    redirectUris: ['http://localhost/cb'],
    scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.invoices.write', 'crm.objects.invoices.read'],
    webhookTargetUrl: targetUrl,
    subscriptions: [
      { subscriptionType: 'contact.creation' },
      { subscriptionType: 'contact.propertyChange', propertyName: 'firstname' },
      { subscriptionType: 'contact.deletion' },
      { subscriptionType: 'contact.privacyDeletion' },
      { subscriptionType: 'contact.merge' },
      { subscriptionType: 'contact.restore' },
      { subscriptionType: 'object.creation', objectType: 'invoice' },
    ],
  });
  ({ portalId } = await h.control('POST', '/accounts', {}));
  await h.control('PUT', `/accounts/${portalId}/limits`, { tenSecondly: null });
  ({ access_token: token } = await h.control('POST', `/accounts/${portalId}/tokens`, { appId: app.appId }));
});
afterAll(async () => {
  await h.sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await idle();
  received = [];
  failNext = 0;
  await h.control('DELETE', `/accounts/${portalId}/faults`);
});

describe('webhooks', () => {
  it('delivers signed events for API writes, including the app\'s own (changeSource INTEGRATION)', async () => {
    const client = makeClient(h.sandbox.baseUrl, token);
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'hook@example.com', firstname: 'Hook' }, associations: [] });
    await client.crm.objects.basicApi.create('invoices', { properties: { hs_currency: 'USD' }, associations: [] });
    await idle();
    const creation = events().find((e) => e.subscriptionType === 'contact.creation');
    expect(creation).toMatchObject({ objectId: Number(contact.id), portalId, appId: app.appId, attemptNumber: 0, changeSource: 'INTEGRATION', sourceId: String(app.appId) });
    expect(typeof creation?.eventId).toBe('number');
    expect(typeof creation?.occurredAt).toBe('number');
    expect(events().find((e) => e.subscriptionType === 'contact.propertyChange')).toMatchObject({ propertyName: 'firstname', propertyValue: 'Hook', objectId: Number(contact.id) });
    expect(events().find((e) => e.subscriptionType === 'object.creation')).toMatchObject({ objectTypeId: '0-53' });
    expect(events().some((e) => e.propertyName === 'email')).toBe(false);
    for (const r of received) {
      expect(r.headers['content-type']).toContain('application/json');
      const ts = String(r.headers['x-hubspot-request-timestamp']);
      expect(verifyV3('POST', r.url, r.body, ts, String(r.headers['x-hubspot-signature-v3']), app.clientSecret)).toBe(true);
      expect(verifyV3('POST', r.url, r.body, ts, String(r.headers['x-hubspot-signature-v3']), 'wrong-secret')).toBe(false);
    }
  });

  it('reports UI edits (control API) with changeSource CRM_UI and deletions', async () => {
    const created = await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'ui@example.com' } });
    await h.control('PATCH', `/accounts/${portalId}/objects/contacts/${created.id}`, { properties: { firstname: 'Edited' } });
    await h.control('DELETE', `/accounts/${portalId}/objects/contacts/${created.id}`);
    await idle();
    expect(events().find((e) => e.subscriptionType === 'contact.propertyChange')).toMatchObject({ changeSource: 'CRM_UI', propertyValue: 'Edited' });
    expect(events().find((e) => e.subscriptionType === 'contact.deletion')).toMatchObject({ objectId: Number(created.id) });
    await h.control('POST', `/accounts/${portalId}/restore/contacts/${created.id}`);
    await idle();
    expect(events().find((e) => e.subscriptionType === 'contact.restore')).toMatchObject({ objectId: Number(created.id), changeSource: 'CRM_UI' });
    expect((await makeClient(h.sandbox.baseUrl, token).crm.contacts.basicApi.getById(created.id, ['email'])).properties.email).toBe('ui@example.com');
  });

  it('refuses subscription types HubSpot does not have', async () => {
    const bad = await fetch(`${h.sandbox.baseUrl}/_sandbox/apps`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirectUris: [], scopes: [], subscriptions: [{ subscriptionType: 'invoice.creation' }] }),
    });
    expect(bad.status).toBe(400);
  });

  it('sends at most 100 events per request', async () => {
    await h.control('POST', `/accounts/${portalId}/seed`, { objectType: 'contacts', count: 150, seed: 5 });
    await idle();
    const creations = events().filter((e) => e.subscriptionType === 'contact.creation');
    expect(creations).toHaveLength(150);
    expect(received.every((r) => r.events.length <= 100)).toBe(true);
    expect(received.length).toBeGreaterThanOrEqual(2);
  });

  it('retries failed deliveries with attemptNumber counting up', async () => {
    failNext = 2;
    await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'retry@example.com' } });
    await idle();
    const attempts = events().filter((e) => e.subscriptionType === 'contact.creation').map((e) => [e.eventId, e.attemptNumber]);
    expect(attempts.map(([, n]) => n)).toEqual([0, 1, 2]);
    expect(new Set(attempts.map(([id]) => id)).size).toBe(1);
  });

  it('duplicates, reorders and drops events when faults say so', async () => {
    await h.control('PUT', `/accounts/${portalId}/faults`, { webhookDuplicateRate: 1 });
    await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'dup-hook@example.com' } });
    await idle();
    const ids = events().filter((e) => e.subscriptionType === 'contact.creation').map((e) => e.eventId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(received.length).toBe(2);

    received = [];
    await h.control('PUT', `/accounts/${portalId}/faults`, { webhookReorder: true, seed: 4 });
    await h.control('POST', `/accounts/${portalId}/seed`, { objectType: 'contacts', count: 30, seed: 9 });
    await idle();
    const order = events().filter((e) => e.subscriptionType === 'contact.creation').map((e) => e.eventId);
    expect(order).toHaveLength(30);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));

    received = [];
    await h.control('PUT', `/accounts/${portalId}/faults`, { webhookDropRate: 1 });
    await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'dropped@example.com' } });
    await idle();
    expect(events()).toHaveLength(0);
  });

  it('sends deletion and privacyDeletion for a GDPR delete', async () => {
    const client = makeClient(h.sandbox.baseUrl, token);
    const c = await client.crm.contacts.basicApi.create({ properties: { email: 'gdpr@example.com' }, associations: [] });
    const purge = await client.apiRequest({ method: 'POST', path: '/crm/v3/objects/contacts/gdpr-delete', body: { objectId: c.id } });
    expect(purge.status).toBe(204);
    await idle();
    expect(events().filter((e) => e.objectId === Number(c.id)).map((e) => e.subscriptionType).sort()).toEqual(['contact.creation', 'contact.deletion', 'contact.privacyDeletion']);
  });

  it('sends a merge event naming the primary and merged ids', async () => {
    const a = await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'merge-a@example.com' } });
    const b = await h.control('POST', `/accounts/${portalId}/objects/contacts`, { properties: { email: 'merge-b@example.com', firstname: 'B' } });
    await h.control('POST', `/accounts/${portalId}/merge/contacts`, { primaryObjectId: a.id, objectIdToMerge: b.id });
    await idle();
    expect(events().find((e) => e.subscriptionType === 'contact.merge')).toMatchObject({
      objectId: Number(a.id), primaryObjectId: Number(a.id), mergedObjectIds: [Number(b.id)], newObjectId: Number(a.id), numberOfPropertiesMoved: 1,
    });
  });

  it('refuses an app.uninstall subscription (lifecycle events are not webhooks); an uninstall sends no webhook and rejects the tokens', async () => {
    const refused = await fetch(`${h.sandbox.baseUrl}/_sandbox/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirectUris: ['http://localhost/cb'], scopes: ['oauth'], subscriptions: [{ subscriptionType: 'app.uninstall' }] }),
    });
    expect(refused.status).toBe(400);
    const before = events().length;
    await h.control('POST', `/accounts/${portalId}/uninstall`, { appId: app.appId });
    await idle();
    expect(events().slice(before).filter((e) => e.portalId === portalId && /uninstall/i.test(String(e.subscriptionType)))).toEqual([]);
    expect((await errorOf(makeClient(h.sandbox.baseUrl, token).crm.contacts.basicApi.getPage())).code).toBe(401);
  });
});
