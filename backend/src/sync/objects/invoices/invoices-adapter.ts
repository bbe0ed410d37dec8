/**
 * Invoices ⇄ Invoices (R13, R16–R18, R22, R23). Invoices pair only through links (they are created by one
 * side and copied to the other, never matched). QuickBooks → HubSpot: the invoice with its line items,
 * associated with the customer's contact and that contact's primary company (companies mode: the
 * customer's company and its billing contact, invoice-parties.ts). HubSpot → QuickBooks: lines
 * matched to items by SKU, the rest on "Custom line item"; the customer is the contact's, synced first
 * through the contacts sync. Updates reach QuickBooks only for invoices created in HubSpot (R17), and
 * QuickBooks may not change their lines or tax (R18). Non-US companies (R22): lines carry tax codes and
 * QuickBooks' tax comes back onto the HubSpot line items (./invoice-tax.ts). HubSpot writes are upserts keyed by the unique
 * `qbo_invoice_id` property; QuickBooks creates carry the record's requestid.
 */
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import { hubspotReadByIdLoader, hubspotUpdateLoader, hubspotUpsertLoader } from '../../loaders/hubspot-loaders.ts';
import { qboCreateLoader, qboFindByLoader, qboReadByIdLoader, qboUpdateLoader } from '../../loaders/qbo-loaders.ts';
import type { HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { hubspotValues as extractHubSpotValues, qboValues as extractQboValues } from '../../mappings/extract-values.ts';
import { COMPUTED_INVOICE_CUSTOMER, COMPUTED_INVOICE_LINES, COMPUTED_INVOICE_TAX, QBO_INVOICE_NUMBER_PROPERTY, CURRENCY_MAPPING_ID, CUSTOMER_MAPPING_ID, LINES_MAPPING_ID, NUMBER_TO_QBO_MAPPING_ID, PAID_MAPPING_ID, TAX_MAPPING_ID } from '@quickbooks-sync/contract/definitions';
import type { HubSpotWriteResult } from '../../../vendors/hubspot/client.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { ensureQboLinkProperty } from '../qbo-link-property.ts';
import { comparableLines, linesOfQboInvoice, taxOfLines, type InvoiceLine } from './invoice-lines.ts';
import { missingTaxCodeFailure, ratesOfCodes, requireTaxCodeWhenNeeded, taxPerLine, writeQboTaxToLineItems } from './invoice-tax.ts';
import { statusOfQboInvoice } from './invoice-status.ts';
import { forgetInvoiceLineItems, lineItemsOf, linesOfHubSpotInvoice, rememberNewInvoice, replaceLineItems } from './invoice-hubspot.ts';
import { invoiceHeaderFromValues, qboLinesFor } from './invoice-qbo.ts';
import { associateInvoiceWithParty, customersModeOf, hubspotPartyOfInvoice, linkedParty, partyOnOtherSide, type InvoiceParty } from './invoice-parties.ts';
import { invoiceVoiding } from './invoice-voiding.ts';

export const QBO_INVOICE_ID_PROPERTY = 'qbo_invoice_id';
/** Invoice sync option (R23): send the tax HubSpot's automated sales tax computed. Off unless opted in. */
export const AUTOMATED_TAX_OPTION = 'syncAutomatedTax';

const catalogues = cataloguesFor('invoices') as ObjectCatalogues;
const INVOICE_LINK = {
  objectType: 'invoices',
  name: QBO_INVOICE_ID_PROPERTY,
  label: 'QuickBooks invoice ID',
  description: 'Set by the QuickBooks sync app: the QuickBooks Online invoice this invoice is linked to.',
};
const NUMBER_PROPERTY = { name: QBO_INVOICE_NUMBER_PROPERTY, label: 'QuickBooks invoice number', type: 'string', fieldType: 'text', groupName: 'quickbooks_sync', groupLabel: 'QuickBooks sync', description: 'Set by the QuickBooks sync app: the invoice number in QuickBooks Online.' } as const;

function invoiceProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  const filtered = session.filters.toQbo.flatMap((g) => g.criteria.map((c) => c.property));
  return [...new Set([...mapped, ...filtered, 'hs_number', 'hs_title', 'hs_currency', 'hs_invoice_status', 'hs_createdate', 'hs_lastmodifieddate', QBO_INVOICE_ID_PROPERTY])];
}

const enabled = (session: AdapterSession, id: string) => session.mappings.some((m) => m.id === id && m.enabled);
const automatedTaxOn = (session: AdapterSession) => session.definition.options[AUTOMATED_TAX_OPTION] === true;

/**
 * The tax QuickBooks must charge to keep its total equal to HubSpot's: HubSpot's computed tax when the
 * account opted in (R23), else none. US QuickBooks companies on automated sales tax would add their own
 * otherwise, so the lines then say `NON` (quickbooks-api.md: AST computes "unless the request says otherwise").
 */
function taxToSend(session: AdapterSession, values: MappedValues): number {
  if (taxPerLine(session)) return 0; // non-US: QuickBooks computes it from the lines' tax codes
  const tax = values[TAX_MAPPING_ID];
  return typeof tax === 'number' && tax > 0 ? tax : 0;
}

/** Non-US companies: HubSpot's prices are net of tax, so QuickBooks adds the tax on top. */
const globalTaxFields = (session: AdapterSession): Record<string, unknown> => (taxPerLine(session) ? { GlobalTaxCalculation: 'TaxExcluded' } : {});

function qboRefused(err: unknown, what: string): never {
  const missingTaxCode = missingTaxCodeFailure(err, what);
  if (missingTaxCode) throw missingTaxCode;
  if (err instanceof QboApiError && err.code === '6140') throw new RecordFailure('doc_number_taken', `QuickBooks already has an invoice with this number (${err.detail ?? err.message}). Invoice numbers are unique in QuickBooks: renumber one of them, or turn off “custom transaction numbers” in QuickBooks so it numbers invoices itself.`);
  if (err instanceof QboApiError && err.code === '6200') throw new RecordFailure('books_closed', `QuickBooks refused ${what}: the invoice date is in a closed period. Change the date, or reopen the period in QuickBooks.`);
  if (err instanceof QboApiError && (err.kind === 'validation' || err.kind === 'duplicate_name')) throw new RecordFailure('qbo_rejected', `QuickBooks refused ${what}: ${err.message}`);
  throw err;
}

function hubspotWritten(result: HubSpotWriteResult): HubSpotRecord {
  if (result.ok) return result.record;
  if (result.error.retryable) throw result.error;
  throw new RecordFailure('hubspot_rejected', `HubSpot refused the invoice: ${result.error.message}`);
}

/** HubSpot properties for the mapped values that may be written to HubSpot (computed ones are written by the adapter). */
function invoicePropertiesFromValues(session: AdapterSession, values: MappedValues): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const mapping of session.mappings) {
    if (!mapping.enabled || mapping.direction === 'to_qbo' || !(mapping.id in values)) continue;
    const name = mapping.hubspotProperty;
    if (name.startsWith('@') || catalogues.hubspot[name]?.readOnly) continue;
    const value = values[mapping.id];
    properties[name] = value === null || value === undefined ? '' : String(value);
  }
  return properties;
}

export const invoicesAdapter: ObjectAdapter = {
  objectType: 'invoices',
  hubspotNoun: 'invoice',
  qboNoun: 'invoice',
  createOnlyMappingIds: [CUSTOMER_MAPPING_ID, NUMBER_TO_QBO_MAPPING_ID, CURRENCY_MAPPING_ID],
  pairsByLinkOnly: true,
  qboUpdatesOnlyForHubSpotOrigin: true,
  lockedInQboForHubSpotOrigin: [LINES_MAPPING_ID, TAX_MAPPING_ID],
  refusedQboChanges: (before, after) => {
    const was = Number(before[PAID_MAPPING_ID] ?? 0);
    const now = Number(after[PAID_MAPPING_ID] ?? 0);
    return PAID_MAPPING_ID in after && now < was ? ['payments (one was removed)'] : [];
  },
  hubspotReadProperties: invoiceProperties,
  voiding: invoiceVoiding,

  readHubSpot: (session, id) => loadOne(session.batcher, hubspotReadByIdLoader(session, 'invoices', invoiceProperties(session)), id),
  readQbo: (session, id) => loadOne(session.batcher, qboReadByIdLoader(session, 'Invoice', { nameList: false }), id),

  hubspotMatchKey: () => null,
  noMatchKeyMessage: () => 'Invoices are never matched, only linked.',
  qboMatchKey: () => null,
  findQboMatches: () => Promise.resolve([]),
  findHubSpotMatches: () => Promise.resolve([]),

  hubspotValues: async (session, record, options = {}) => {
    const lines = enabled(session, LINES_MAPPING_ID) || enabled(session, TAX_MAPPING_ID) ? await linesOfHubSpotInvoice(session, record.id) : [];
    let customer: string | null = null;
    if (enabled(session, CUSTOMER_MAPPING_ID)) {
      const billed = await hubspotPartyOfInvoice(session, record.id);
      if (billed && options.forCreate) {
        const party = await partyOnOtherSide(session, 'hubspot', billed);
        if (!party.ok) throw new RecordFailure('customer_not_synced', party.message);
        customer = party.id;
      } else if (billed) customer = await linkedParty(session, 'hubspot', billed);
    }
    return extractHubSpotValues(record, session.mappings, {
      catalogues,
      computed: {
        [COMPUTED_INVOICE_LINES]: comparableLines(lines),
        [COMPUTED_INVOICE_CUSTOMER]: customer,
        // Non-US companies: QuickBooks computes the tax from the lines' codes; HubSpot's is never sent.
        [COMPUTED_INVOICE_TAX]: automatedTaxOn(session) && !taxPerLine(session) ? taxOfLines(lines) : null,
      },
    });
  },
  qboValues: (session, record) => {
    const values = extractQboValues(record, session.mappings, { catalogues });
    for (const mapping of session.mappings) {
      if (!mapping.enabled) continue;
      if (mapping.id === LINES_MAPPING_ID) values[mapping.id] = comparableLines(linesOfQboInvoice(record));
      else if (mapping.qboField === '@status') values[mapping.id] = statusOfQboInvoice(record);
      else if (mapping.qboField === '@paid') values[mapping.id] = Math.round((Number(record.TotalAmt ?? 0) - Number(record.Balance ?? record.TotalAmt ?? 0)) * 100) / 100;
      else if (/^CustomField\.[1-3]$/.test(mapping.qboField)) {
        const id = mapping.qboField.slice('CustomField.'.length);
        const field = (record.CustomField as Array<{ DefinitionId?: string; StringValue?: string }> | undefined)?.find((f) => f.DefinitionId === id);
        values[mapping.id] = field?.StringValue?.trim() || null;
      }
    }
    // QuickBooks reports no tax as absent or 0; both mean none.
    if (TAX_MAPPING_ID in values && !values[TAX_MAPPING_ID]) values[TAX_MAPPING_ID] = null;
    return values;
  },
  describeHubSpot: (record) => ({ displayName: record.properties.hs_number ?? record.properties.hs_title ?? `Invoice #${record.id}`, email: null }),
  describeQbo: (record) => ({ displayName: typeof record.DocNumber === 'string' ? `Invoice ${record.DocNumber}` : `Invoice #${record.Id}`, email: null }),

  createQbo: async (session, values, requestId, pair) => {
    requireTaxCodeWhenNeeded(session);
    const customer = values[CUSTOMER_MAPPING_ID];
    if (typeof customer !== 'string' || customer === '') {
      throw new RecordFailure(
        'no_billing_contact',
        (await customersModeOf(session)) === 'companies'
          ? 'This invoice has no company (nor a contact with a primary company), so there is no QuickBooks customer to bill. Associate the company with the invoice in HubSpot.'
          : 'This invoice has no contact, so there is no QuickBooks customer to bill. Associate the billing contact with the invoice in HubSpot.',
      );
    }
    const lines = pair?.hubspot ? await linesOfHubSpotInvoice(session, pair.hubspot.id) : [];
    if (lines.length === 0) throw new RecordFailure('no_lines', 'This invoice has no line items; QuickBooks needs at least one line. Add line items to the invoice in HubSpot.');
    const tax = taxToSend(session, values);
    const body: Record<string, unknown> = { ...invoiceHeaderFromValues(values, session.mappings), CustomerRef: { value: customer }, Line: await qboLinesFor(session, lines, tax > 0 ? 'TAX' : 'NON'), ...globalTaxFields(session) };
    if (tax > 0) body.TxnTaxDetail = { TotalTax: tax };
    let created: QboRecord;
    try {
      created = await loadOne(session.batcher, qboCreateLoader(session, 'Invoice'), { body, requestId });
    } catch (err) {
      return qboRefused(err, 'the invoice');
    }
    if (taxPerLine(session) && pair?.hubspot) {
      await writeQboTaxToLineItems(session, created, lines);
      forgetInvoiceLineItems(session, pair.hubspot.id);
    }
    return created;
  },
  // An earlier create whose outcome is unknown, past QBO's requestid replay window: the invoice it
  // made carries the HubSpot invoice's number as its DocNumber, for the same customer.
  findCreatedQbo: async (session, values) => {
    const number = values[NUMBER_TO_QBO_MAPPING_ID];
    const customer = values[CUSTOMER_MAPPING_ID];
    if (typeof number !== 'string' || number === '' || typeof customer !== 'string') return undefined;
    const docNumber = (record: QboRecord) => (typeof record.DocNumber === 'string' ? record.DocNumber : null);
    const found = await loadOne(session.batcher, qboFindByLoader(session, 'Invoice', 'DocNumber', docNumber, { nameList: false }), number);
    const same = found.filter((invoice) => (invoice.CustomerRef as { value?: string } | undefined)?.value === customer);
    return same.length === 1 ? same[0] : undefined;
  },
  updateQbo: async (session, values, existing, pair) => {
    requireTaxCodeWhenNeeded(session);
    const body: { Id: string; SyncToken: string } & Record<string, unknown> = { ...invoiceHeaderFromValues(values, session.mappings, existing), Id: existing.Id, SyncToken: existing.SyncToken };
    let sentLines: InvoiceLine[] | undefined;
    if (LINES_MAPPING_ID in values && pair?.hubspot && values[LINES_MAPPING_ID] !== comparableLines(linesOfQboInvoice(existing))) {
      const tax = taxToSend(session, values);
      sentLines = await linesOfHubSpotInvoice(session, pair.hubspot.id);
      Object.assign(body, { Line: await qboLinesFor(session, sentLines, tax > 0 ? 'TAX' : 'NON'), ...globalTaxFields(session) });
      if (tax > 0) body.TxnTaxDetail = { TotalTax: tax };
    }
    let updated: QboRecord;
    try {
      updated = await loadOne(session.batcher, qboUpdateLoader(session, 'Invoice'), body);
    } catch (err) {
      return qboRefused(err, `the update of invoice #${existing.Id}`);
    }
    if (sentLines && taxPerLine(session) && pair?.hubspot) {
      await writeQboTaxToLineItems(session, updated, sentLines);
      forgetInvoiceLineItems(session, pair.hubspot.id);
    }
    return updated;
  },
  upsertHubSpot: async (session, values, qboId, existingId, pair) => {
    await ensureQboLinkProperty(session, INVOICE_LINK, [NUMBER_PROPERTY]);
    const properties: Record<string, string> = { ...invoicePropertiesFromValues(session, values), [QBO_INVOICE_ID_PROPERTY]: qboId };
    let party: InvoiceParty | null = null;
    if (!existingId) {
      const customer = pair?.qbo ? (pair.qbo.CustomerRef as { value?: string } | undefined)?.value : undefined;
      if (!customer) throw new RecordFailure('no_customer', `QuickBooks invoice #${qboId} has no customer.`);
      const mode = await customersModeOf(session);
      const synced = await partyOnOtherSide(session, 'qbo', { mode, id: customer });
      if (!synced.ok) throw new RecordFailure('customer_not_synced', synced.message);
      party = { mode, id: synced.id };
      // HubSpot requires a currency on every invoice; QuickBooks omits it for the home currency.
      if (!properties.hs_currency) properties.hs_currency = session.connection.homeCurrency ?? 'USD';
      // A copy of a QuickBooks invoice: HubSpot must not try to collect it.
      properties.hs_invoice_billable = 'false';
    }
    // HubSpot moves an invoice to open or paid only once it has a contact and line items (invoices
    // guide): a new one is written as a draft and gets its status after its parties and lines.
    const status = existingId ? undefined : properties.hs_invoice_status;
    if (status !== undefined) delete properties.hs_invoice_status;
    const written = existingId
      ? await loadOne(session.batcher, hubspotUpdateLoader(session, 'invoices'), { id: existingId, properties })
      : await loadOne(session.batcher, hubspotUpsertLoader(session, 'invoices', QBO_INVOICE_ID_PROPERTY), { id: qboId, properties });
    let invoice = hubspotWritten(written);
    // HubSpot says it made the invoice just now: it has no lines or contact to read (a retry's upsert finds the first attempt's, and reads them).
    if (written.ok && written.created === true) rememberNewInvoice(session, invoice.id);
    if (party) await associateInvoiceWithParty(session, invoice.id, party);
    // The line items it has now: also when this is a retry whose first attempt created the invoice
    // (and maybe its lines) before failing, so they are replaced, never added to.
    if (LINES_MAPPING_ID in values && pair?.qbo) {
      const lines = linesOfQboInvoice(pair.qbo, taxPerLine(session) ? await ratesOfCodes(session) : undefined);
      await replaceLineItems(session, invoice.id, lines, await lineItemsOf(session, invoice.id));
    }
    if (status && status !== 'draft' && invoice.properties.hs_invoice_status !== status) {
      invoice = hubspotWritten(await loadOne(session.batcher, hubspotUpdateLoader(session, 'invoices'), { id: invoice.id, properties: { hs_invoice_status: status } }));
    }
    return invoice;
  },
};
