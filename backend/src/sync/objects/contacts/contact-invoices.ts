/**
 * A contact's associated invoices with the properties the contacts filter reads (R9: status, create
 * date, source): one associations batch read for a page of contacts, then one batch read of the
 * invoices, instead of two calls per contact.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import type { BatchLoader } from '../../engine/page-batcher.ts';
import type { HubSpotRecord } from '../../types.ts';
import { BATCH_SIZE } from '../../../vendors/hubspot/records.ts';
import { relatedPropertyOf } from '@quickbooks-sync/contract/definitions';

export function contactInvoicesLoader(session: AdapterSession, properties: string[]): BatchLoader<string, HubSpotRecord[]> {
  const wanted = [...new Set(properties)].sort();
  return {
    name: `hubspot.contacts.invoices.${wanted.join(',')}`,
    maxBatch: BATCH_SIZE,
    async load(contactIds) {
      const byContact = await session.vendors.hubspot.associatedIds('contacts', 'invoices', contactIds);
      const invoiceIds = [...new Set([...byContact.values()].flat())];
      const invoices = new Map<string, HubSpotRecord>();
      for (let start = 0; start < invoiceIds.length; start += BATCH_SIZE) {
        const { records } = await session.vendors.hubspot.batchRead('invoices', invoiceIds.slice(start, start + BATCH_SIZE), wanted);
        for (const record of records) if (!record.archived) invoices.set(record.id, record);
      }
      return contactIds.map((id) => (byContact.get(id) ?? []).flatMap((invoiceId) => invoices.get(invoiceId) ?? []));
    },
  };
}

/** Whether the contacts definition's HubSpot → QuickBooks filter reads the contacts' invoices (R9). */
export function filtersReadInvoices(filters: { toQbo: ReadonlyArray<{ criteria: ReadonlyArray<{ property: string }> }> }): boolean {
  return filters.toQbo.some((g) => g.criteria.some((c) => relatedPropertyOf(c.property)?.relation === 'invoice'));
}

/** The ids of the contacts associated with these invoices (a finalised invoice can bring its billing contact into R9's filter). */
export async function contactIdsOfInvoices(session: Pick<AdapterSession, 'vendors'>, invoiceIds: string[]): Promise<string[]> {
  if (invoiceIds.length === 0) return [];
  const byInvoice = await session.vendors.hubspot.associatedIds('invoices', 'contacts', invoiceIds);
  return [...new Set([...byInvoice.values()].flat())];
}

/**
 * Catch-up's safety net for a lost invoice webhook: the contacts of invoices modified since `since`, read
 * with the contact properties the pass needs. Costs one search per catch-up when nothing changed.
 */
export async function contactsOfInvoicesModifiedSince(session: AdapterSession, since: Date, properties: string[]): Promise<HubSpotRecord[]> {
  if (!filtersReadInvoices(session.filters)) return [];
  const invoiceIds: string[] = [];
  let after: string | undefined;
  let from = since;
  for (;;) {
    const page = await session.vendors.hubspot.searchModifiedSince('invoices', from, after, ['hs_invoice_status']);
    invoiceIds.push(...page.records.map((r) => r.id));
    if (!page.next) break;
    from = page.next.since;
    after = page.next.after;
  }
  const contactIds = await contactIdsOfInvoices(session, invoiceIds);
  const out: HubSpotRecord[] = [];
  for (let start = 0; start < contactIds.length; start += BATCH_SIZE) {
    const { records } = await session.vendors.hubspot.batchRead('contacts', contactIds.slice(start, start + BATCH_SIZE), properties);
    out.push(...records.filter((r) => !r.archived));
  }
  return out;
}
