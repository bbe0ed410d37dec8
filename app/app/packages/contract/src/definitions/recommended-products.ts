/**
 * R9: the products definition created at setup: one-way QuickBooks → HubSpot, all products and services.
 * R12: products match on SKU and, by default, only products with a SKU sync (a product without one cannot
 * be told apart from a duplicate), so both directions start with the filter "SKU is known"; an item or
 * product without a SKU is excluded with that rule named, and syncs once it gets one.
 *
 * The income account for items created from HubSpot (`incomeAccountId`) is left to the user: it only
 * matters once the direction includes HubSpot → QuickBooks, and a missing one fails each such product
 * with the fix named.
 */
import type { DefinitionInput } from './definition-schema.ts';
import { defaultProductMappings } from './default-mappings/products.ts';

export function recommendedProductsDefinition(): DefinitionInput {
  return {
    direction: 'qbo_to_hubspot',
    conflictWinner: 'quickbooks',
    fieldMappings: defaultProductMappings(),
    filters: {
      toQbo: [{ criteria: [{ property: 'hs_sku', operator: 'HAS_PROPERTY' }] }],
      toHubSpot: [{ criteria: [{ property: 'Sku', operator: 'HAS_PROPERTY' }] }],
    },
    options: {},
  };
}
