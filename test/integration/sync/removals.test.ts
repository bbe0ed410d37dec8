/**
 * Deletions and merges (issue 16): a HubSpot merge moves the link to the surviving contact (no second
 * customer), or sets the merged pair aside when the survivor has its own; a deleted contact leaves its
 * customer alone by default and, opted in, makes it inactive (never deleted). Every one is in the
 * record's activity. Webhooks drive it, as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { customerEmail } from '../../helpers/sync-state.ts';
import { eventually } from '../../helpers/eventually.ts';
import { defaultContactMappings, defaultInvoiceMappings, DELETIONS_OPTION, INACTIVE_CUSTOMERS_OPTION } from '@quickbooks-sync/contract/definitions';
import { setUpSync, syncAccount, syncPass } from '../../helpers/sync-accounts.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { syncRemovalJob } from '../../../backend/src/jobs/handlers/sync-removal.ts';
import { objectChangeOf } from '../../../backend/src/sync/webhook-dispatch.ts';

let nextPortal = 62_300_001;
let nextRealm = 8_230_001;
type Row = { id: number; state: string; hubspot_id: string | null; qbo_id: string | null; reason_code: string | null; message: string | null };

describe('removals', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  async function account(options: Record<string, string> = {}) {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    const { hs, qb } = await syncAccount(h, portalId, realmId);
    await setUpSync(h, { portalId, realmId, hs, qb }, 'contacts', { fieldMappings: defaultContactMappings().map((m) => (m.id === 'display_name' ? { ...m, enabled: false } : m)), options });
    await eventually(async () => Boolean(await h.db.db('sync_runs').where({ portal_id: portalId, object_type: 'contacts', status: 'succeeded' }).first()), 30_000);
    const row = (hubspotId: string) => h.db.db('sync_records').where({ portal_id: portalId, object_type: 'contacts', hubspot_id: hubspotId }).first<Row>();
    const rowById = (id: number) => h.db.db('sync_records').where({ portal_id: portalId, id }).first<Row>();
    const synced = (hubspotId: string) => eventually(async () => ((await row(hubspotId))?.state === 'synced' && (await row(hubspotId))?.qbo_id ? row(hubspotId) : undefined), 30_000);
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => {
        expect(r.ok).toBe(true);
      });
    const activity = (recordId: number) => h.db.db('sync_activity').where({ portal_id: portalId, record_id: recordId }).orderBy('id').select<Array<{ action: string; reason_code: string | null; message: string | null }>>('action', 'reason_code', 'message');
    return { portalId, hs, qb, row, rowById, synced, control, activity };
  }

  it('a merge into a contact without a customer: the link follows the survivor, no second customer', async () => {
    const a = await account();
    const ann = await a.hs.create('contacts', { email: 'ann@merge.test', firstname: 'Ann', lastname: 'Old' });
    const annRow = (await a.synced(ann.id));
    // A duplicate without an e-mail: HubSpot keeps it, it cannot be matched, so it has no customer.
    const dup = await a.hs.create('contacts', { firstname: 'Ann', lastname: 'New', phone: '555-0101' });
    await eventually(async () => (await a.row(dup.id))?.state === 'excluded', 30_000);

    await a.control('POST', '/merge/contacts', { primaryObjectId: dup.id, objectIdToMerge: ann.id });
    const moved = await eventually(async () => ((await a.rowById(annRow.id))?.hubspot_id === dup.id ? a.rowById(annRow.id) : undefined), 60_000);
    expect(moved).toMatchObject({ qbo_id: annRow.qbo_id });
    // The survivor (now with Ann's e-mail and the duplicate's phone) syncs to the same customer.
    await eventually(async () => ((await a.qb.read('Customer', annRow.qbo_id!)).PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber === '555-0101', 30_000);
    expect((await a.qb.all('Customer')).filter((c) => customerEmail(c) === 'ann@merge.test')).toHaveLength(1);
    expect(await a.qb.all('Customer')).toHaveLength(1);
    expect((await a.activity(annRow.id)).map((e) => e.reason_code)).toContain('merged_in_hubspot');
  }, 120_000);

  it('a merge of two synced contacts: the merged pair is set aside, both customers named, none deleted', async () => {
    const a = await account();
    const bea = await a.hs.create('contacts', { email: 'bea@merge.test', firstname: 'Bea' });
    const bee = await a.hs.create('contacts', { email: 'bee@merge.test', firstname: 'Bee' });
    const beaRow = (await a.synced(bea.id));
    const beeRow = (await a.synced(bee.id));
    await a.control('POST', '/merge/contacts', { primaryObjectId: bee.id, objectIdToMerge: bea.id });
    const aside = await eventually(async () => ((await a.rowById(beaRow.id))?.reason_code === 'merged_in_hubspot' ? a.rowById(beaRow.id) : undefined), 60_000);
    expect(aside).toMatchObject({ state: 'excluded', hubspot_id: null });
    expect(aside.message).toContain(`QuickBooks #${beaRow.qbo_id!} is no longer synced`);
    expect(aside.message).toContain(`paired with QuickBooks #${beeRow.qbo_id!}`);
    expect(await a.qb.all('Customer')).toHaveLength(2);
    expect(await a.row(bee.id)).toMatchObject({ id: beeRow.id, qbo_id: beeRow.qbo_id });
  }, 120_000);

  it('a deleted contact leaves its customer alone by default', async () => {
    const a = await account();
    const cal = await a.hs.create('contacts', { email: 'cal@delete.test', firstname: 'Cal' });
    const calRow = (await a.synced(cal.id));
    await a.control('DELETE', `/objects/contacts/${cal.id}`);
    await eventually(async () => Boolean(await h.db.db('webhook_inbox').where({ portal_id: a.portalId }).whereLike('error', 'kept: deleted in HubSpot%').first()), 30_000);
    // The record says so, in its activity; the customer is untouched.
    const kept = await eventually(async () => ((await a.rowById(calRow.id))?.reason_code === 'deleted_in_hubspot' ? a.rowById(calRow.id) : undefined), 30_000);
    expect(kept).toMatchObject({ state: 'excluded', message: `Deleted in HubSpot: QuickBooks customer #${calRow.qbo_id!} is kept as it is (this sync does not reflect deletions) and no longer synced.` });
    expect(await a.activity(calRow.id)).toContainEqual(expect.objectContaining({ action: 'exclude', reason_code: 'deleted_in_hubspot' }));
    expect((await a.qb.read('Customer', calRow.qbo_id!)).Active).toBe(true);
  });

  it('opted in, a deleted contact makes its customer inactive (never deleted), in the activity', async () => {
    const a = await account({ [DELETIONS_OPTION]: 'propagate' });
    const dot = await a.hs.create('contacts', { email: 'dot@delete.test', firstname: 'Dot' });
    const dotRow = (await a.synced(dot.id));
    await a.control('DELETE', `/objects/contacts/${dot.id}`);
    await eventually(async () => (await a.qb.read('Customer', dotRow.qbo_id!)).Active === false, 30_000);
    // The customer is made inactive first, then the record says so (and its webhook back waits for the same lock).
    await eventually(async () => (await a.rowById(dotRow.id))?.reason_code === 'deleted_in_hubspot', 30_000);
    expect(await a.rowById(dotRow.id)).toMatchObject({ state: 'excluded', reason_code: 'deleted_in_hubspot' });
    expect(await a.activity(dotRow.id)).toContainEqual(expect.objectContaining({ action: 'delete', reason_code: 'deleted_in_hubspot' }));
    expect(await a.qb.all('Customer')).toHaveLength(1);
  });

  it('a customer made inactive in QuickBooks: its webhook (a Delete) sets the pair aside and, opted in, archives the contact', async () => {
    const a = await account({ [INACTIVE_CUSTOMERS_OPTION]: 'archive', [DELETIONS_OPTION]: 'propagate' });
    const eve = await a.hs.create('contacts', { email: 'eve@inactive.test', firstname: 'Eve' });
    const eveRow = await a.synced(eve.id);
    const customer = await a.qb.read('Customer', eveRow.qbo_id!);
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, Active: false });
    await eventually(async () => (await a.rowById(eveRow.id))?.reason_code === 'inactive_in_quickbooks', 30_000);
    await eventually(async () => (await a.hs.all('contacts')).length === 0, 30_000);
    expect(await a.activity(eveRow.id)).toContainEqual(expect.objectContaining({ action: 'delete', reason_code: 'inactive_in_quickbooks' }));
    // Our archive's deletion webhook, as its job runs it: not taken for a person deleting the contact.
    await syncRemovalJob.handle(h.ctx, { portalId: a.portalId, change: { kind: 'deleted', objectType: 'contacts', side: 'hubspot', id: eve.id } });
    expect(await a.rowById(eveRow.id)).toMatchObject({ state: 'excluded', reason_code: 'inactive_in_quickbooks' });
    expect((await a.activity(eveRow.id)).filter((e) => e.action === 'delete')).toHaveLength(1);
    expect(await a.qb.all('Customer')).toEqual([expect.objectContaining({ Id: customer.Id, Active: false })]);
  });
});

describe('removals: a QuickBooks invoice deleted', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function invoiceAccount(portalId: number, realmId: string, options: Record<string, string>) {
    const a = await syncAccount(h, portalId, realmId);
    await setUpSync(h, a, 'contacts', { fieldMappings: defaultContactMappings(), conflictWinner: 'quickbooks' });
    await setUpSync(h, a, 'invoices', { direction: 'qbo_to_hubspot', conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), options });
    const income = (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;
    const customer = await a.qb.create('Customer', { DisplayName: 'Void Co', PrimaryEmailAddr: { Address: 'ap@void.test' }, Taxable: false });
    const item = await a.qb.create('Item', { Name: 'Widget', Sku: 'W-1', Type: 'Service', UnitPrice: 50, IncomeAccountRef: { value: income } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, DocNumber: 'V-1', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 50 } }] });
    await syncPass(h, a, invoicesAdapter);
    const row = await h.db.db('sync_records').where({ portal_id: portalId, object_type: 'invoices', qbo_id: invoice.Id }).first<Row>();
    expect(row).toMatchObject({ state: 'synced' });
    await a.qb.api('POST', '/invoice?operation=delete', { Id: invoice.Id, SyncToken: (await a.qb.read('Invoice', invoice.Id)).SyncToken });
    // What the QuickBooks webhook's job does (webhook-dispatch queues it when the sync propagates deletions).
    await syncRemovalJob.handle(h.ctx, { portalId, change: { kind: 'deleted', objectType: 'invoices', side: 'qbo', id: invoice.Id } });
    return { a, row: row };
  }

  it('opted in: its HubSpot invoice is voided, never deleted; the record and activity say so', async () => {
    const { a, row } = await invoiceAccount(62_300_101, '8230101', { [DELETIONS_OPTION]: 'propagate' });
    const hsInvoice = (await a.hs.all('invoices')).find((i) => i.id === row.hubspot_id);
    expect(hsInvoice?.properties.hs_invoice_status).toBe('voided');
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, id: row.id }).first()).toMatchObject({ state: 'excluded', reason_code: 'deleted_in_quickbooks' });
    expect(await h.db.db('sync_activity').where({ portal_id: a.portalId, record_id: row.id, action: 'delete' }).first()).toMatchObject({ reason_code: 'deleted_in_quickbooks' });
  });

  it('by default the HubSpot invoice is kept as it is; the record says so', async () => {
    const { a, row } = await invoiceAccount(62_300_102, '8230102', {});
    expect((await a.hs.all('invoices')).find((i) => i.id === row.hubspot_id)?.properties.hs_invoice_status).toBe('open');
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, id: row.id }).first()).toMatchObject({ state: 'excluded', reason_code: 'deleted_in_quickbooks', message: `Deleted in QuickBooks: HubSpot invoice #${row.hubspot_id!} is kept as it is (this sync does not reflect deletions) and no longer synced.` });
    // A later pass (the deletion seen again) adds nothing.
    await syncPass(h, a, invoicesAdapter);
    expect(await h.db.db('sync_activity').where({ portal_id: a.portalId, record_id: row.id }).whereIn('reason_code', ['deleted_in_quickbooks', 'counterpart_deleted'])).toHaveLength(1);
  });

  it('the QuickBooks webhook of a deletion is recognised as one', () => {
    expect(objectChangeOf('quickbooks', { entity: 'Invoice', entityId: '7', operation: 'deleted' })).toMatchObject({ objectType: 'invoices', side: 'qbo', id: '7', deleted: true });
    expect(objectChangeOf('hubspot', { subscriptionType: 'object.merge', objectTypeId: '0-1', objectId: 5, primaryObjectId: 5, mergedObjectIds: [3] })).toMatchObject({ objectType: 'contacts', merge: { primaryId: '5', mergedIds: ['3'] } });
  });
});
