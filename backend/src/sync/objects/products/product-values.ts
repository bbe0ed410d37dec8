/**
 * The mapped values of a HubSpot product and of a QuickBooks item, in one vocabulary so both compare
 * equal: the item's Type in HubSpot's words (product-type.ts), and the product's "active" computed from
 * whether it is archived.
 */
import type { FieldMapping, HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { hubspotValues, qboValues } from '../../mappings/extract-values.ts';
import { COMPUTED_PRODUCT_ACTIVE } from '@quickbooks-sync/contract/definitions';
import { hubspotProductType } from './product-type.ts';

const catalogues = cataloguesFor('products') as ObjectCatalogues;

export function productValues(record: HubSpotRecord, mappings: readonly FieldMapping[]): MappedValues {
  return hubspotValues(record, mappings, { catalogues, computed: { [COMPUTED_PRODUCT_ACTIVE]: record.archived !== true } });
}

export function itemValues(record: QboRecord, mappings: readonly FieldMapping[]): MappedValues {
  const values = qboValues(record, mappings, { catalogues });
  for (const mapping of mappings) {
    if (mapping.enabled && mapping.qboField === 'Type') values[mapping.id] = hubspotProductType(record.Type);
  }
  return values;
}
