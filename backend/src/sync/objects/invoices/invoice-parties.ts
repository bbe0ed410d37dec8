/**
 * Who an invoice bills, on the other side, through the account's customers sync (customers-mode.ts):
 * - contacts mode (the default): the QuickBooks customer of a HubSpot invoice's contact, the HubSpot
 *   contact of a QuickBooks invoice's customer (R16: plus that contact's primary company);
 * - companies mode (issue 16): the customer of the HubSpot invoice's company (else of its contact's
 *   primary company); a QuickBooks invoice is associated with the customer's company and that company's
 *   billing contact (billing-contact.ts), when it has one.
 * The party is synced first through its own sync when it is not linked yet.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { loadOne } from '../../engine/page-batcher.ts';
import { linkedCounterpart, syncedCounterpart, type CounterpartResult } from '../../engine/synced-counterpart.ts';
import { hubspotAssociateLoader, hubspotAssociatedIdsLoader } from '../../loaders/hubspot-loaders.ts';
import { getSyncDefinition } from '../../../db/sync-definitions.ts';
import { billingContactLabelOf, type CustomerMode } from '@quickbooks-sync/contract/definitions';
import { contactsAdapter } from '../contacts/contacts-adapter.ts';
import { companiesAdapter } from '../companies/companies-adapter.ts';
import { billingContactLoader } from '../companies/billing-contact.ts';
import { associateInvoiceParties, contactOfInvoice, primaryCompanyLoader, rememberInvoiceContact } from './invoice-hubspot.ts';
import type { Side } from '../../types.ts';

/** A customer-side record: a contact or a company in HubSpot, or a customer in QuickBooks, and the mode it syncs in. */
export interface InvoiceParty {
  mode: CustomerMode;
  id: string;
}

/** Companies mode when the account has set the companies sync up, else contacts (the default). */
export async function customersModeOf(session: AdapterSession): Promise<CustomerMode> {
  return (await getSyncDefinition(session.ctx.db, session.portalId, 'companies')) ? 'companies' : 'contacts';
}

const lowestId = (ids: readonly string[]): string | null => [...ids].sort((a, b) => Number(a) - Number(b))[0] ?? null;

/** The HubSpot record the invoice bills: its contact (contacts mode), or its company, else its contact's primary company. */
export async function hubspotPartyOfInvoice(session: AdapterSession, invoiceId: string): Promise<InvoiceParty | null> {
  const mode = await customersModeOf(session);
  if (mode === 'contacts') {
    const contact = await contactOfInvoice(session, invoiceId);
    return contact ? { mode, id: contact } : null;
  }
  const company = lowestId(await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'companies'), invoiceId));
  if (company) return { mode, id: company };
  const contact = await contactOfInvoice(session, invoiceId);
  const primary = contact ? await loadOne(session.batcher, primaryCompanyLoader(session), contact) : null;
  return primary ? { mode, id: primary } : null;
}

export const linkedParty = (session: AdapterSession, side: Side, party: InvoiceParty): Promise<string | null> => linkedCounterpart(session, party.mode, side, party.id);

export function partyOnOtherSide(session: AdapterSession, side: Side, party: InvoiceParty): Promise<CounterpartResult> {
  const adapter = party.mode === 'companies' ? companiesAdapter : contactsAdapter;
  const what = side === 'hubspot' ? `HubSpot ${adapter.hubspotNoun} #${party.id}` : `QuickBooks customer #${party.id}`;
  return syncedCounterpart(session, adapter, side, party.id, `The invoice's ${what}`);
}

/** A HubSpot invoice written from QuickBooks is associated with its party (HubSpot ids). */
export async function associateInvoiceWithParty(session: AdapterSession, invoiceId: string, party: InvoiceParty): Promise<void> {
  if (party.mode === 'contacts') {
    await associateInvoiceParties(session, invoiceId, party.id);
    // The pass memo knows the invoice's contact now (no read of what we just wrote).
    rememberInvoiceContact(session, invoiceId, party.id);
    return;
  }
  const companies = await getSyncDefinition(session.ctx.db, session.portalId, 'companies');
  const billing = await loadOne(session.batcher, billingContactLoader(session, billingContactLabelOf(companies?.options)), party.id);
  await loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'companies'), { from: invoiceId, to: party.id });
  if (billing) {
    await loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'contacts'), { from: invoiceId, to: billing.id });
    rememberInvoiceContact(session, invoiceId, billing.id);
  }
}
