/** The mapped values of a HubSpot contact, with the computed R14 display name filled in. */
import type { FieldMapping, HubSpotRecord, MappedValues } from '../../types.ts';
import { cataloguesFor } from '../../mappings/catalogues.ts';
import type { ObjectCatalogues } from '../../mappings/catalogues.ts';
import { hubspotValues } from '../../mappings/extract-values.ts';
import type { HubSpotPropertyInfo } from '../../mappings/field-catalogue.ts';
import { COMPUTED_DISPLAY_NAME } from '@quickbooks-sync/contract/definitions';
import { displayNameForContact } from './display-name.ts';

export interface ContactContext {
  /** Name of the contact's primary associated company (read by the engine); none → names, then email. */
  primaryCompanyName?: string | null;
  customHubSpotProperties?: readonly HubSpotPropertyInfo[];
}

export function contactValues(record: HubSpotRecord, mappings: readonly FieldMapping[], context: ContactContext = {}): MappedValues {
  const p = record.properties;
  const displayName = displayNameForContact({
    primaryCompanyName: context.primaryCompanyName ?? null,
    firstname: p.firstname ?? null,
    lastname: p.lastname ?? null,
    email: p.email ?? null,
  });
  const catalogues = cataloguesFor('contacts', context.customHubSpotProperties) as ObjectCatalogues;
  return hubspotValues(record, mappings, { catalogues, computed: { [COMPUTED_DISPLAY_NAME]: displayName } });
}
