/**
 * Contacts ⇄ Customers (R15, R14): matched by e-mail (trimmed, case-insensitive); a customer created
 * from HubSpot is named after the contact's primary company; HubSpot writes are upserts keyed by the
 * unique `qbo_customer_id` property, so a retry never creates a second contact.
 */
import type { ObjectAdapter, AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import type { HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { qboValues } from '../../mappings/extract-values.ts';
import { hubspotFindByLoader, hubspotReadByIdLoader } from '../../loaders/hubspot-loaders.ts';
import { qboCreateLoader, qboFindByLoader, qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import type { BatchLoader } from '../../engine/page-batcher.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { contactValues } from './contact-values.ts';
import { customerFromContact } from './customer-from-contact.ts';
import { contactPropertiesFromCustomer } from './contact-properties-from-customer.ts';
import { DISPLAY_NAME_MAPPING_ID, displayNamePolicyOf, relatedPropertyOf } from '@quickbooks-sync/contract/definitions';
import { alternativeDisplayNames } from './display-name.ts';
import { contactInvoicesLoader, contactsOfInvoicesModifiedSince } from './contact-invoices.ts';
import { CUSTOMER_LINK, QBO_CUSTOMER_ID_PROPERTY } from './qbo-id-property.ts';
import { displayNameNote, updateCustomer, upsertCustomerRecord } from '../customers/customer-writes.ts';
import { displayNameTakenMessage, findDisplayNameHolder } from './display-name-holder.ts';
import { customerInactivation } from './customer-inactivation.ts';

const catalogues = cataloguesFor('contacts') as ObjectCatalogues;
const email = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null);
const customerEmail = (record: QboRecord): string | null => email((record.PrimaryEmailAddr as { Address?: string } | undefined)?.Address);
const contactEmail = (record: HubSpotRecord): string | null => email(record.properties.email);

function contactProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  // Criteria on associated invoices (R9) are read from the invoices, not the contact.
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property)).filter((p) => relatedPropertyOf(p) === null);
  return [...new Set([...mapped, ...filtered, 'email', 'firstname', 'lastname', 'createdate', 'lastmodifieddate', QBO_CUSTOMER_ID_PROPERTY])];
}

/** The contact's primary company name, for the display name of a customer created from it (R14). */
function primaryCompanyNameLoader(session: AdapterSession): BatchLoader<string, string | null> {
  return {
    name: 'hubspot.contacts.primaryCompanyName',
    maxBatch: 100,
    async load(contactIds) {
      const names = await session.vendors.hubspot.primaryCompanyNames(contactIds);
      return contactIds.map((id) => names.get(id) ?? null);
    },
  };
}

const isNameClash = (err: unknown): boolean => err instanceof QboApiError && err.kind === 'duplicate_name';
/** A refusal a person must act on becomes the record's failure; anything else (transient) is rethrown as is. */
const refusal = (err: unknown): unknown => (err instanceof QboApiError && err.kind === 'validation' ? new RecordFailure('qbo_rejected', `QuickBooks refused the customer: ${err.message}`) : err);

export const contactsAdapter: ObjectAdapter = {
  objectType: 'contacts',
  hubspotNoun: 'contact',
  qboNoun: 'customer',
  createOnlyMappingIds: [DISPLAY_NAME_MAPPING_ID],
  qboInactivation: customerInactivation('contacts'),
  hubspotReadProperties: contactProperties,
  hubspotRecordsWithRelatedChanges: (session, since) => contactsOfInvoicesModifiedSince(session, since, contactProperties(session)),
  relatedHubSpotRecords: async (session, record, relation, properties) => {
    if (relation !== 'invoice') return [];
    const invoices = await loadOne(session.batcher, contactInvoicesLoader(session, properties), record.id);
    return invoices.map((invoice) => invoice.properties);
  },

  readHubSpot: (session, id) => loadOne(session.batcher, hubspotReadByIdLoader(session, 'contacts', contactProperties(session)), id),
  readQbo: (session, id) => loadOne(session.batcher, qboReadByIdLoader(session, 'Customer', { nameList: true }), id),

  hubspotMatchKey: contactEmail,
  noMatchKeyMessage: () => 'This contact has no e-mail address, so we cannot tell whether it is already a QuickBooks customer. Add an e-mail address to sync it.',
  qboMatchKey: customerEmail,
  // Active customers only: an inactive customer with the same e-mail is not offered as the match.
  findQboMatches: (session, key) => loadOne(session.batcher, qboFindByLoader(session, 'Customer', 'PrimaryEmailAddr', customerEmail, { nameList: true, activeOnly: true }), key),
  findHubSpotMatches: (session, key) => loadOne(session.batcher, hubspotFindByLoader(session, 'contacts', 'email', contactProperties(session), contactEmail), key),

  hubspotValues: async (session, record, options = {}) => {
    let primaryCompanyName: string | null = null;
    const displayNameOn = session.mappings.some((m) => m.id === DISPLAY_NAME_MAPPING_ID && m.enabled);
    if (options.forCreate && displayNameOn) {
      primaryCompanyName = await loadOne(session.batcher, primaryCompanyNameLoader(session), record.id);
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
    email: customerEmail(record),
  }),

  createQbo: async (session, values, requestId, pair) => {
    const body = customerFromContact(values, session.mappings);
    const create = (customer: Record<string, unknown>, id: string) => loadOne(session.batcher, qboCreateLoader(session, 'Customer'), { body: customer, requestId: id });
    try {
      return await create(body, requestId);
    } catch (err) {
      if (!isNameClash(err) || typeof body.DisplayName !== 'string') throw refusal(err);
      const taken = [body.DisplayName];
      // The opt-in policy: deterministic alternative names, each its own create (and its own requestid).
      if (displayNamePolicyOf(session.definition.options) === 'resolve' && pair?.hubspot) {
        const contact = pair.hubspot;
        const primaryCompanyName = await loadOne(session.batcher, primaryCompanyNameLoader(session), contact.id);
        for (const [index, name] of alternativeDisplayNames({ ...contact.properties, primaryCompanyName, hubspotId: contact.id }).entries()) {
          try {
            return await create({ ...body, DisplayName: name }, `${requestId}-${index + 2}`);
          } catch (again) {
            if (!isNameClash(again)) throw refusal(again);
            taken.push(name);
          }
        }
      }
      if (taken.length > 1) {
        throw new RecordFailure(
          'display_name_taken',
          `QuickBooks already uses every name the display-name policy tries: ${taken.map((n) => `“${n}”`).join(', ')} (display names are unique across customers, vendors and employees). ` +
            'Rename one of those in QuickBooks, or give the contact a different company or name.',
        );
      }
      throw new RecordFailure('display_name_taken', displayNameTakenMessage(body.DisplayName, await findDisplayNameHolder(session, body.DisplayName)));
    }
  },
  createdNote: displayNameNote,
  updateQbo: (session, values, existing) => updateCustomer(session, values, existing),
  upsertHubSpot: upsertCustomerRecord('contacts', CUSTOMER_LINK, contactPropertiesFromCustomer),
};
