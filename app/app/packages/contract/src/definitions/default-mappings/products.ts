/**
 * The default product ⇄ item mappings (R7, issue 6): each can be switched off; ids are stable because stored
 * definitions, snapshots and fingerprints refer to them.
 */
import type { FieldMapping } from '../vocabulary.ts';
import { COMPUTED_PRODUCT_ACTIVE } from '../computed-fields.ts';

export const NAME_MAPPING_ID = 'name';
export const SKU_MAPPING_ID = 'sku';
export const TYPE_MAPPING_ID = 'type';
/** Inactive in QuickBooks ⇄ archived in HubSpot. */
export const ACTIVE_MAPPING_ID = 'active';

const PAIRS: readonly [id: string, hubspotProperty: string, qboField: string][] = [
  [NAME_MAPPING_ID, 'name', 'Name'],
  [SKU_MAPPING_ID, 'hs_sku', 'Sku'],
  ['description', 'description', 'Description'],
  ['price', 'price', 'UnitPrice'],
  [TYPE_MAPPING_ID, 'hs_product_type', 'Type'],
];

export function defaultProductMappings(): FieldMapping[] {
  return [
    ...PAIRS.map(([id, hubspotProperty, qboField]): FieldMapping => ({ id, kind: 'default', enabled: true, hubspotProperty, qboField, direction: 'both' })),
    // QuickBooks → HubSpot only: archiving a HubSpot product is a deletion (it sends a deletion event and
    // leaves every read and search), and deletions are not propagated, so an archived product never
    // reaches QuickBooks to deactivate its item.
    { id: ACTIVE_MAPPING_ID, kind: 'default', enabled: true, hubspotProperty: COMPUTED_PRODUCT_ACTIVE, qboField: 'Active', direction: 'to_hubspot' },
  ];
}
