/**
 * Companies mode (issue 16) driven by webhooks, as in production: deletions (opt-in) make the customer
 * inactive, never deleted; a HubSpot merge moves the link to the surviving company; a billing contact's
 * edit and a QuickBooks customer's edit reach the other side through the companies sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { eventually } from '../../helpers/eventually.ts';
import { setUpSync, syncAccount } from '../../helpers/sync-accounts.ts';
import { defaultCompanyMappings, DELETIONS_OPTION, INACTIVE_CUSTOMERS_OPTION } from '@quickbooks-sync/contract/definitions';

let nextPortal = 63_500_001;
let nextRealm = 8_350_001;
const PRIMARY_COMPANY = 1;
type Row = { id: number; state: string; hubspot_id: string | null; qbo_id: string | null; reason_code: string | null; message: string | null };

describe('companies mode: removals and webhooks', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  async function account(options: Record<string, string> = {}) {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'companies', { conflictWinner: 'hubspot', fieldMappings: defaultCompanyMappings(), options });
    await eventually(async () => Boolean(await h.db.db('sync_runs').where({ portal_id: a.portalId, object_type: 'companies', status: 'succeeded' }).first()), 30_000);
    const row = (hubspotId: string) => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'companies', hubspot_id: hubspotId }).first<Row>();
    const rowById = (id: number) => h.db.db('sync_records').where({ portal_id: a.portalId, id }).first<Row>();
    const synced = (hubspotId: string) => eventually(async () => ((await row(hubspotId))?.state === 'synced' && (await row(hubspotId))?.qbo_id ? row(hubspotId) : undefined), 30_000);
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => expect(r.ok).toBe(true));
    return { ...a, row, rowById, synced, control };
  }

  it('a deleted company leaves its customer alone by default', async () => {
    const a = await account();
    const keep = await a.hs.create('companies', { name: 'Keep Co' });
    const keepRow = await a.synced(keep.id);
    await a.control('DELETE', `/objects/companies/${keep.id}`);
    await eventually(async () => Boolean(await h.db.db('webhook_inbox').where({ portal_id: a.portalId }).whereLike('error', 'kept: deleted in HubSpot%').first()), 30_000);
    expect((await a.qb.read('Customer', keepRow.qbo_id!)).Active).toBe(true);
  });

  it('opted in, a deleted company makes its customer inactive (never deleted), in the activity', async () => {
    const a = await account({ [DELETIONS_OPTION]: 'propagate' });
    const gone = await a.hs.create('companies', { name: 'Gone Co' });
    const goneRow = await a.synced(gone.id);
    await a.control('DELETE', `/objects/companies/${gone.id}`);
    await eventually(async () => (await a.qb.read('Customer', goneRow.qbo_id!)).Active === false, 30_000);
    // The customer is made inactive first, then the record and its activity are written: wait for both.
    await eventually(async () => (await a.rowById(goneRow.id))?.reason_code === 'deleted_in_hubspot', 30_000);
    expect(await a.rowById(goneRow.id)).toMatchObject({ state: 'excluded', reason_code: 'deleted_in_hubspot' });
    const activity = await h.db.db('sync_activity').where({ portal_id: a.portalId, record_id: goneRow.id }).select('action', 'reason_code');
    expect(activity).toContainEqual(expect.objectContaining({ action: 'delete', reason_code: 'deleted_in_hubspot' }));
    expect(await a.qb.all('Customer')).toHaveLength(1);
  });

  it('a customer made inactive in QuickBooks: its webhook goes to the companies sync, sets the pair aside and, opted in, archives the company', async () => {
    const a = await account({ [INACTIVE_CUSTOMERS_OPTION]: 'archive' });
    const old = await a.hs.create('companies', { name: 'Retired Co' });
    const oldRow = await a.synced(old.id);
    const customer = await a.qb.read('Customer', oldRow.qbo_id!);
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, Active: false });
    await eventually(async () => (await a.rowById(oldRow.id))?.reason_code === 'inactive_in_quickbooks', 30_000);
    await eventually(async () => (await a.hs.all('companies')).length === 0, 30_000);
    expect(await a.qb.all('Customer')).toEqual([expect.objectContaining({ Id: customer.Id, Active: false })]);
  });

  it('a merge into a company without a customer: the link follows the survivor, no second customer', async () => {
    const a = await account();
    const old = await a.hs.create('companies', { name: 'Merge Old', domain: 'merge.test' });
    const oldRow = await a.synced(old.id);
    // A twin with neither name nor domain: it cannot be matched, so it has no customer of its own.
    const twin = await a.hs.create('companies', { city: 'Denver' });
    await eventually(async () => (await a.row(twin.id))?.state === 'excluded', 30_000);
    await a.control('POST', '/merge/companies', { primaryObjectId: twin.id, objectIdToMerge: old.id });
    const moved = await eventually(async () => ((await a.rowById(oldRow.id))?.hubspot_id === twin.id ? a.rowById(oldRow.id) : undefined), 60_000);
    expect(moved).toMatchObject({ qbo_id: oldRow.qbo_id });
    await eventually(async () => ((await a.qb.read('Customer', oldRow.qbo_id!)).BillAddr as { City?: string } | undefined)?.City === 'Denver', 30_000);
    expect(await a.qb.all('Customer')).toHaveLength(1);
  }, 120_000);

  it('the billing contact’s edit and the customer’s edit reach the other side', async () => {
    const a = await account();
    const co = await a.hs.create('companies', { name: 'Webhook Co', domain: 'webhook-co.test' });
    const bill = await a.hs.create('contacts', { email: 'bill@webhook-co.test' });
    await a.hs.associate('contacts', bill.id, 'companies', co.id, [PRIMARY_COMPANY]);
    const coRow = await a.synced(co.id);
    await a.hs.update('contacts', bill.id, { email: 'ap@webhook-co.test', phone: '555-0909' });
    await eventually(async () => ((await a.qb.read('Customer', coRow.qbo_id!)).PrimaryEmailAddr as { Address?: string } | undefined)?.Address === 'ap@webhook-co.test', 30_000);
    expect((await a.qb.read('Customer', coRow.qbo_id!)).PrimaryPhone).toMatchObject({ FreeFormNumber: '555-0909' });
    // The bookkeeper edits the customer: its QuickBooks webhook goes to the companies sync.
    const customer = await a.qb.read('Customer', coRow.qbo_id!);
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, BillAddr: { City: 'Reno' } });
    await eventually(async () => (await a.hs.all('companies')).find((c) => c.id === co.id)?.properties.city === 'Reno', 30_000);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' })).toHaveLength(0);
  }, 90_000);
});
