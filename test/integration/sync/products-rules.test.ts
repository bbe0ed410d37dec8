/**
 * Products ⇄ Items (R12, R9), each rule on its own account, passes driven by the test: both directions
 * with exact values on both sides, SKU matching without duplicates, SKU-less records excluded with the rule
 * named, the failures a person must fix (income account, name clash, colon, inventory), both conflict
 * winners, inactive ⇄ archived, and a create retried after a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser, type HubSpotObject } from '../../helpers/vendor-data.ts';
import { defaultProductMappings } from '@quickbooks-sync/contract/definitions';
import { itemCreateRequestId, productsAdapter, upsertProduct } from '../../../backend/src/sync/objects/products/products-adapter.ts';
import { itemValues } from '../../../backend/src/sync/objects/products/product-values.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { syncRecord } from '../../../backend/src/sync/engine/record-sync.ts';
import type { FilterGroup } from '../../../backend/src/sync/types.ts';

let nextPortal = 61_000_001;
let nextRealm = 8_100_001;
const SKU_ONLY_TO_QBO: FilterGroup[] = [{ criteria: [{ property: 'hs_sku', operator: 'HAS_PROPERTY' }] }];
const SKU_ONLY_TO_HUBSPOT: FilterGroup[] = [{ criteria: [{ property: 'Sku', operator: 'HAS_PROPERTY' }] }];

interface Account {
  portalId: number;
  realmId: string;
  hs: ReturnType<typeof hubspotUser>;
  qb: Awaited<ReturnType<typeof qboUser>>;
  /** The QBO company's "Services" income account. */
  incomeAccountId: string;
}

type Row = Record<string, unknown> & { state: string; reason_code: string | null; message: string | null; qbo_id: string | null; hubspot_id: string | null };

describe('products sync rules', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function connected(): Promise<Account> {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId)).status).toBe(200);
    const qb = await qboUser(h, realmId);
    const income = (await qb.all('Account')).find((a) => a.Name === 'Services');
    return { portalId, realmId, hs: hubspotUser(h, portalId), qb, incomeAccountId: income!.Id };
  }

  async function account(settings: { direction?: string; conflictWinner?: string; options?: Record<string, string>; withIncomeAccount?: boolean } = {}): Promise<Account> {
    const a = await connected();
    const res = await h.signedFetch('/api/v1/syncs/products', a.portalId, {
      method: 'PUT',
      body: {
        direction: settings.direction ?? 'two_way',
        conflictWinner: settings.conflictWinner ?? 'hubspot',
        fieldMappings: defaultProductMappings(),
        filters: { toQbo: SKU_ONLY_TO_QBO, toHubSpot: SKU_ONLY_TO_HUBSPOT },
        options: settings.withIncomeAccount === false ? {} : { incomeAccountId: a.incomeAccountId },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return a;
  }

  async function session(a: Account) {
    const loaded = await loadSession(h.ctx, a.portalId, 'products');
    if (!loaded.ok) throw new Error(loaded.reason);
    return loaded.session;
  }
  const pass = async (a: Account) => {
    // A person's edit, then "Sync now" later: by then HubSpot's search index has caught up (the lag still hides our own writes within the pass).
    await a.hs.searchIndexed();
    return runSyncPass(await session(a), productsAdapter, 'sync_now');
  };
  const record = (a: Account, side: 'hubspot' | 'qbo', id: string) =>
    h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'products', [side === 'hubspot' ? 'hubspot_id' : 'qbo_id']: id }).first<Row>();
  const items = async (a: Account) => (await a.qb.all('Item')).filter((i) => i.Type !== 'Category');
  async function products(a: Account, includeArchived = false): Promise<Array<HubSpotObject & { archived: boolean }>> {
    const res = await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/objects/products?limit=1000&includeArchived=${includeArchived}`);
    return ((await res.json()) as { results: Array<HubSpotObject & { archived: boolean }> }).results;
  }

  it('R9 recommended: QuickBooks → HubSpot, items with a SKU become products with exact values; SKU-less items are excluded with the rule named', async () => {
    const a = await connected();
    const res = await h.signedFetch('/api/v1/syncs/products/recommended', a.portalId, { method: 'POST', body: {} });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ direction: 'qbo_to_hubspot', conflictWinner: 'quickbooks', filters: { toHubSpot: SKU_ONLY_TO_HUBSPOT, toQbo: SKU_ONLY_TO_QBO } });
    const gear = await a.qb.create('Item', { Name: 'Gear', Sku: ' G-1 ', Description: 'A steel gear', UnitPrice: 12.5, Type: 'NonInventory', IncomeAccountRef: { value: a.incomeAccountId } });
    const audit = await a.qb.create('Item', { Name: 'Audit', Sku: 'SVC-9', UnitPrice: 300, Type: 'Service', IncomeAccountRef: { value: a.incomeAccountId } });
    const loose = await a.qb.create('Item', { Name: 'Loose bolt', UnitPrice: 1, Type: 'NonInventory', IncomeAccountRef: { value: a.incomeAccountId } });
    const onlyInHubSpot = await a.hs.create('products', { name: 'HubSpot only', hs_sku: 'HS-1', price: '5' });
    await pass(a);

    const all = await products(a);
    expect(all.map((p) => p.properties.hs_sku).sort()).toEqual(['G-1', 'HS-1', 'SVC-9']);
    expect(all.find((p) => p.properties.hs_sku === 'G-1')!.properties).toMatchObject({ name: 'Gear', description: 'A steel gear', price: '12.5', hs_product_type: 'non_inventory', qbo_item_id: gear.Id });
    expect(all.find((p) => p.properties.hs_sku === 'SVC-9')!.properties).toMatchObject({ name: 'Audit', price: '300', hs_product_type: 'service', qbo_item_id: audit.Id });
    expect(await record(a, 'qbo', gear.Id)).toMatchObject({ state: 'synced', origin: 'quickbooks', display_name: 'Gear' });
    expect(await record(a, 'qbo', loose.Id)).toMatchObject({ state: 'excluded', reason_code: 'filtered_out', message: 'Excluded by the sync filter: "SKU is known" not met.', hubspot_id: null });
    // one-way: the HubSpot product stays in HubSpot
    expect((await items(a)).map((i) => i.Name).sort()).toEqual(['Audit', 'Gear', 'Loose bolt']);
    expect(await record(a, 'hubspot', onlyInHubSpot.id)).toBeUndefined();

    // the item gets a SKU: it enters the filter and syncs
    const current = await a.qb.read('Item', loose.Id);
    await a.qb.update('Item', { Id: loose.Id, SyncToken: current.SyncToken, Sku: 'B-7' });
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', loose.Id)).action).toBe('created');
    expect((await products(a)).find((p) => p.properties.hs_sku === 'B-7')?.properties).toMatchObject({ name: 'Loose bolt', qbo_item_id: loose.Id });
  });

  it('HubSpot → QuickBooks: products become items with exact values and the settings’ income account; a product with a known SKU is linked, not duplicated', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const widget = await a.hs.create('products', { name: 'Widget', hs_sku: 'W-1', description: 'Blue', price: '19.99', hs_product_type: 'non_inventory' });
    const consult = await a.hs.create('products', { name: 'Consulting hour', hs_sku: 'C-1', price: '150' });
    const existing = await a.qb.create('Item', { Name: 'Existing sprocket', Sku: 'S-1', UnitPrice: 3, Type: 'NonInventory', IncomeAccountRef: { value: a.incomeAccountId } });
    const sprocket = await a.hs.create('products', { name: 'Sprocket', hs_sku: ' S-1', price: '3' });
    const noSku = await a.hs.create('products', { name: 'Mystery box', price: '9' });
    await pass(a);

    const all = await items(a);
    expect(all).toHaveLength(3);
    const created = all.find((i) => i.Sku === 'W-1')!;
    expect(created).toMatchObject({ Name: 'Widget', Description: 'Blue', UnitPrice: 19.99, Type: 'NonInventory', Active: true, IncomeAccountRef: { value: a.incomeAccountId } });
    expect(all.find((i) => i.Sku === 'C-1')).toMatchObject({ Name: 'Consulting hour', UnitPrice: 150, Type: 'Service' });
    // linked by SKU, and the HubSpot name written to it (HubSpot → QBO only)
    expect(await a.qb.read('Item', existing.Id)).toMatchObject({ Name: 'Sprocket', Sku: 'S-1' });
    expect(await record(a, 'hubspot', sprocket.id)).toMatchObject({ state: 'synced', qbo_id: existing.Id });
    expect(await record(a, 'hubspot', widget.id)).toMatchObject({ state: 'synced', qbo_id: created.Id, origin: 'hubspot', last_direction: 'to_qbo' });
    expect(await record(a, 'hubspot', consult.id)).toMatchObject({ state: 'synced' });
    expect(await record(a, 'hubspot', noSku.id)).toMatchObject({ state: 'excluded', reason_code: 'filtered_out', message: 'Excluded by the sync filter: "SKU is known" not met.' });

    // an edit goes through as a sparse update
    await a.hs.update('products', widget.id, { price: '21', description: '' });
    await pass(a);
    expect(await a.qb.read('Item', created.Id)).toMatchObject({ Name: 'Widget', UnitPrice: 21, Description: '' });
    expect(await items(a)).toHaveLength(3);
  });

  it('failures a person must fix: no income account, a name another item holds, a colon, an inventory product', async () => {
    const a = await account({ direction: 'hubspot_to_qbo', withIncomeAccount: false });
    const noAccount = await a.hs.create('products', { name: 'Gadget', hs_sku: 'GA-1', price: '4' });
    await pass(a);
    expect(await record(a, 'hubspot', noAccount.id)).toMatchObject({
      state: 'failed',
      reason_code: 'income_account_missing',
      message: 'New QuickBooks items need an income account, and none is chosen for the products sync. Choose the income account for new items in the products sync settings; the product syncs on its next change or "Sync now".',
    });
    expect(await items(a)).toHaveLength(0);

    const b = await account({ direction: 'hubspot_to_qbo' });
    const holder = await b.qb.create('Item', { Name: 'Gizmo', Sku: 'OTHER-1', UnitPrice: 1, Type: 'Service', IncomeAccountRef: { value: b.incomeAccountId } });
    const clash = await b.hs.create('products', { name: 'gizmo', hs_sku: 'GZ-2', price: '2' });
    const colon = await b.hs.create('products', { name: 'Kits: large', hs_sku: 'K-1', price: '2' });
    const stock = await b.hs.create('products', { name: 'Crate', hs_sku: 'CR-1', price: '2', hs_product_type: 'inventory' });
    await pass(b);
    expect(await record(b, 'hubspot', clash.id)).toMatchObject({
      state: 'failed',
      reason_code: 'item_name_taken',
      message: `QuickBooks item #${holder.Id} with SKU “OTHER-1” already uses the name “gizmo”, and item names are unique in QuickBooks. If it is the same product, give it this product’s SKU in QuickBooks so the sync links the two; otherwise rename one of them.`,
    });
    expect(await record(b, 'hubspot', colon.id)).toMatchObject({ state: 'failed', reason_code: 'item_name_invalid', message: expect.stringContaining("QuickBooks item names cannot contain ':'") });
    expect(await record(b, 'hubspot', stock.id)).toMatchObject({ state: 'failed', reason_code: 'inventory_item_not_created', message: expect.stringContaining('Create the item in QuickBooks with the same SKU') });
    expect((await items(b)).map((i) => i.Name)).toEqual(['Gizmo']);
    const activity = await h.db.db('sync_activity').where({ portal_id: b.portalId, action: 'fail' }).select('reason_code');
    expect(activity.map((x: { reason_code: string }) => x.reason_code).sort()).toEqual(['inventory_item_not_created', 'item_name_invalid', 'item_name_taken']);

    // fixing the name lets it through on the next pass
    await b.hs.update('products', clash.id, { name: 'Gizmo deluxe' });
    await pass(b);
    expect(await record(b, 'hubspot', clash.id)).toMatchObject({ state: 'synced', reason_code: null });
    expect((await items(b)).find((i) => i.Sku === 'GZ-2')).toMatchObject({ Name: 'Gizmo deluxe' });
  });

  for (const winner of ['hubspot', 'quickbooks'] as const) {
    it(`conflict, “Use ${winner === 'hubspot' ? 'HubSpot' : 'QuickBooks Online'} data”: one-side changes reach both sides (a clear too), two-side changes go to the winner`, async () => {
      const a = await account({ conflictWinner: winner });
      const lamp = await a.hs.create('products', { name: 'Lamp', hs_sku: 'L-1', price: '40', description: 'Desk lamp' });
      await pass(a);
      const linked = await record(a, 'hubspot', lamp.id);
      const item = await a.qb.read('Item', linked.qbo_id!);
      expect(item).toMatchObject({ Name: 'Lamp', UnitPrice: 40, Description: 'Desk lamp' });
      // both sides change while nothing syncs: HubSpot renames and clears the description; QuickBooks changes the price and the name
      await a.hs.update('products', lamp.id, { name: 'Lamp (HubSpot)', description: '' });
      await a.qb.update('Item', { Id: item.Id, SyncToken: item.SyncToken, Name: 'Lamp (QuickBooks)', UnitPrice: 45 });
      await syncRecord(await session(a), productsAdapter, 'hubspot', lamp.id);
      const product = (await products(a)).find((p) => p.id === lamp.id)!;
      const after = await a.qb.read('Item', item.Id);
      // Changed on one side only, a field takes that side's value on both sides (HubSpot's clear of the
      // description is a change, QuickBooks' new price too); the name, changed on both, goes to the winner.
      const name = winner === 'hubspot' ? 'Lamp (HubSpot)' : 'Lamp (QuickBooks)';
      expect(after).toMatchObject({ Name: name, UnitPrice: 45 });
      expect(after.Description ?? '').toBe('');
      expect(product.properties).toMatchObject({ name, price: '45' });
      expect(product.properties.description ?? '').toBe('');
      const conflict = await h.db.db('sync_activity').where({ portal_id: a.portalId, action: 'conflict' }).first();
      expect(conflict.details.winner).toBe(winner === 'hubspot' ? 'hubspot' : 'qbo');
    });
  }

  it('inactive in QuickBooks ⇄ archived in HubSpot; reactivated, the archived product fails until it is restored', async () => {
    const a = await account({ direction: 'qbo_to_hubspot' });
    const mug = await a.qb.create('Item', { Name: 'Mug', Sku: 'M-1', UnitPrice: 8, Type: 'NonInventory', IncomeAccountRef: { value: a.incomeAccountId } });
    await pass(a);
    const productId = (await record(a, 'qbo', mug.Id)).hubspot_id!;
    let current = await a.qb.read('Item', mug.Id);
    await a.qb.update('Item', { Id: mug.Id, SyncToken: current.SyncToken, Active: false });
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', mug.Id)).action).toBe('updated');
    expect((await products(a)).find((p) => p.id === productId)).toBeUndefined();
    expect((await products(a, true)).find((p) => p.id === productId)).toMatchObject({ archived: true, properties: { name: 'Mug', hs_sku: 'M-1' } });
    expect(await record(a, 'qbo', mug.Id)).toMatchObject({ state: 'synced', hubspot_id: productId });
    const archivedActivity = await h.db.db('sync_activity').where({ portal_id: a.portalId, action: 'update' }).first();
    expect(archivedActivity.details.changes).toEqual([{ mappingId: 'active', before: true, after: false }]);

    // reactivated in QuickBooks: HubSpot cannot restore through its API, so the record says what to do
    current = await a.qb.read('Item', mug.Id);
    await a.qb.update('Item', { Id: mug.Id, SyncToken: current.SyncToken, Active: true, UnitPrice: 9 });
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', mug.Id)).action).toBe('failed');
    expect(await record(a, 'qbo', mug.Id)).toMatchObject({
      state: 'failed',
      reason_code: 'hubspot_product_archived',
      message: `HubSpot product #${productId} is archived, and HubSpot does not let apps restore archived products, so this item's changes cannot reach it. Restore the product in HubSpot and retry this record, or make the item inactive in QuickBooks if the product should stay archived.`,
    });
    // restored by a person; the retry brings the new price, and the same product is kept (no duplicate)
    expect((await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/restore/products/${productId}`, { method: 'POST' })).status).toBe(200);
    // the failure stands until the person presses Retry (the item did not change again): Retry queues the pass, run here
    const failed = await record(a, 'qbo', mug.Id);
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', mug.Id)).action).toBe('failed');
    expect((await h.signedFetch(`/api/v1/records/${failed.id as number}/retry`, a.portalId, { method: 'POST' })).status).toBe(202);
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', mug.Id)).action).toBe('updated');
    expect((await products(a)).filter((p) => p.properties.hs_sku === 'M-1')).toEqual([expect.objectContaining({ id: productId, properties: expect.objectContaining({ price: '9' }) })]);
    expect(await record(a, 'qbo', mug.Id)).toMatchObject({ state: 'synced' });
  });

  it('archived in HubSpot (two-way) → the item becomes inactive in QuickBooks; the pair stays synced and nothing flips back', async () => {
    const a = await account({ direction: 'two_way' });
    const cup = await a.hs.create('products', { name: 'Cup', hs_sku: 'C-1', price: '4' });
    await pass(a);
    const itemId = (await record(a, 'hubspot', cup.id)).qbo_id!;
    expect((await a.qb.read('Item', itemId)).Active).toBe(true);
    expect((await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/objects/products/${cup.id}`, { method: 'DELETE' })).status).toBeLessThan(300);
    // The deletion webhook's record job:
    expect((await syncRecord(await session(a), productsAdapter, 'hubspot', cup.id)).action).toBe('updated');
    expect((await a.qb.read('Item', itemId)).Active).toBe(false);
    expect(await record(a, 'hubspot', cup.id)).toMatchObject({ state: 'synced', last_direction: 'to_qbo' });
    expect(await h.db.db('sync_activity').where({ portal_id: a.portalId, object_type: 'products', direction: 'to_qbo' }).orderBy('id', 'desc').first()).toMatchObject({ action: 'update', message: `Archived in HubSpot: QuickBooks item #${itemId} is now inactive.` });
    // QuickBooks' side of our change comes back: inactive ⇄ archived already, nothing to write; the webhook again: unchanged.
    expect((await syncRecord(await session(a), productsAdapter, 'qbo', itemId)).action).toBe('unchanged');
    expect((await syncRecord(await session(a), productsAdapter, 'hubspot', cup.id)).action).toBe('unchanged');
    expect((await products(a, true)).filter((p) => p.properties.hs_sku === 'C-1')).toEqual([expect.objectContaining({ id: cup.id, archived: true })]);
  });

  it('a crash between the QuickBooks create and the link does not duplicate the item on retry', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const pen = await a.hs.create('products', { name: 'Pen', hs_sku: 'P-1', price: '2' });
    // The first attempt stored its requestid and QuickBooks created the item, then the process died.
    const requestId = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    await h.db.db('sync_records').insert({ portal_id: a.portalId, object_type: 'products', hubspot_id: pen.id, pending_qbo_request_id: requestId, state: 'pending' });
    const token = (await (await fetch(`${h.qbo.baseUrl}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: h.apps.quickbooks.clientId, realmId: a.realmId }) })).json()) as { access_token: string };
    const body = { Name: 'Pen', Sku: 'P-1', UnitPrice: 2, Type: 'Service', IncomeAccountRef: { value: a.incomeAccountId } };
    const first = await fetch(`${h.qbo.baseUrl}/v3/company/${a.realmId}/item?minorversion=75&requestid=${itemCreateRequestId(requestId, body)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify(body),
    });
    expect(first.status).toBe(200);
    await pass(a);
    await pass(a);
    const pens = (await items(a)).filter((i) => i.Sku === 'P-1');
    expect(pens).toHaveLength(1);
    expect(await record(a, 'hubspot', pen.id)).toMatchObject({ state: 'synced', qbo_id: pens[0]!.Id, pending_qbo_request_id: null });
  });

  it('a retried QuickBooks → HubSpot write upserts on qbo_item_id: one product per item', async () => {
    const a = await account({ direction: 'qbo_to_hubspot' });
    const cup = await a.qb.create('Item', { Name: 'Cup', Sku: 'CU-1', UnitPrice: 4, Type: 'NonInventory', IncomeAccountRef: { value: a.incomeAccountId } });
    const s = await session(a);
    // the write happened, then the process died before storing the link: the retry upserts the same product
    const values = itemValues(await a.qb.read('Item', cup.Id), s.mappings);
    const first = await upsertProduct(s, values, cup.Id, null);
    expect((await syncRecord(s, productsAdapter, 'qbo', cup.Id)).action).toBe('linked');
    const all = (await products(a)).filter((p) => p.properties.qbo_item_id === cup.Id);
    expect(all.map((p) => p.id)).toEqual([first.id]);
  });
});
