/**
 * The HubSpot side of an invoice: its line items, its contact and company, and writing both. Line items
 * are replaced as a set when the lines changed (HubSpot line items belong to one invoice). All calls go
 * through loaders, so the invoices of a page share batch calls.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadMany, loadOne, type BatchLoader } from '../../engine/page-batcher.ts';
import { hubspotAssociateLoader, hubspotAssociatedIdsLoader, hubspotCreateLoader, hubspotReadByIdLoader, hubspotUpdateLoader } from '../../loaders/hubspot-loaders.ts';
import { qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import { SYNC_RECORDS } from '../../../db/sync-records.ts';
import type { HubSpotRecord } from '../../types.ts';
import type { InvoiceLine } from './invoice-lines.ts';
import { comparableLines, lineItemDiscountProperties, linesOfLineItems } from './invoice-lines.ts';

const LINE_ITEM_PROPERTIES = ['name', 'quantity', 'price', 'hs_sku', 'hs_product_id', 'tax', 'hs_position_on_quote', 'discount', 'hs_discount_percentage'];

export async function lineItemsOf(session: AdapterSession, invoiceId: string): Promise<HubSpotRecord[]> {
  const ids = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'line_items'), invoiceId);
  const items = await loadMany(session.batcher, hubspotReadByIdLoader(session, 'line_items', LINE_ITEM_PROPERTIES), ids);
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
  await loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'contacts'), { from: invoiceId, to: contactId });
  if (company) await loadOne(session.batcher, hubspotAssociateLoader(session, 'invoices', 'companies'), { from: invoiceId, to: company });
}

/** For each line's QuickBooks item: the HubSpot product the products sync linked to it, and the item's SKU. */
async function productsOfItems(session: AdapterSession, itemIds: string[]): Promise<Map<string, { productId: string | null; sku: string | null }>> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return new Map();
  const rows = await session.ctx.db(SYNC_RECORDS).where({ portal_id: session.portalId, object_type: 'products' }).whereIn('qbo_id', ids).select<Array<{ qbo_id: string; hubspot_id: string | null }>>('qbo_id', 'hubspot_id');
  const productOf = new Map(rows.map((r) => [r.qbo_id, r.hubspot_id]));
  const items = await loadMany(session.batcher, qboReadByIdLoader(session, 'Item', { nameList: true }), ids);
  return new Map(
    ids.map((id, i) => {
      const sku = items[i]?.Sku;
      return [id, { productId: productOf.get(id) ?? null, sku: typeof sku === 'string' && sku.trim() !== '' ? sku.trim() : null }];
    }),
  );
}

/** The same bill with other tax (a tax code changed in QuickBooks): only the line items' `tax` is updated, in order. */
async function updateLineTaxes(session: AdapterSession, current: readonly InvoiceLine[], lines: readonly InvoiceLine[]): Promise<void> {
  const updates = current.flatMap((line, i) => {
    const tax = lines[i]?.tax ?? 0;
    return line.lineItemId && (line.tax ?? 0) !== tax ? [{ id: line.lineItemId, properties: { tax: String(tax) } }] : [];
  });
  if (updates.length === 0) return;
  for (const result of await loadMany(session.batcher, hubspotUpdateLoader(session, 'line_items'), updates)) {
    if (result.ok) continue;
    if (result.error.retryable) throw result.error;
    throw new RecordFailure('hubspot_rejected', `HubSpot refused the tax of a line item of the invoice: ${result.error.message}`);
  }
}

/**
 * Makes the invoice's line items bill `lines` (from QuickBooks): when they already do, only their tax follows;
 * otherwise the old line items are archived and new ones created, each pointing to the product the
 * products sync linked to its item (else a custom line, as HubSpot calls a line without a product).
 */
export async function replaceLineItems(session: AdapterSession, invoiceId: string, lines: readonly InvoiceLine[], existing: readonly HubSpotRecord[]): Promise<void> {
  const current = linesOfLineItems(existing);
  if (comparableLines(current) === comparableLines(lines) && existing.length === lines.length) return updateLineTaxes(session, current, lines);
  if (existing.length > 0) await session.vendors.hubspot.batchArchive('line_items', existing.map((i) => i.id));
  const products = await productsOfItems(session, lines.map((l) => l.itemId).filter((id): id is string => typeof id === 'string'));
  const inputs = lines.map((line, index) => {
    const { productId, sku } = (line.itemId ? products.get(line.itemId) : undefined) ?? { productId: null, sku: null };
    return {
      properties: {
        name: line.description || 'Line item',
        quantity: String(line.quantity),
        price: String(line.unitPrice),
        hs_position_on_quote: String(index),
        ...lineItemDiscountProperties(line),
        ...(line.tax && line.tax > 0 ? { tax: String(line.tax) } : {}),
        ...(sku ? { hs_sku: sku } : {}),
        ...(productId ? { hs_product_id: productId } : {}),
      },
    };
  });
  const created = await loadMany(session.batcher, hubspotCreateLoader(session, 'line_items'), inputs);
  const ids = created.map((result) => {
    if (result.ok) return result.record.id;
    if (result.error.retryable) throw result.error;
    throw new RecordFailure('hubspot_rejected', `HubSpot refused a line item of the invoice: ${result.error.message}`);
  });
  await loadMany(session.batcher, hubspotAssociateLoader(session, 'invoices', 'line_items'), ids.map((to) => ({ from: invoiceId, to })));
}
