/**
 * What the two customers modes (contacts ⇄ customers, companies ⇄ customers) write the same way: a
 * customer's update, the note naming the display name the policy chose, and the HubSpot record a
 * customer becomes (upserted by its QuickBooks id, so a retry never makes a second one).
 */
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import { hubspotUpdateLoader, hubspotUpsertLoader } from '../../loaders/hubspot-loaders.ts';
import { qboUpdateLoader } from '../../loaders/qbo-loaders.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { DISPLAY_NAME_MAPPING_ID } from '@quickbooks-sync/contract/definitions';
import type { MappedValues, QboRecord } from '../../types.ts';
import { customerFromContact as customerFromValues } from '../contacts/customer-from-contact.ts';
import { sanitiseQboName } from '../contacts/display-name.ts';
import { ensureQboLinkProperty, type QboLinkProperty } from '../qbo-link-property.ts';

/** Shown on the record when the display-name policy had to pick another name than the mapped one. */
export const displayNameNote: NonNullable<ObjectAdapter['createdNote']> = (written, values) => {
  const intended = values[DISPLAY_NAME_MAPPING_ID];
  if (typeof intended !== 'string' || typeof written.DisplayName !== 'string') return null;
  const wanted = sanitiseQboName(intended);
  return wanted !== '' && wanted !== written.DisplayName ? `Named “${written.DisplayName}” in QuickBooks: “${wanted}” was already used (display-name policy).` : null;
};

/** A sparse update of the customer; QuickBooks' validation refusal becomes the record's failure. */
export async function updateCustomer(session: AdapterSession, values: MappedValues, existing: QboRecord): Promise<QboRecord> {
  const body = customerFromValues(values, session.mappings, existing) as { Id: string; SyncToken: string } & Record<string, unknown>;
  try {
    return await loadOne(session.batcher, qboUpdateLoader(session, 'Customer'), body);
  } catch (err) {
    if (err instanceof QboApiError && err.kind === 'validation') throw new RecordFailure('qbo_rejected', `QuickBooks refused the update of customer #${existing.Id}: ${err.message}`);
    throw err;
  }
}

/** The HubSpot side of a customer: `objectType`'s record with the mapped values and the customer's id. */
export function upsertCustomerRecord(
  objectType: 'contacts' | 'companies',
  link: QboLinkProperty,
  propertiesFromCustomer: (values: MappedValues, mappings: AdapterSession['mappings']) => Record<string, string>,
): ObjectAdapter['upsertHubSpot'] {
  const noun = objectType === 'contacts' ? 'contact' : 'company';
  return async (session, values, qboId, existingId) => {
    await ensureQboLinkProperty(session, link);
    const properties = { ...propertiesFromCustomer(values, session.mappings), [link.name]: qboId };
    const result = existingId
      ? await loadOne(session.batcher, hubspotUpdateLoader(session, objectType), { id: existingId, properties })
      : await loadOne(session.batcher, hubspotUpsertLoader(session, objectType, link.name), { id: qboId, properties });
    if (!result.ok) {
      if (result.error.retryable) throw result.error;
      throw new RecordFailure(result.error.kind === 'conflict' ? 'hubspot_conflict' : 'hubspot_rejected', `HubSpot refused the ${noun}: ${result.error.message}`);
    }
    return result.record;
  };
}
