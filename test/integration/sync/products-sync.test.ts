/**
 * Products ⇄ Items end to end through webhooks, with the worker running: a two-way first sync under
 * duplicated and reordered webhooks and 5xx on both sides leaves every SKU exactly once on each side;
 * then edits travel both ways and our own writes do not come back as work (no ping-pong).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { quiet, settled } from '../../helpers/sync-state.ts';
import { defaultProductMappings } from '@quickbooks-sync/contract/definitions';

const PORTAL = 62_000_001;
const REALM = '8200001';

describe('products ⇄ items through webhooks', () => {
  let h: AppHarness;
  let hs: ReturnType<typeof hubspotUser>;
  let qb: Awaited<ReturnType<typeof qboUser>>;
  let income: string;
  const skus: string[] = [];

  beforeAll(async () => {
    h = await startAppHarness();
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    hs = hubspotUser(h, PORTAL);
    qb = await qboUser(h, REALM);
    income = (await qb.all('Account')).find((a) => a.Name === 'Sales of Product Income')!.Id;
    const res = await h.signedFetch('/api/v1/syncs/products', PORTAL, {
      method: 'PUT',
      body: {
        direction: 'two_way',
        conflictWinner: 'hubspot',
        fieldMappings: defaultProductMappings(),
        filters: { toQbo: [{ criteria: [{ property: 'hs_sku', operator: 'HAS_PROPERTY' }] }], toHubSpot: [{ criteria: [{ property: 'Sku', operator: 'HAS_PROPERTY' }] }] },
        options: { incomeAccountId: income },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    await eventually(async () => (await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' })).length > 0, 30_000);
  }, 60_000);
  afterAll(async () => h.close());

  it('duplicated and reordered webhooks and 5xx on both sides: every SKU exactly once on each side, with the same values', async () => {
    const faults = { seed: 11, serverErrorRate: 0.15, webhookDuplicateRate: 0.5, webhookReorder: true };
    await hs.faults(faults);
    await qb.faults(faults);
    for (let i = 0; i < 5; i++) {
      skus.push(`HS-${i}`);
      await hs.create('products', { name: `HubSpot product ${i}`, hs_sku: `HS-${i}`, price: `${10 + i}.5`, hs_product_type: 'service' });
    }
    for (let i = 0; i < 5; i++) {
      skus.push(`QB-${i}`);
      await qb.create('Item', { Name: `QuickBooks item ${i}`, Sku: `QB-${i}`, UnitPrice: 20 + i, Type: 'NonInventory', IncomeAccountRef: { value: income } });
    }
    // the same product created on both sides at once
    skus.push('BOTH-1');
    await hs.create('products', { name: 'Both sides', hs_sku: 'BOTH-1', price: '7' });
    await qb.create('Item', { Name: 'Both sides', Sku: 'BOTH-1', UnitPrice: 7, Type: 'Service', IncomeAccountRef: { value: income } });

    await eventually(async () => {
      const itemSkus = new Set((await qb.all('Item')).map((i) => i.Sku));
      const productSkus = new Set((await hs.all('products')).map((p) => p.properties.hs_sku));
      return skus.every((s) => itemSkus.has(s) && productSkus.has(s)) && (await settled(h));
    }, 90_000);
    await hs.faults({ seed: 1 });
    await qb.faults({ seed: 1 });
    await eventually(() => quiet(h), 30_000);

    const items = await qb.all('Item');
    const products = await hs.all('products');
    for (const sku of skus) {
      expect(items.filter((i) => i.Sku === sku), sku).toHaveLength(1);
      expect(products.filter((p) => p.properties.hs_sku === sku), sku).toHaveLength(1);
    }
    expect(items.find((i) => i.Sku === 'HS-3')).toMatchObject({ Name: 'HubSpot product 3', UnitPrice: 13.5, Type: 'Service', IncomeAccountRef: { value: income } });
    const qb2 = items.find((i) => i.Sku === 'QB-2')!;
    expect(products.find((p) => p.properties.hs_sku === 'QB-2')!.properties).toMatchObject({ name: 'QuickBooks item 2', price: '22', hs_product_type: 'non_inventory', qbo_item_id: qb2.Id });
    const records = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'products' });
    expect(records).toHaveLength(skus.length);
    expect(records.every((r: { state: string; hubspot_id: string | null; qbo_id: string | null }) => r.state === 'synced' && r.hubspot_id && r.qbo_id)).toBe(true);
  }, 150_000);

  it('a QuickBooks price change reaches HubSpot, a HubSpot rename reaches QuickBooks, and nothing comes back', async () => {
    const last = (await h.db.db('sync_activity').where({ portal_id: PORTAL }).max<Array<{ last: number }>>('id as last'))[0]!.last;
    const item = (await qb.all('Item')).find((i) => i.Sku === 'QB-0')!;
    await qb.update('Item', { Id: item.Id, SyncToken: item.SyncToken, UnitPrice: 99.95 });
    await eventually(async () => (await hs.all('products')).find((p) => p.properties.hs_sku === 'QB-0')?.properties.price === '99.95');
    const product = (await hs.all('products')).find((p) => p.properties.hs_sku === 'HS-0')!;
    await hs.update('products', product.id, { name: 'Renamed in HubSpot' });
    await eventually(async () => (await qb.all('Item')).find((i) => i.Sku === 'HS-0')?.Name === 'Renamed in HubSpot');
    await eventually(() => quiet(h));
    const before = { hubspot: await hs.calls(), qbo: await qb.calls() };
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await settled(h)).toBe(true);
    expect({ hubspot: await hs.calls(), qbo: await qb.calls() }).toEqual(before);
    // exactly the two edits, one each way: no write of ours was synced back
    const since = await h.db.db('sync_activity').where({ portal_id: PORTAL }).andWhere('id', '>', last).select('action', 'direction');
    expect(since.map((u: { action: string; direction: string }) => `${u.action} ${u.direction}`).sort()).toEqual(['update to_hubspot', 'update to_qbo']);
  });
});
