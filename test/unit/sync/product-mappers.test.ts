import { describe, expect, it } from 'vitest';
import type { QboRecord } from '../../../backend/src/sync/types.ts';
import { RecordFailure } from '../../../backend/src/sync/engine/adapter.ts';
import { defaultProductMappings, recommendedProductsDefinition } from '@quickbooks-sync/contract/definitions';
import { itemFromProduct } from '../../../backend/src/sync/objects/products/item-from-product.ts';
import { itemValues, productValues } from '../../../backend/src/sync/objects/products/product-values.ts';
import { productPropertiesFromItem, wantedActive } from '../../../backend/src/sync/objects/products/product-properties-from-item.ts';
import { checkedItemName } from '../../../backend/src/sync/objects/products/item-name.ts';
import { hubspotProductType, qboItemType } from '../../../backend/src/sync/objects/products/product-type.ts';
import { validateMappings } from '../../../backend/src/sync/mappings/validate-mapping.ts';
import { parseDefinitionInput } from '../../../backend/src/sync/definitions/parse-definition-input.ts';

const mappings = defaultProductMappings();
const item: QboRecord = { Id: '12', SyncToken: '3', Name: 'Widget', Sku: ' W-1 ', Description: 'A widget', UnitPrice: 19.999, Type: 'NonInventory', Active: true, IncomeAccountRef: { value: '1' } };

function failure(fn: () => unknown): { reasonCode: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecordFailure) return { reasonCode: err.reasonCode, message: err.message };
    throw err;
  }
  throw new Error('expected a RecordFailure');
}

describe('product ⇄ item values', () => {
  it('reads both sides in one vocabulary: HubSpot product types, cents, archived as inactive', () => {
    expect(itemValues(item, mappings)).toEqual({ name: 'Widget', sku: 'W-1', description: 'A widget', price: 20, type: 'non_inventory', active: true });
    const product = { id: '7', properties: { name: 'Widget', hs_sku: 'W-1', description: 'A widget', price: '20.00', hs_product_type: 'non_inventory' }, updatedAt: new Date() };
    expect(productValues(product, mappings)).toEqual(itemValues(item, mappings));
    expect(productValues({ ...product, archived: true }, mappings).active).toBe(false);
    expect(itemValues({ ...item, Type: 'Category', Active: false }, mappings)).toMatchObject({ type: null, active: false });
  });

  it('translates types both ways and knows no others', () => {
    expect(['Inventory', 'NonInventory', 'Service', 'Bundle'].map(hubspotProductType)).toEqual(['inventory', 'non_inventory', 'service', null]);
    expect(['inventory', ' Non_Inventory ', 'service', 'other', null].map(qboItemType)).toEqual(['Inventory', 'NonInventory', 'Service', null, null]);
  });
});

describe('itemFromProduct', () => {
  const values = { name: ' Widget ', sku: 'W-1', description: 'A widget', price: 20, type: 'service', active: true };

  it('builds a create body with the income account of the settings, never writing the archived state', () => {
    expect(itemFromProduct(values, mappings, { incomeAccountId: '79' })).toEqual({
      Name: 'Widget', Sku: 'W-1', Description: 'A widget', UnitPrice: 20, Type: 'Service', IncomeAccountRef: { value: '79' },
    });
    // no type → a service, the type every QuickBooks edition has
    expect(itemFromProduct({ ...values, type: null }, mappings, { incomeAccountId: '79' }).Type).toBe('Service');
  });

  it('fails a create without income account, name, or with a colon, an over-long name, or an inventory type, naming the fix', () => {
    expect(failure(() => itemFromProduct(values, mappings, {}))).toMatchObject({ reasonCode: 'income_account_missing', message: expect.stringContaining('Choose the income account for new items in the products sync settings') });
    expect(failure(() => itemFromProduct({ ...values, name: null }, mappings, { incomeAccountId: '1' })).reasonCode).toBe('item_name_missing');
    expect(failure(() => itemFromProduct({ ...values, name: 'Widgets: large' }, mappings, { incomeAccountId: '1' }))).toEqual({
      reasonCode: 'item_name_invalid',
      message: "QuickBooks item names cannot contain ':' (it separates an item from its sub-items), and this product is named “Widgets: large”. Rename the product in HubSpot without the colon to sync it.",
    });
    expect(failure(() => checkedItemName('x'.repeat(101))).message).toContain('at most 100 characters');
    expect(failure(() => itemFromProduct({ ...values, type: 'inventory' }, mappings, { incomeAccountId: '1' })).reasonCode).toBe('inventory_item_not_created');
  });

  it('builds a sparse update: text cleared with "", Service ⇄ NonInventory allowed, never to or from Inventory', () => {
    expect(itemFromProduct({ ...values, description: null, type: 'non_inventory' }, mappings, {}, { ...item, Type: 'Service' })).toEqual({
      Id: '12', SyncToken: '3', sparse: true, Name: 'Widget', Sku: 'W-1', Description: '', UnitPrice: 20, Type: 'NonInventory',
    });
    expect(failure(() => itemFromProduct({ ...values, type: 'inventory' }, mappings, {}, item)).reasonCode).toBe('item_type_change_refused');
    expect(failure(() => itemFromProduct({ ...values, type: 'service' }, mappings, {}, { ...item, Type: 'Inventory' })).reasonCode).toBe('item_type_change_refused');
    // a Bundle keeps its type
    expect(itemFromProduct({ type: 'service' }, mappings, {}, { ...item, Type: 'Bundle' })).toEqual({ Id: '12', SyncToken: '3', sparse: true });
  });
});

describe('productPropertiesFromItem', () => {
  it('writes strings, clears with "", and leaves the archived state to archiving', () => {
    const values = { name: 'Widget', sku: 'W-1', description: null, price: 20, type: 'service', active: false };
    expect(productPropertiesFromItem(values, mappings)).toEqual({ name: 'Widget', hs_sku: 'W-1', description: '', price: '20', hs_product_type: 'service' });
    expect(wantedActive(values, mappings)).toBe(false);
    expect(wantedActive(values, mappings.map((m) => (m.id === 'active' ? { ...m, enabled: false } : m)))).toBeUndefined();
  });
});

describe('products definitions', () => {
  it('accepts the default mappings and the R9/R12 recommended definition', () => {
    expect(validateMappings('products', mappings)).toEqual([]);
    const recommended = recommendedProductsDefinition();
    expect(recommended).toMatchObject({ direction: 'qbo_to_hubspot', filters: { toHubSpot: [{ criteria: [{ property: 'Sku', operator: 'HAS_PROPERTY' }] }] } });
    expect(parseDefinitionInput('products', recommended)).toEqual({ ok: true, value: recommended });
  });

  it('refuses an edited default and a mapping into an unknown item field', () => {
    const edited = { ...recommendedProductsDefinition(), fieldMappings: [{ ...mappings[0]!, qboField: 'Sku' }, { id: 'x', kind: 'custom', enabled: true, hubspotProperty: 'name', qboField: 'Nope', direction: 'both' }] };
    const parsed = parseDefinitionInput('products', edited);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems.map((p) => p.message)).toEqual([
        'Default mapping "name" can only be switched on or off; add a custom mapping to map other fields.',
        'QuickBooks items have no field "Nope"; pick one of the QuickBooks fields offered.',
      ]);
    }
  });
});
