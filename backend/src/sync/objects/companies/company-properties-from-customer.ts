/**
 * HubSpot company properties for a customer's mapped values. HubSpot takes every value as a string and
 * clears a property with '' (so an empty value becomes ''); read-only and computed properties are skipped.
 */
import type { FieldMapping, MappedValues } from '../../types.ts';
import { HUBSPOT_COMPANY_FIELDS } from '../../mappings/hubspot-company-fields.ts';

export function companyPropertiesFromCustomer(values: MappedValues, mappings: readonly FieldMapping[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_qbo') continue;
    const name = mapping.hubspotProperty;
    // Unknown names are custom properties validated when the mapping was saved; computed ones never exist.
    if (name.startsWith('@') || HUBSPOT_COMPANY_FIELDS[name]?.readOnly) continue;
    const value = values[mapping.id];
    if (value === undefined) continue;
    properties[name] = value === null ? '' : String(value);
  }
  return properties;
}
