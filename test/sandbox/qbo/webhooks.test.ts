/**
 * Webhooks: CloudEvents arrays POSTed to the app's URL, signed with `intuit-signature`, retried on
 * failure, and subject to the realm's webhook faults. The signature is checked with an HMAC written
 * here from RFC 2104 on top of plain SHA-256, independently of the emulator's code.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, salesLine, startHarness, type Harness } from './helpers.ts';

const VERIFIER = 'verifier-token-0123456789';

function hmacSha256Base64(key: string, message: Buffer): string {
  const block = 64;
  let k = Buffer.from(key, 'utf8');
  if (k.length > block) k = createHash('sha256').update(k).digest();
  k = Buffer.concat([k, Buffer.alloc(block - k.length)]);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  const inner = createHash('sha256').update(Buffer.concat([ipad, message])).digest();
  return createHash('sha256').update(Buffer.concat([opad, inner])).digest('base64');
}

interface Delivery {
  raw: Buffer;
  signature: string | undefined;
  events: Array<Record<string, string>>;
}

let h: Harness;
let receiver: Server;
let deliveries: Delivery[] = [];
let statuses: number[] = [];
let token: string;
let clientId: string;

beforeAll(async () => {
  h = await startHarness();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      deliveries.push({ raw, signature: req.headers['intuit-signature'] as string | undefined, events: JSON.parse(raw.toString('utf8')) });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/qbo`;
  const app = (await h.control('/apps', 'POST', { name: 'Webhook app', redirectUris: [], webhook: { url, verifierToken: VERIFIER, retryDelaysMs: [10, 10, 10], batchWindowMs: 10 } })).json;
  clientId = app.clientId;
  token = (await h.control('/tokens', 'POST', { clientId, realmId: h.realmId })).json.access_token;
});

beforeEach(async () => {
  deliveries = [];
  statuses = [];
  await h.control(`/companies/${h.realmId}/faults`, 'DELETE');
});

afterAll(async () => {
  await h.sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const allEvents = () => deliveries.flatMap((d) => d.events);
const eventsFor = (id: string, type: string) => allEvents().filter((e) => e.intuitentityid === id && e.type === type);

describe('webhooks', () => {
  it('delivers a signed CloudEvents array for a created customer', async () => {
    const customer = (await h.api('/customer', { token, body: { DisplayName: 'Hooked Customer' } })).json.Customer;
    await eventually(() => eventsFor(customer.Id, 'qbo.customer.created.v1').length > 0, 'customer.created event');
    const delivery = deliveries.find((d) => d.events.some((e) => e.intuitentityid === customer.Id))!;
    expect(Array.isArray(delivery.events)).toBe(true);
    expect(delivery.events[0]).toMatchObject({ specversion: '1.0', intuitaccountid: h.realmId, intuitentityid: customer.Id, datacontenttype: 'application/json' });
    expect(delivery.events[0]!.id).toBeTruthy();
    expect(Date.parse(delivery.events[0]!.time!)).not.toBeNaN();
    expect(delivery.signature).toBe(hmacSha256Base64(VERIFIER, delivery.raw));
    // The check is real: another key or a changed body does not verify.
    expect(delivery.signature).not.toBe(hmacSha256Base64('other-token', delivery.raw));
    expect(delivery.signature).not.toBe(hmacSha256Base64(VERIFIER, Buffer.concat([delivery.raw, Buffer.from(' ')])));
  });

  it('names updates, voids and deletes in the event type', async () => {
    const item = (await h.api('/item', { token, body: { Name: 'Hook item', Type: 'Service', IncomeAccountRef: { value: '1' } } })).json.Item;
    const customer = (await h.api('/customer', { token, body: { DisplayName: 'Hook buyer' } })).json.Customer;
    await h.api('/customer', { token, body: { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'changed' } });
    const a = (await h.api('/invoice', { token, body: { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id, 1, 10)] } })).json.Invoice;
    const b = (await h.api('/invoice', { token, body: { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id, 1, 10)] } })).json.Invoice;
    await h.api('/invoice?operation=void', { token, body: { Id: a.Id, SyncToken: a.SyncToken } });
    await h.api('/invoice?operation=delete', { token, body: { Id: b.Id, SyncToken: b.SyncToken } });
    await eventually(() => eventsFor(b.Id, 'qbo.invoice.deleted.v1').length > 0, 'invoice.deleted event');
    expect(eventsFor(customer.Id, 'qbo.customer.updated.v1')).toHaveLength(1);
    expect(eventsFor(a.Id, 'qbo.invoice.voided.v1')).toHaveLength(1);
    // A customer made inactive is QuickBooks' "delete" of it (README); active again is an update.
    const changed = (await h.api(`/customer/${customer.Id}`, { token })).json.Customer;
    const inactive = (await h.api('/customer', { token, body: { Id: customer.Id, SyncToken: changed.SyncToken, sparse: true, Active: false } })).json.Customer;
    await eventually(() => eventsFor(customer.Id, 'qbo.customer.deleted.v1').length > 0, 'customer.deleted event');
    expect((await h.api(`/customer/${customer.Id}`, { token })).json.Customer).toMatchObject({ Active: false });
    await h.api('/customer', { token, body: { Id: customer.Id, SyncToken: inactive.SyncToken, sparse: true, Active: true } });
    await eventually(() => eventsFor(customer.Id, 'qbo.customer.updated.v1').length === 2, 'customer.updated event');
    expect(eventsFor(b.Id, 'qbo.invoice.created.v1')).toHaveLength(1);
    for (const d of deliveries) expect(d.signature).toBe(hmacSha256Base64(VERIFIER, d.raw));
  });

  it('retries a failed delivery with the same events until it is acknowledged', async () => {
    statuses = [500, 503];
    const customer = (await h.api('/customer', { token, body: { DisplayName: 'Retry Customer' } })).json.Customer;
    await eventually(() => eventsFor(customer.Id, 'qbo.customer.created.v1').length >= 3, 'three attempts');
    const ids = eventsFor(customer.Id, 'qbo.customer.created.v1').map((e) => e.id);
    expect(new Set(ids).size).toBe(1);
    const log = (await h.control(`/apps/${clientId}/webhook-deliveries`)).json as Array<{ eventIds: string[]; status: number; delivered: boolean; attempt: number }>;
    const attempts = log.filter((l) => l.eventIds.includes(ids[0]!));
    expect(attempts.map((a) => [a.attempt, a.status, a.delivered])).toEqual([[1, 500, false], [2, 503, false], [3, 200, true]]);
  });

  it('faults: duplicates are sent twice, dropped events never arrive', async () => {
    await h.control(`/companies/${h.realmId}/faults`, 'PUT', { seed: 3, webhookDuplicateRate: 1 });
    const dup = (await h.api('/customer', { token, body: { DisplayName: 'Duplicated' } })).json.Customer;
    await eventually(() => eventsFor(dup.Id, 'qbo.customer.created.v1').length >= 2, 'duplicate delivery');
    expect(new Set(eventsFor(dup.Id, 'qbo.customer.created.v1').map((e) => e.id)).size).toBe(1);

    await h.control(`/companies/${h.realmId}/faults`, 'PUT', { seed: 3, webhookDropRate: 1 });
    const dropped = (await h.api('/customer', { token, body: { DisplayName: 'Dropped' } })).json.Customer;
    await h.control(`/companies/${h.realmId}/faults`, 'DELETE');
    const after = (await h.api('/customer', { token, body: { DisplayName: 'After drop' } })).json.Customer;
    await eventually(() => eventsFor(after.Id, 'qbo.customer.created.v1').length > 0, 'event after the dropped one');
    expect(eventsFor(dropped.Id, 'qbo.customer.created.v1')).toHaveLength(0);
  });

  it('faults: reordering shuffles the events of a window (deterministically under the seed)', async () => {
    await h.control(`/companies/${h.realmId}/faults`, 'PUT', { seed: 11, webhookReorder: true });
    // One batch request creates all six within the same aggregation window.
    const BatchItemRequest = Array.from({ length: 6 }, (_, i) => ({ bId: `r${i}`, operation: 'create', Customer: { DisplayName: `Reordered ${i}` } }));
    const created = (await h.api('/batch', { token, body: { BatchItemRequest } })).json.BatchItemResponse.map((r: { Customer: { Id: string } }) => r.Customer.Id) as string[];
    await eventually(() => created.every((id) => eventsFor(id, 'qbo.customer.created.v1').length > 0), 'six created events');
    const received = allEvents().filter((e) => created.includes(e.intuitentityid!)).map((e) => e.intuitentityid);
    expect([...received].sort()).toEqual([...created].sort());
    expect(received).not.toEqual(created);
  });
});
