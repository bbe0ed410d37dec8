/**
 * HubSpot product properties for an item's mapped values. HubSpot takes every value as a string and clears
 * a property with ''; read-only and computed properties (the archived state) are not properties to write.
 */
import type { FieldMapping, MappedValues } from '../../types.ts';
import { HUBSPOT_PRODUCT_FIELDS } from '../../mappings/hubspot-product-fields.ts';

export function productPropertiesFromItem(values: MappedValues, mappings: readonly FieldMapping[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_qbo') continue;
    const name = mapping.hubspotProperty;
    // Unknown names are custom properties validated when the mapping was saved.
    if (name.startsWith('@') || HUBSPOT_PRODUCT_FIELDS[name]?.readOnly) continue;
    const value = values[mapping.id];
    if (value === undefined) continue;
    properties[name] = value === null ? '' : String(value);
  }
  return properties;
}

/** The archived state the values ask for: false = archive, true = live, undefined = not mapped. */
export function wantedActive(values: MappedValues, mappings: readonly FieldMapping[]): boolean | undefined {
  const mapping = mappings.find((m) => m.enabled && m.direction !== 'to_qbo' && m.hubspotProperty === '@active');
  const value = mapping ? values[mapping.id] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}
