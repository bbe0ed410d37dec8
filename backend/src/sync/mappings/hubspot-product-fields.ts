/**
 * HubSpot product properties a products ⇄ items mapping may use (the account's custom properties are added
 * at run time). Kinds follow HubSpot's property types; read-only ones are maintained by HubSpot.
 */
import type { FieldCatalogue } from './field-catalogue.ts';

import { COMPUTED_PRODUCT_ACTIVE } from '@quickbooks-sync/contract/definitions';

export const HUBSPOT_PRODUCT_FIELDS: FieldCatalogue = {
  name: { label: 'Name', kind: 'string' },
  hs_sku: { label: 'SKU', kind: 'string' },
  description: { label: 'Description', kind: 'string' },
  price: { label: 'Unit price', kind: 'number' },
  hs_cost_of_goods_sold: { label: 'Unit cost', kind: 'number' },
  hs_product_type: { label: 'Product type', kind: 'enumeration' },
  hs_url: { label: 'URL', kind: 'string' },
  createdate: { label: 'Create date', kind: 'datetime', readOnly: true },
  hs_lastmodifieddate: { label: 'Last modified date', kind: 'datetime', readOnly: true },
  hs_object_id: { label: 'Record ID', kind: 'number', readOnly: true },
  // Written by archiving (QuickBooks → HubSpot only; archived sources are not read), so not read-only.
  [COMPUTED_PRODUCT_ACTIVE]: { label: 'Active (not archived)', kind: 'boolean' },
};
