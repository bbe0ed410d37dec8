/**
 * Contract: HubSpot's commerce refusals, all on by default — a line item's price cannot be negative
 * (discounts go in `discount` / `hs_discount_percentage`), a line item has one parent, an invoice moves
 * to open/paid only with a contact and line items, unknown currency codes are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
const objects = () => h.client.crm.objects.basicApi;
const create = async (type: string, properties: Record<string, string>) => (await objects().create(type, { properties, associations: [] })).id;
const associate = (from: string, fromId: string, to: string, toId: string) => h.client.crm.associations.v4.basicApi.createDefault(from, fromId, to, toId);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

describe('line items', () => {
  it('a negative price is refused (400 VALIDATION_ERROR), on create and on update; a discount is how to lower it', async () => {
    const negative = await errorOf(create('line_items', { name: 'Credit', quantity: '1', price: '-10' }));
    expect(negative.code).toBe(400);
    expect(negative.body.category).toBe('VALIDATION_ERROR');
    expect(negative.body.message).toContain('price cannot be negative');
    const id = await create('line_items', { name: 'Chair', quantity: '3', price: '10', discount: '2' });
    expect((await objects().getById('line_items', id, ['amount'])).properties.amount).toBe('24');
    expect((await errorOf(objects().update('line_items', id, { properties: { price: '-1' } }))).code).toBe(400);
    const percent = await create('line_items', { name: 'Desk', quantity: '2', price: '50', hs_discount_percentage: '10' });
    expect((await objects().getById('line_items', percent, ['amount'])).properties.amount).toBe('90');
  });

  it('a line item has one parent: a second invoice or deal is refused, the same parent again is fine', async () => {
    const lineItem = await create('line_items', { name: 'Lamp', quantity: '1', price: '30' });
    const first = await create('invoices', { hs_currency: 'USD' });
    const second = await create('invoices', { hs_currency: 'USD' });
    const deal = await create('deals', { dealname: 'Lamp deal' });
    await associate('invoices', first, 'line_items', lineItem);
    await associate('invoices', first, 'line_items', lineItem);
    const again = await errorOf(associate('invoices', second, 'line_items', lineItem));
    expect(again.code).toBe(400);
    expect(again.body.message).toContain('one single parent');
    expect((await errorOf(associate('line_items', lineItem, 'deals', deal))).code).toBe(400);
    const inline = await errorOf(
      objects().create('line_items', { properties: { name: 'Inline', price: '1' }, associations: [{ to: { id: deal }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 20 }] }, { to: { id: first }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 410 }] }] }),
    );
    expect(inline.code).toBe(400);
  });
});

describe('invoices', () => {
  it('open or paid needs a contact and line items; created open at once is refused; drafts are free', async () => {
    const atOnce = await errorOf(create('invoices', { hs_currency: 'USD', hs_invoice_status: 'open' }));
    expect(atOnce.code).toBe(400);
    expect(atOnce.body.message).toContain('created as a draft');
    const invoice = await create('invoices', { hs_currency: 'USD' });
    const bare = await errorOf(objects().update('invoices', invoice, { properties: { hs_invoice_status: 'open' } }));
    expect(bare.code).toBe(400);
    expect(bare.body.message).toContain('needs a contact and line items');
    const contact = await create('contacts', { email: 'payer@invoice-rules.test' });
    await associate('invoices', invoice, 'contacts', contact);
    expect((await errorOf(objects().update('invoices', invoice, { properties: { hs_invoice_status: 'paid' } }))).body.message).toContain('needs line items');
    await associate('invoices', invoice, 'line_items', await create('line_items', { name: 'Work', quantity: '1', price: '100' }));
    expect((await objects().update('invoices', invoice, { properties: { hs_invoice_status: 'open' } })).properties.hs_invoice_status).toBe('open');
    expect((await objects().update('invoices', invoice, { properties: { hs_invoice_status: 'paid' } })).properties.hs_invoice_status).toBe('paid');
  });

  it('unknown currency codes are refused on invoices, line items and deals; ISO 4217 codes are accepted', async () => {
    const extra: Record<string, Record<string, string>> = { invoices: {}, line_items: { name: 'x' }, deals: { dealname: 'x' } };
    for (const [type, property] of [['invoices', 'hs_currency'], ['line_items', 'hs_line_item_currency_code'], ['deals', 'deal_currency_code']] as const) {
      const bad = await errorOf(create(type, { [property]: 'XYZ', ...extra[type] }));
      expect(bad.code, type).toBe(400);
      expect(bad.body.message, type).toContain('not a supported currency code');
    }
    expect(await create('invoices', { hs_currency: 'EUR' })).toBeTruthy();
  });
});
