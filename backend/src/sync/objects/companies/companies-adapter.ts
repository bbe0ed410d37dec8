/**
 * Companies ⇄ Customers, the companies mode of the customers sync (issue 16; customers-mode.ts): the
 * company is the customer. Matched by name and/or domain (company-match.ts); the customer is named after
 * the company (DisplayName on create, CompanyName both ways); its e-mail and phone come from the
 * company's billing contact (billing-contact.ts). HubSpot writes are upserts keyed by the unique
 * `qbo_customer_id` company property, so a retry never creates a second company.
 */
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { recentHubSpotIdsWithProperty } from '../../../db/webhook-inbox.ts';
import { loadOne, type BatchLoader } from '../../engine/page-batcher.ts';
import type { HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { hubspotValues as extractHubSpotValues, qboValues as extractQboValues } from '../../mappings/extract-values.ts';
import { normaliseValue } from '../../mappings/normalise-value.ts';
import { hubspotReadByIdLoader, hubspotSearchInLoader } from '../../loaders/hubspot-loaders.ts';
import { qboCreateLoader, qboFindByLoader, qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import { qboString } from '../../../vendors/quickbooks/query.ts';
import { BATCH_SIZE } from '../../../vendors/hubspot/records.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { billingContactLabelOf, COMPANY_NAME_MAPPING_ID, COMPUTED_BILLING_EMAIL, COMPUTED_BILLING_PHONE, DISPLAY_NAME_MAPPING_ID, displayNamePolicyOf } from '@quickbooks-sync/contract/definitions';
import { customerFromContact as customerFromValues } from '../contacts/customer-from-contact.ts';
import { QBO_DISPLAY_NAME_MAX, sanitiseQboName } from '../contacts/display-name.ts';
import { findDisplayNameHolder } from '../contacts/display-name-holder.ts';
import { customerInactivation } from '../contacts/customer-inactivation.ts';
import { displayNameNote, updateCustomer, upsertCustomerRecord } from '../customers/customer-writes.ts';
import { billingContactLoader } from './billing-contact.ts';
import { companyMatches, companyMatchKey, companyNameKey, domainOfEmail, domainOfWebsite, type MatchCandidate } from './company-match.ts';
import { companyPropertiesFromCustomer } from './company-properties-from-customer.ts';
import { COMPANY_CUSTOMER_LINK, QBO_CUSTOMER_ID_PROPERTY } from './qbo-id-property.ts';

const catalogues = cataloguesFor('companies') as ObjectCatalogues;

const customerEmail = (record: QboRecord): string | null => {
  const address = (record.PrimaryEmailAddr as { Address?: string } | undefined)?.Address;
  return typeof address === 'string' && address.trim() !== '' ? address.trim().toLowerCase() : null;
};
const customerWebsite = (record: QboRecord): unknown => (record.WebAddr as { URI?: string } | undefined)?.URI;
/** The name a customer goes by as a company: its CompanyName, else its DisplayName. */
const customerCompanyName = (record: QboRecord): string | null => {
  for (const name of [record.CompanyName, record.DisplayName]) if (typeof name === 'string' && name.trim() !== '') return name.trim();
  return null;
};
const companyDomain = (record: HubSpotRecord): string | null => domainOfWebsite(record.properties.domain) ?? domainOfWebsite(record.properties.website);
const customerDomains = (record: QboRecord): string[] => [domainOfWebsite(customerWebsite(record)), domainOfEmail(customerEmail(record))].filter((d): d is string => d !== null);

function companyProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property));
  return [...new Set([...mapped, ...filtered, 'name', 'domain', 'website', 'phone', 'createdate', 'hs_lastmodifieddate', QBO_CUSTOMER_ID_PROPERTY])];
}

/** Active customers named `key` (CompanyName or DisplayName); an inactive customer is never offered as the match. */
async function customersNamed(session: AdapterSession, key: string): Promise<QboRecord[]> {
  const byField = (field: 'DisplayName' | 'CompanyName') =>
    loadOne(session.batcher, qboFindByLoader(session, 'Customer', field, (c) => companyNameKey(c[field]), { nameList: true, activeOnly: true }), key);
  const [display, company] = await Promise.all([byField('DisplayName'), byField('CompanyName')]);
  return [...display, ...company];
}

/** Active customers whose e-mail is at `domain` (QuickBooks cannot query websites; LIKE has no batch form). */
function customersAtDomainLoader(session: AdapterSession): BatchLoader<string, QboRecord[]> {
  return {
    name: 'qbo.customers.emailDomain',
    maxBatch: 1,
    async load([domain]) {
      const qbo = await session.vendors.qbo();
      const found: QboRecord[] = [];
      for await (const page of qbo.queryAll('Customer', `PrimaryEmailAddr LIKE ${qboString(`%@${domain!}`)}`)) found.push(...page.records);
      return [found.filter((c) => domainOfEmail(customerEmail(c)) === domain)];
    },
  };
}

const customerWords = (c: QboRecord) => `customer #${c.Id}${typeof c.DisplayName === 'string' ? ` (“${c.DisplayName}”)` : ''}`;
const companyWords = (c: HubSpotRecord) => `company #${c.id}${c.properties.name ? ` (“${c.properties.name}”)` : ''}`;

/**
 * Name and domain do not pick a pair the way one e-mail does: a customer may be the only match of a
 * company and still match another company too (same name, other domain). A match counts only when it
 * is mutual; otherwise the record fails with every party involved named — we do not guess.
 */
function rivalsFailure(found: string, rivals: string[]): RecordFailure {
  return new RecordFailure(
    'ambiguous_match',
    `${found} matches this record by name or domain, but also ${rivals.join(' and ')}. Give them different names or domains, or link the right pair by hand; we do not guess.`,
  );
}

async function findCustomers(session: AdapterSession, company: HubSpotRecord, mutual = true): Promise<QboRecord[]> {
  const matches = await customerCandidates(session, company);
  if (!mutual || matches.length !== 1) return matches;
  const rivals = (await findCompanies(session, matches[0]!, false)).filter((c) => c.id !== company.id);
  if (rivals.length > 0) throw rivalsFailure(`QuickBooks ${customerWords(matches[0]!)}`, rivals.map((c) => `HubSpot ${companyWords(c)}`));
  return matches;
}

async function customerCandidates(session: AdapterSession, company: HubSpotRecord): Promise<QboRecord[]> {
  const name = companyNameKey(company.properties.name);
  const domain = companyDomain(company);
  const named = name ? await customersNamed(session, name) : [];
  const atDomain = domain ? await loadOne(session.batcher, customersAtDomainLoader(session), domain) : [];
  const candidates: Array<MatchCandidate<QboRecord>> = [...named, ...atDomain].map((c) => ({
    record: c,
    byName: name !== null && (companyNameKey(c.CompanyName) === name || companyNameKey(c.DisplayName) === name),
    byDomain: domain !== null && customerDomains(c).includes(domain),
  }));
  return companyMatches(candidates, (c) => c.Id);
}

async function findCompanies(session: AdapterSession, customer: QboRecord, mutual = true): Promise<HubSpotRecord[]> {
  const matches = await companyCandidates(session, customer);
  if (!mutual || matches.length !== 1) return matches;
  const rivals = (await findCustomers(session, matches[0]!, false)).filter((c) => c.Id !== customer.Id);
  if (rivals.length > 0) throw rivalsFailure(`HubSpot ${companyWords(matches[0]!)}`, rivals.map((c) => `QuickBooks ${customerWords(c)}`));
  return matches;
}

async function companyCandidates(session: AdapterSession, customer: QboRecord): Promise<HubSpotRecord[]> {
  const names = [...new Set([companyNameKey(customer.CompanyName), companyNameKey(customer.DisplayName)].filter((n): n is string => n !== null))];
  const domains = [...new Set(customerDomains(customer))];
  const properties = companyProperties(session);
  const found: HubSpotRecord[] = [];
  for (const name of names) found.push(...(await loadOne(session.batcher, hubspotSearchInLoader(session, 'companies', 'name', properties, (r) => companyNameKey(r.properties.name)), name)));
  // HubSpot keeps a domain as it was entered: "www.acme.com" is the same company as "acme.com".
  const byDomain = hubspotSearchInLoader(session, 'companies', 'domain', properties, (r) => r.properties.domain?.trim().toLowerCase() ?? null);
  for (const domain of domains) for (const value of [domain, `www.${domain}`]) found.push(...(await loadOne(session.batcher, byDomain, value)));
  found.push(...(await companiesNotInSearchYet(session, names, domains, found)));
  const candidates = found.map((company) => {
    const domain = companyDomain(company);
    return { record: company, byName: names.includes(companyNameKey(company.properties.name) ?? ''), byDomain: domain !== null && domains.includes(domain) };
  });
  return companyMatches(candidates, (c) => c.id);
}

/**
 * Search trails writes by seconds (hubspot-platform.md §5.5): a company a person created moments ago is
 * not found by name or domain yet, but its property events are in our inbox already. Those companies are
 * read by id (immediate), so a company and a customer made at once on both sides are linked, not each
 * copied to the other side.
 */
async function companiesNotInSearchYet(session: AdapterSession, names: string[], domains: string[], found: HubSpotRecord[]): Promise<HubSpotRecord[]> {
  const { db } = session.ctx;
  const ids = new Set<string>();
  for (const name of names) for (const id of await recentHubSpotIdsWithProperty(db, session.portalId, 'name', name, 10, { collapseSpaces: true })) ids.add(id);
  for (const domain of domains) for (const value of [domain, `www.${domain}`]) for (const id of await recentHubSpotIdsWithProperty(db, session.portalId, 'domain', value)) ids.add(id);
  for (const company of found) ids.delete(company.id);
  if (ids.size === 0) return [];
  return (await session.vendors.hubspot.batchRead('companies', [...ids], companyProperties(session))).records.filter((c) => !c.archived);
}

const refusal = (err: unknown) => (err instanceof QboApiError && err.kind === 'validation' ? new RecordFailure('qbo_rejected', `QuickBooks refused the customer: ${err.message}`) : err);
const isNameClash = (err: unknown): boolean => err instanceof QboApiError && err.kind === 'duplicate_name';

/** The opt-in display-name policy's second try: the company's name with its HubSpot record id. */
function nameWithId(name: string, hubspotId: string): string {
  const suffix = ` (${hubspotId})`;
  return `${Array.from(name).slice(0, QBO_DISPLAY_NAME_MAX - suffix.length).join('').trim()}${suffix}`;
}

async function nameTakenFailure(session: AdapterSession, name: string, triedWithId: string | null): Promise<RecordFailure> {
  const holder = await findDisplayNameHolder(session, name);
  const who = holder ? `QuickBooks ${holder.kind} #${holder.id}${holder.active ? '' : ' (inactive)'}` : 'A QuickBooks customer, vendor or employee';
  const also = triedWithId ? `, and “${triedWithId}” is taken too` : '';
  const inactiveHint = holder?.kind === 'customer' && !holder.active ? ' An inactive customer is never matched: reactivate it in QuickBooks to link this company to it,' : '';
  return new RecordFailure(
    'display_name_taken',
    `${who} already uses the display name “${name}”${also} (display names are unique across customers, vendors and employees).${inactiveHint} Rename one of them, or let the display-name policy add the HubSpot record ID.`,
  );
}

const readsBillingContact = (session: AdapterSession): boolean =>
  session.mappings.some((m) => m.enabled && (m.hubspotProperty === COMPUTED_BILLING_EMAIL || m.hubspotProperty === COMPUTED_BILLING_PHONE));

/**
 * Catch-up's safety net for a lost contact webhook: the companies of contacts modified since `since`
 * (a billing contact's new e-mail, a contact made a company's primary), read with the company
 * properties the pass needs. One contacts search per catch-up when nothing changed.
 */
async function companiesOfContactsModifiedSince(session: AdapterSession, since: Date): Promise<HubSpotRecord[]> {
  if (!readsBillingContact(session)) return [];
  const contactIds: string[] = [];
  let after: string | undefined;
  let from = since;
  for (;;) {
    const page = await session.vendors.hubspot.searchModifiedSince('contacts', from, after, ['email']);
    contactIds.push(...page.records.map((r) => r.id));
    if (!page.next) break;
    from = page.next.since;
    after = page.next.after;
  }
  if (contactIds.length === 0) return [];
  const byContact = await session.vendors.hubspot.associatedIds('contacts', 'companies', contactIds);
  const companyIds = [...new Set([...byContact.values()].flat())];
  const out: HubSpotRecord[] = [];
  for (let start = 0; start < companyIds.length; start += BATCH_SIZE) {
    const { records } = await session.vendors.hubspot.batchRead('companies', companyIds.slice(start, start + BATCH_SIZE), companyProperties(session));
    out.push(...records.filter((r) => !r.archived));
  }
  return out;
}

export const companiesAdapter: ObjectAdapter = {
  objectType: 'companies',
  hubspotNoun: 'company',
  qboNoun: 'customer',
  createOnlyMappingIds: [DISPLAY_NAME_MAPPING_ID],
  // Deleted company → customer made inactive (opt-in); customer made inactive → company archived (opt-in).
  qboInactivation: customerInactivation('companies'),
  hubspotReadProperties: companyProperties,
  hubspotRecordsWithRelatedChanges: companiesOfContactsModifiedSince,

  readHubSpot: (session, id) => loadOne(session.batcher, hubspotReadByIdLoader(session, 'companies', companyProperties(session)), id),
  readQbo: (session, id) => loadOne(session.batcher, qboReadByIdLoader(session, 'Customer', { nameList: true }), id),

  hubspotMatchKey: (record) => companyMatchKey(record.properties.name, companyDomain(record)),
  noMatchKeyMessage: () => 'This company has neither a name nor a domain, so we cannot tell whether it is already a QuickBooks customer. Give it a name to sync it.',
  qboMatchKey: (record) => companyMatchKey(customerCompanyName(record), customerDomains(record)[0] ?? null),
  findQboMatches: (session, _key, company) => (company ? findCustomers(session, company) : Promise.resolve([])),
  findHubSpotMatches: (session, _key, customer) => (customer ? findCompanies(session, customer) : Promise.resolve([])),

  hubspotValues: async (session, record, options = {}) => {
    const billing = readsBillingContact(session) ? await loadOne(session.batcher, billingContactLoader(session, billingContactLabelOf(session.definition.options)), record.id) : null;
    const values = extractHubSpotValues(record, session.mappings, {
      catalogues,
      computed: { [COMPUTED_BILLING_EMAIL]: billing?.email ?? null, [COMPUTED_BILLING_PHONE]: billing?.phone ?? record.properties.phone ?? null },
    });
    // The display name is written only when a customer is created (as R14 does for contacts).
    if (!options.forCreate) delete values[DISPLAY_NAME_MAPPING_ID];
    return values;
  },
  qboValues: (session, record) => {
    const values: MappedValues = extractQboValues(record, session.mappings, { catalogues });
    delete values[DISPLAY_NAME_MAPPING_ID];
    // A customer without a CompanyName (a person, or named in DisplayName only) gives the company its DisplayName.
    if (values[COMPANY_NAME_MAPPING_ID] === null) values[COMPANY_NAME_MAPPING_ID] = normaliseValue(record.DisplayName, 'string');
    return values;
  },
  describeHubSpot: (record) => ({ displayName: record.properties.name?.trim() || companyDomain(record), email: null }),
  describeQbo: (record) => ({ displayName: typeof record.DisplayName === 'string' ? record.DisplayName : null, email: customerEmail(record) }),

  createQbo: async (session, values, requestId, pair) => {
    const body = customerFromValues(values, session.mappings);
    // No name mapped (or the company has none): QuickBooks needs a display name, the domain will do.
    if (typeof body.DisplayName !== 'string' && pair?.hubspot) {
      const fallback = sanitiseQboName(pair.hubspot.properties.name ?? '') || companyDomain(pair.hubspot);
      if (fallback) body.DisplayName = fallback;
    }
    const create = (customer: Record<string, unknown>, id: string) => loadOne(session.batcher, qboCreateLoader(session, 'Customer'), { body: customer, requestId: id });
    try {
      return await create(body, requestId);
    } catch (err) {
      if (!isNameClash(err) || typeof body.DisplayName !== 'string') throw refusal(err);
      if (displayNamePolicyOf(session.definition.options) !== 'resolve' || !pair?.hubspot) throw await nameTakenFailure(session, body.DisplayName, null);
      const second = nameWithId(body.DisplayName, pair.hubspot.id);
      try {
        return await create({ ...body, DisplayName: second }, `${requestId}-2`);
      } catch (again) {
        if (!isNameClash(again)) throw refusal(again);
        throw await nameTakenFailure(session, body.DisplayName, second);
      }
    }
  },
  createdNote: displayNameNote,
  updateQbo: (session, values, existing) => updateCustomer(session, values, existing),
  upsertHubSpot: upsertCustomerRecord('companies', COMPANY_CUSTOMER_LINK, companyPropertiesFromCustomer),
};
