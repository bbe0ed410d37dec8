/**
 * QuickBooks Online Item (Products and Services) fields as dotted paths (reference §1.2 and the emulator's
 * item schema). FullyQualifiedName, quantities and the MetaData times are maintained by QuickBooks.
 */
import type { FieldCatalogue } from './field-catalogue.ts';

export const QBO_ITEM_FIELDS: FieldCatalogue = {
  Id: { label: 'QuickBooks item ID', kind: 'string', readOnly: true },
  Name: { label: 'Name', kind: 'string' },
  Sku: { label: 'SKU', kind: 'string' },
  Description: { label: 'Sales description', kind: 'string' },
  PurchaseDesc: { label: 'Purchase description', kind: 'string' },
  UnitPrice: { label: 'Sales price/rate', kind: 'currency' },
  PurchaseCost: { label: 'Cost', kind: 'currency' },
  // Values are translated to HubSpot's product types (inventory / non_inventory / service) by the adapter.
  Type: { label: 'Type', kind: 'enumeration' },
  Active: { label: 'Active', kind: 'boolean' },
  Taxable: { label: 'Taxable', kind: 'boolean' },
  FullyQualifiedName: { label: 'Full name', kind: 'string', readOnly: true },
  QtyOnHand: { label: 'Quantity on hand', kind: 'number', readOnly: true },
  'MetaData.CreateTime': { label: 'Created', kind: 'datetime', readOnly: true },
  'MetaData.LastUpdatedTime': { label: 'Last updated', kind: 'datetime', readOnly: true },
};
