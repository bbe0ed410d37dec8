/**
 * HubSpot contact properties for a customer's mapped values. HubSpot takes every value as a string and
 * clears a property with '' (so an empty value becomes ''); read-only and computed properties are skipped.
 */
import type { FieldMapping, MappedValues } from '../../types.ts';
import type { HubSpotPropertyInfo } from '../../mappings/field-catalogue.ts';
import { withCustomProperties } from '../../mappings/field-catalogue.ts';
import { HUBSPOT_CONTACT_FIELDS } from '../../mappings/hubspot-contact-fields.ts';

export function contactPropertiesFromCustomer(
  values: MappedValues,
  mappings: readonly FieldMapping[],
  customHubSpotProperties: readonly HubSpotPropertyInfo[] = [],
): Record<string, string> {
  const catalogue = withCustomProperties(HUBSPOT_CONTACT_FIELDS, customHubSpotProperties);
  const properties: Record<string, string> = {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_qbo') continue;
    const name = mapping.hubspotProperty;
    // Unknown names are custom properties validated when the mapping was saved; computed ones never exist.
    if (name.startsWith('@') || catalogue[name]?.readOnly) continue;
    const value = values[mapping.id];
    if (value === undefined) continue;
    properties[name] = value === null ? '' : String(value);
  }
  return properties;
}
