/**
 * Contacts ⇄ Customers (R15, R14): matched by e-mail (trimmed, case-insensitive); a customer created
 * from HubSpot is named after the contact's primary company; HubSpot writes are upserts keyed by the
 * unique `qbo_customer_id` property, so a retry never creates a second contact.
 */
import type { ObjectAdapter, AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import type { MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { qboValues } from '../../mappings/extract-values.ts';
import { hubspotClientFor } from '../../../vendors/hubspot/client.ts';
import { qboSyncClientFor } from '../../../vendors/quickbooks/client-for.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { qboString } from '../../../vendors/quickbooks/query.ts';
import { contactValues } from './contact-values.ts';
import { customerFromContact } from './customer-from-contact.ts';
import { contactPropertiesFromCustomer } from './contact-properties-from-customer.ts';
import { DISPLAY_NAME_MAPPING_ID } from './default-mappings.ts';
import { ensureQboIdProperty, QBO_CUSTOMER_ID_PROPERTY } from './qbo-id-property.ts';

const catalogues = cataloguesFor('contacts') as ObjectCatalogues;
const email = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null);

function contactProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property));
  return [...new Set([...mapped, ...filtered, 'email', 'firstname', 'lastname', 'createdate', 'lastmodifieddate', QBO_CUSTOMER_ID_PROPERTY])];
}

// One QBO client per session (a pass or a page of one): building it reads the connection's tokens.
const qboClients = new WeakMap<AdapterSession, ReturnType<typeof qboSyncClientFor>>();
function qbo(session: AdapterSession): ReturnType<typeof qboSyncClientFor> {
  let client = qboClients.get(session);
  if (!client) {
    client = qboSyncClientFor(session.ctx, session.portalId);
    qboClients.set(session, client);
    // A failed build (say, needs reconnect) must not stick to the session.
    client.catch(() => qboClients.delete(session));
  }
  return client;
}

/** Who holds a display name in QBO, for the R14 clash message. */
async function displayNameHolder(session: AdapterSession, name: string): Promise<QboRecord | undefined> {
  const page = await (await qbo(session)).query<{ Customer?: QboRecord[] }>(`select * from Customer where DisplayName = ${qboString(name)}`);
  return page.Customer?.[0];
}

export const contactsAdapter: ObjectAdapter = {
  objectType: 'contacts',
  hubspotNoun: 'contact',
  qboNoun: 'customer',
  createOnlyMappingIds: [DISPLAY_NAME_MAPPING_ID],
  hubspotReadProperties: contactProperties,

  readHubSpot: async (session, id) => {
    const result = await hubspotClientFor(session.ctx, session.portalId).batchRead('contacts', [id], contactProperties(session));
    return result.records[0];
  },
  readQbo: async (session, id) => {
    try {
      const found = await (await qbo(session)).read<QboRecord>('Customer', id);
      return found.Customer;
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'not_found') return undefined;
      throw err;
    }
  },

  hubspotMatchKey: (record) => email(record.properties.email),
  qboMatchKey: (record) => email((record.PrimaryEmailAddr as { Address?: string } | undefined)?.Address),
  findQboMatches: async (session, key) => {
    const page = await (await qbo(session)).query<{ Customer?: QboRecord[] }>(`select * from Customer where PrimaryEmailAddr = ${qboString(key)}`);
    return page.Customer ?? [];
  },
  findHubSpotMatches: async (session, key) => {
    const result = await hubspotClientFor(session.ctx, session.portalId).batchRead('contacts', [key], contactProperties(session), 'email');
    return result.records;
  },

  hubspotValues: async (session, record, options = {}) => {
    let primaryCompanyName: string | null = null;
    const displayNameOn = session.mappings.some((m) => m.id === DISPLAY_NAME_MAPPING_ID && m.enabled);
    if (options.forCreate && displayNameOn) {
      primaryCompanyName = (await hubspotClientFor(session.ctx, session.portalId).primaryCompanyNames([record.id])).get(record.id) ?? null;
    }
    const values = contactValues(record, session.mappings, { primaryCompanyName });
    // The display name is written only when a customer is created; comparing it would see a
    // difference on every customer that was named in QuickBooks.
    if (!options.forCreate) delete values[DISPLAY_NAME_MAPPING_ID];
    return values;
  },
  qboValues: (session, record) => {
    const values: MappedValues = qboValues(record, session.mappings, { catalogues });
    delete values[DISPLAY_NAME_MAPPING_ID];
    return values;
  },
  describeHubSpot: (record) => {
    const p = record.properties;
    const name = [p.firstname, p.lastname].filter((x) => x && x.trim()).join(' ').trim();
    return { displayName: name || p.email || null, email: email(p.email) };
  },
  describeQbo: (record) => ({
    displayName: typeof record.DisplayName === 'string' ? record.DisplayName : null,
    email: email((record.PrimaryEmailAddr as { Address?: string } | undefined)?.Address),
  }),

  createQbo: async (session, values, requestId) => {
    const body = customerFromContact(values, session.mappings);
    try {
      return await (await qbo(session)).create('Customer', body, requestId);
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'duplicate_name' && typeof body.DisplayName === 'string') {
        const holder = await displayNameHolder(session, body.DisplayName);
        throw new RecordFailure(
          'display_name_taken',
          `QuickBooks customer ${holder ? `#${holder.Id} ` : ''}already uses the display name “${body.DisplayName}”, and display names are unique in QuickBooks. ` +
            'Use one billing contact per company, or switch off the “Display name” mapping so customers are named after the contact.',
        );
      }
      if (err instanceof QboApiError && err.kind === 'validation') throw new RecordFailure('qbo_rejected', `QuickBooks refused the customer: ${err.message}`);
      throw err;
    }
  },
  updateQbo: async (session, values, existing) => {
    const body = customerFromContact(values, session.mappings, existing) as { Id: string; SyncToken: string } & Record<string, unknown>;
    try {
      return await (await qbo(session)).update('Customer', body);
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'validation') throw new RecordFailure('qbo_rejected', `QuickBooks refused the update of customer #${existing.Id}: ${err.message}`);
      throw err;
    }
  },
  upsertHubSpot: async (session, values, qboId, existingId) => {
    const hubspot = hubspotClientFor(session.ctx, session.portalId);
    await ensureQboIdProperty(session);
    const properties = { ...contactPropertiesFromCustomer(values, session.mappings), [QBO_CUSTOMER_ID_PROPERTY]: qboId };
    const [result] = existingId
      ? await hubspot.batchUpdate('contacts', [{ id: existingId, properties }])
      : await hubspot.batchUpsert('contacts', QBO_CUSTOMER_ID_PROPERTY, [{ id: qboId, properties }]);
    if (!result) throw new Error('HubSpot returned no result for the write');
    if (!result.ok) {
      if (result.error.retryable) throw result.error;
      throw new RecordFailure(result.error.kind === 'conflict' ? 'hubspot_conflict' : 'hubspot_rejected', `HubSpot refused the contact: ${result.error.message}`);
    }
    return result.record;
  },
};
