/** Change Data Capture and the batch endpoint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesLine, startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;
let itemId: string;

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const cdc = (entities: string, since: string) => h.api(`/cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}&minorversion=75`);

beforeAll(async () => {
  h = await startHarness();
  itemId = (await h.api('/item', { body: { Name: 'CDC item', Type: 'Service', IncomeAccountRef: { value: '1' } } })).json.Item.Id;
});
afterAll(() => h.sandbox.close());

describe('CDC', () => {
  it('returns changed entities per type and Deleted stubs for deleted transactions', async () => {
    const customer = (await h.api('/customer', { body: { DisplayName: 'CDC Customer' } })).json.Customer;
    const inv = (await h.api('/invoice', { body: { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 5)] } })).json.Invoice;
    await h.api('/invoice?operation=delete', { body: { Id: inv.Id, SyncToken: inv.SyncToken } });
    const res = await cdc('Customer,Invoice', minutesAgo(5));
    expect(res.status, res.text).toBe(200);
    const [customers, invoices] = res.json.CDCResponse[0].QueryResponse;
    expect(customers.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toContain('CDC Customer');
    const stub = invoices.Invoice.find((i: { Id: string }) => i.Id === inv.Id);
    expect(stub).toMatchObject({ Id: inv.Id, status: 'Deleted', domain: 'QBO' });
    expect(stub.MetaData.LastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
    expect(stub.Line).toBeUndefined();
  });

  it('nothing changed since a future time → empty per-entity responses', async () => {
    const res = await cdc('Customer', new Date(Date.now() + 3_600_000).toISOString());
    expect(res.json.CDCResponse[0].QueryResponse).toEqual([{}]);
  });

  it('refuses a look-back of more than 30 days', async () => {
    const res = await cdc('Customer', new Date(Date.now() - 31 * 24 * 3_600_000).toISOString());
    expect(res.status).toBe(400);
    expect(res.json.Fault.Error[0].Detail).toContain('older than fixed days');
    expect((await cdc('Customer', new Date(Date.now() - 29 * 24 * 3_600_000).toISOString())).status).toBe(200);
  });

  it('caps a response at 1000 objects', async () => {
    await h.control(`/companies/${h.realmId}/seed`, 'POST', { seed: 2, customers: 1100 });
    const res = await cdc('Customer,Item', minutesAgo(5));
    const responses = res.json.CDCResponse[0].QueryResponse as Array<Record<string, unknown[]>>;
    const total = responses.reduce((n, r) => n + (r.Customer?.length ?? 0) + (r.Item?.length ?? 0), 0);
    expect(total).toBe(1000);
  });

  it('rejects unknown entities and a missing changedSince with Faults', async () => {
    expect((await cdc('Dragon', minutesAgo(1))).status).toBe(400);
    expect((await h.api('/cdc?entities=Customer')).status).toBe(400);
  });
});

describe('batch', () => {
  it('runs items in order with per-item Faults and HTTP 200 (partial failure)', async () => {
    const existing = (await h.api('/customer', { body: { DisplayName: 'Batch Existing' } })).json.Customer;
    const res = await h.api('/batch?minorversion=75', {
      body: {
        BatchItemRequest: [
          { bId: 'c1', operation: 'create', Customer: { DisplayName: 'Batch New' } },
          { bId: 'c2', operation: 'create', Customer: { DisplayName: 'batch existing' } },
          { bId: 'u1', operation: 'update', Customer: { Id: existing.Id, SyncToken: '9', sparse: true, Notes: 'x' } },
          { bId: 'q1', Query: "select * from Customer where DisplayName = 'Batch Existing'" },
          { bId: 'd1', operation: 'delete', Customer: { Id: existing.Id, SyncToken: existing.SyncToken } },
          { bId: 'cdc', CDCQuery: { Entities: 'Customer', ChangedSince: minutesAgo(5) } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const items: Array<ApiResponse['json']> = res.json.BatchItemResponse;
    expect(items.map((i): string => String(i.bId))).toEqual(['c1', 'c2', 'u1', 'q1', 'd1', 'cdc']);
    expect(items[0]!.Customer.DisplayName).toBe('Batch New');
    expect(items[1]!.Fault.Error[0].code).toBe('6240');
    expect(items[2]!.Fault.Error[0].code).toBe('5010');
    expect(items[3]!.QueryResponse.Customer[0].Id).toBe(existing.Id);
    expect(items[4]!.Fault).toBeDefined();
    expect(items[5]!.CDCResponse[0].QueryResponse[0].Customer.length).toBeGreaterThan(0);
  });

  it('later items do not see entities created by earlier items of the same batch', async () => {
    const before = (await h.api('/customer', { body: { DisplayName: 'Batch Anchor' } })).json.Customer;
    const nextId = String(Number(before.Id) + 1);
    const res = await h.api('/batch', {
      body: {
        BatchItemRequest: [
          { bId: 'c', operation: 'create', Customer: { DisplayName: 'Batch Fresh' } },
          { bId: 'i', operation: 'create', Invoice: { CustomerRef: { value: nextId }, Line: [salesLine(itemId, 1, 5)] } },
          { bId: 'u', operation: 'update', Customer: { Id: nextId, SyncToken: '0', sparse: true, Notes: 'x' } },
          { bId: 'ok', operation: 'create', Invoice: { CustomerRef: { value: before.Id }, Line: [salesLine(itemId, 1, 5)] } },
        ],
      },
    });
    const [created, invoice, update, ok] = res.json.BatchItemResponse;
    expect(created.Customer.Id).toBe(nextId);
    expect(invoice.Fault.Error[0].code).toBe('2500');
    expect(update.Fault.Error[0].code).toBe('610');
    expect(ok.Invoice.CustomerRef.value).toBe(before.Id);
    // After the batch the new customer is usable.
    expect((await h.api('/invoice', { body: { CustomerRef: { value: nextId }, Line: [salesLine(itemId, 1, 5)] } })).status).toBe(200);
  });

  it('rejects more than 30 items as a whole', async () => {
    const BatchItemRequest = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, Query: 'select count(*) from Item' }));
    const res = await h.api('/batch', { body: { BatchItemRequest } });
    expect(res.status).toBe(400);
    expect(res.json.Fault).toBeDefined();
    const ok = await h.api('/batch', { body: { BatchItemRequest: BatchItemRequest.slice(0, 30) } });
    expect(ok.json.BatchItemResponse).toHaveLength(30);
  });

  it('a batch item with no operation or an unknown entity gets its own Fault', async () => {
    const res = await h.api('/batch', { body: { BatchItemRequest: [{ bId: 'x', Customer: { DisplayName: 'No op' } }, { bId: 'y', operation: 'create', Dragon: {} }] } });
    expect(res.status).toBe(200);
    expect(res.json.BatchItemResponse[0].Fault).toBeDefined();
    expect(res.json.BatchItemResponse[1].Fault).toBeDefined();
  });
});
