/**
 * The HubSpot side of an invoice: its line items, its contact and company, and writing both. Line items
 * are replaced as a set when the lines changed (HubSpot line items belong to one invoice). All calls go
 * through loaders, so the invoices of a page share batch calls.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadOne, type BatchLoader } from '../../engine/page-batcher.ts';
import { hubspotAssociateLoader, hubspotAssociatedIdsLoader, hubspotCreateLoader, hubspotReadByIdLoader } from '../../loaders/hubspot-loaders.ts';
import { qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import { findSyncRecordBySide } from '../../../db/sync-records.ts';
import type { HubSpotRecord } from '../../types.ts';
import type { InvoiceLine } from './invoice-lines.ts';
import { comparableLines, linesOfLineItems } from './invoice-lines.ts';

const LINE_ITEM_PROPERTIES = ['name', 'quantity', 'price', 'hs_sku', 'hs_product_id', 'tax', 'hs_position_on_quote'];

export async function lineItemsOf(session: AdapterSession, invoiceId: string): Promise<HubSpotRecord[]> {
  const ids = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'line_items'), invoiceId);
  const items = await Promise.all(ids.map((id) => loadOne(session.batcher, hubspotReadByIdLoader(session, 'line_items', LINE_ITEM_PROPERTIES), id)));
  return items.filter((i): i is HubSpotRecord => i !== undefined);
}

export async function linesOfHubSpotInvoice(session: AdapterSession, invoiceId: string): Promise<InvoiceLine[]> {
  return linesOfLineItems(await lineItemsOf(session, invoiceId));
}

/** The invoice's billing contact: HubSpot lets an invoice have one; the first is taken if there are more. */
export async function contactOfInvoice(session: AdapterSession, invoiceId: string): Promise<string | null> {
  const ids = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'contacts'), invoiceId);
  return [...ids].sort((a, b) => Number(a) - Number(b))[0] ?? null;
}

function primaryCompanyLoader(session: AdapterSession): BatchLoader<string, string | null> {
  return {
    name: 'hubspot.contacts.primaryCompany',
    maxBatch: 100,
    async load(contactIds) {
      const companies = await session.vendors.hubspot.primaryCompanyIds(contactIds);
      return contactIds.map((id) => companies.get(id) ?? null);
    },
  };
}

/** R16: an invoice from QuickBooks is associated with its contact and that contact's primary company. */
export async function associateInvoiceParties(session: AdapterSession, invoiceId: string, contactId: string): Promise<void> {
  const company = await loadOne(session.batcher, primaryCompanyLoader(session), contactId);
  const writes = [loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'contacts'), { from: invoiceId, to: contactId })];
  if (company) writes.push(loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'companies'), { from: invoiceId, to: company }));
  await Promise.all(writes);
}

/** The HubSpot product linked to a QuickBooks item by the products sync, and the item's SKU. */
async function productOfItem(session: AdapterSession, itemId: string | null | undefined): Promise<{ productId: string | null; sku: string | null }> {
  if (!itemId) return { productId: null, sku: null };
  const [row, item] = await Promise.all([
    findSyncRecordBySide(session.ctx.db, session.portalId, 'products', 'qbo', itemId),
    loadOne(session.batcher, qboReadByIdLoader(session, 'Item', { nameList: true }), itemId),
  ]);
  const sku = typeof item?.Sku === 'string' && item.Sku.trim() !== '' ? item.Sku.trim() : null;
  return { productId: row?.hubspot_id ?? null, sku };
}

/**
 * Makes the invoice's line items bill `lines` (from QuickBooks): nothing happens when they already do;
 * otherwise the old line items are archived and new ones created, each pointing to the product the
 * products sync linked to its item (else a custom line, as HubSpot calls a line without a product).
 */
export async function replaceLineItems(session: AdapterSession, invoiceId: string, lines: readonly InvoiceLine[], existing: readonly HubSpotRecord[]): Promise<void> {
  if (comparableLines(linesOfLineItems(existing)) === comparableLines(lines) && existing.length === lines.length) return;
  if (existing.length > 0) await session.vendors.hubspot.batchArchive('line_items', existing.map((i) => i.id));
  const created = await Promise.all(
    lines.map(async (line, index) => {
      const { productId, sku } = await productOfItem(session, line.itemId);
      const properties: Record<string, string> = {
        name: line.description || 'Line item',
        quantity: String(line.quantity),
        price: String(line.unitPrice),
        hs_position_on_quote: String(index),
        ...(sku ? { hs_sku: sku } : {}),
        ...(productId ? { hs_product_id: productId } : {}),
      };
      const result = await loadOne(session.batcher, hubspotCreateLoader(session, 'line_items'), { properties });
      if (!result.ok) {
        if (result.error.retryable) throw result.error;
        throw new RecordFailure('hubspot_rejected', `HubSpot refused a line item of the invoice: ${result.error.message}`);
      }
      return result.record.id;
    }),
  );
  await Promise.all(created.map((lineItemId) => loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'line_items'), { from: invoiceId, to: lineItemId })));
}
