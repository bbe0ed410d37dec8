/**
 * The HubSpot side of an invoice: its line items, its contact and company, and writing both. Line items
 * are replaced as a set when the lines changed (HubSpot line items belong to one invoice). All calls go
 * through loaders, so the invoices of a page share batch calls.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadMany, loadOne, type BatchLoader } from '../../engine/page-batcher.ts';
import { remembered } from '../../engine/pass-memo.ts';
import { hubspotArchiveLoader, hubspotAssociateLoader, hubspotAssociatedIdsLoader, hubspotCreateLoader, hubspotReadByIdLoader, hubspotUpdateLoader } from '../../loaders/hubspot-loaders.ts';
import { qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import { SYNC_RECORDS } from '../../../db/sync-records.ts';
import { SKU_MAPPING_ID } from '@quickbooks-sync/contract/definitions';
import type { HubSpotRecord } from '../../types.ts';
import type { InvoiceLine } from './invoice-lines.ts';
import { comparableLines, lineItemDiscountProperties, linesOfLineItems } from './invoice-lines.ts';

const LINE_ITEM_PROPERTIES = ['name', 'quantity', 'price', 'hs_sku', 'hs_product_id', 'tax', 'hs_position_on_quote', 'discount', 'hs_discount_percentage'];

/** Memo keys (engine/pass-memo.ts): what the pass knows an invoice holds, read or written by it. */
const lineItemsKey = (invoiceId: string) => `hubspot.invoices.${invoiceId}.line_items`;
const contactsKey = (invoiceId: string) => `hubspot.invoices.${invoiceId}.contacts`;
const itemSkuKey = (itemId: string) => `qbo.Item.${itemId}.sku`;

/** The invoice's line items: read once per pass (batched across the page), not again once written. */
export function lineItemsOf(session: AdapterSession, invoiceId: string): Promise<HubSpotRecord[]> {
  return remembered(session.memo, lineItemsKey(invoiceId), async () => {
    const ids = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'line_items'), invoiceId);
    const items = await loadMany(session.batcher, hubspotReadByIdLoader(session, 'line_items', LINE_ITEM_PROPERTIES), ids);
    return items.filter((i): i is HubSpotRecord => i !== undefined);
  });
}

/** An invoice HubSpot just created (its upsert said so) has no line items and no contact yet: nothing to read. */
export function rememberNewInvoice(session: AdapterSession, invoiceId: string): void {
  session.memo?.set(lineItemsKey(invoiceId), []);
  session.memo?.set(contactsKey(invoiceId), []);
}

/** Someone else changed the invoice's line items (their tax, written back from QuickBooks): the next read asks HubSpot. */
export function forgetInvoiceLineItems(session: AdapterSession, invoiceId: string): void {
  session.memo?.forget(lineItemsKey(invoiceId));
}

/** We associated `contactId` with the invoice: when the pass knew its contacts, it knows them still. */
export function rememberInvoiceContact(session: AdapterSession, invoiceId: string, contactId: string): void {
  const known = session.memo?.get<string[]>(contactsKey(invoiceId));
  if (known) session.memo?.set(contactsKey(invoiceId), [...new Set([...known, contactId])]);
}

export async function linesOfHubSpotInvoice(session: AdapterSession, invoiceId: string): Promise<InvoiceLine[]> {
  return linesOfLineItems(await lineItemsOf(session, invoiceId));
}

/** The invoice's billing contact: HubSpot lets an invoice have one; the first is taken if there are more. */
export async function contactOfInvoice(session: AdapterSession, invoiceId: string): Promise<string | null> {
  const ids = await remembered(session.memo, contactsKey(invoiceId), () => loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'contacts'), invoiceId));
  return [...ids].sort((a, b) => Number(a) - Number(b))[0] ?? null;
}

export function primaryCompanyLoader(session: AdapterSession): BatchLoader<string, string | null> {
  return {
    name: 'hubspot.contacts.primaryCompany',
    maxBatch: 100,
    keyOf: (id) => id,
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

const skuOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * For each line's QuickBooks item: the HubSpot product the products sync linked to it, and the item's
 * SKU. An item the products sync holds in sync has its SKU in the pair's snapshot (what QuickBooks had
 * at its last sync, which the products sync keeps current): no read. Other items are read, once a page.
 */
async function productsOfItems(session: AdapterSession, itemIds: string[]): Promise<Map<string, { productId: string | null; sku: string | null }>> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return new Map();
  const rows = await session.ctx
    .db(SYNC_RECORDS)
    .where({ portal_id: session.portalId, object_type: 'products' })
    .whereIn('qbo_id', ids)
    .select<Array<{ qbo_id: string; hubspot_id: string | null; state: string; qbo_snapshot: Record<string, unknown> | null }>>('qbo_id', 'hubspot_id', 'state', 'qbo_snapshot');
  const rowOf = new Map(rows.map((r) => [r.qbo_id, r]));
  const heldSku = (id: string): { sku: string | null } | undefined => {
    const row = rowOf.get(id);
    return row?.state === 'synced' && row.hubspot_id && row.qbo_snapshot && SKU_MAPPING_ID in row.qbo_snapshot ? { sku: skuOf(row.qbo_snapshot[SKU_MAPPING_ID]) } : undefined;
  };
  const unheld = ids.filter((id) => !heldSku(id) && !session.memo?.has(itemSkuKey(id)));
  const items = await loadMany(session.batcher, qboReadByIdLoader(session, 'Item', { nameList: true }), unheld);
  unheld.forEach((id, i) => session.memo?.set(itemSkuKey(id), skuOf(items[i]?.Sku)));
  const read = new Map(unheld.map((id, i) => [id, skuOf(items[i]?.Sku)]));
  return new Map(ids.map((id) => [id, { productId: rowOf.get(id)?.hubspot_id ?? null, sku: heldSku(id)?.sku ?? read.get(id) ?? session.memo?.get<string | null>(itemSkuKey(id)) ?? null }]));
}

/** Per account and process: HubSpot's association type of a line item to its invoice (looked up once, never changes). */
const lineItemTypes = new Map<number, Promise<number | null>>();
function lineItemToInvoiceType(session: AdapterSession): Promise<number | null> {
  let typeId = lineItemTypes.get(session.portalId);
  if (!typeId) {
    typeId = session.vendors.hubspot.unlabeledTypeId('line_items', 'invoices');
    lineItemTypes.set(session.portalId, typeId);
    typeId.catch(() => lineItemTypes.delete(session.portalId));
  }
  return typeId;
}

/** The same bill with other tax (a tax code changed in QuickBooks): only the line items' `tax` is updated, in order. */
async function updateLineTaxes(session: AdapterSession, invoiceId: string, existing: readonly HubSpotRecord[], current: readonly InvoiceLine[], lines: readonly InvoiceLine[]): Promise<void> {
  const updates = current.flatMap((line, i) => {
    const tax = lines[i]?.tax ?? 0;
    return line.lineItemId && (line.tax ?? 0) !== tax ? [{ id: line.lineItemId, properties: { tax: String(tax) } }] : [];
  });
  if (updates.length === 0) return;
  const updated = new Map<string, HubSpotRecord>();
  for (const result of await loadMany(session.batcher, hubspotUpdateLoader(session, 'line_items'), updates)) {
    if (result.ok) {
      updated.set(result.record.id, result.record);
      continue;
    }
    session.memo?.forget(lineItemsKey(invoiceId));
    if (result.error.retryable) throw result.error;
    throw new RecordFailure('hubspot_rejected', `HubSpot refused the tax of a line item of the invoice: ${result.error.message}`);
  }
  // The invoice's line items as HubSpot answered the updates: the read-back after the write needs no call.
  session.memo?.set(lineItemsKey(invoiceId), existing.map((item) => updated.get(item.id) ?? item));
}

/**
 * Makes the invoice's line items bill `lines` (from QuickBooks): when they already do, only their tax follows;
 * otherwise the old line items are archived and new ones created, each pointing to the product the
 * products sync linked to its item (else a custom line, as HubSpot calls a line without a product).
 */
export async function replaceLineItems(session: AdapterSession, invoiceId: string, lines: readonly InvoiceLine[], existing: readonly HubSpotRecord[]): Promise<void> {
  const current = linesOfLineItems(existing);
  if (comparableLines(current) === comparableLines(lines) && existing.length === lines.length) return updateLineTaxes(session, invoiceId, existing, current, lines);
  // The old ones go: until the new ones are all there, the pass knows nothing of the invoice's lines.
  session.memo?.forget(lineItemsKey(invoiceId));
  if (existing.length > 0) await loadMany(session.batcher, hubspotArchiveLoader(session, 'line_items'), existing.map((i) => i.id));
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
  // Created already on the invoice when HubSpot told us its association type (one call fewer per batch).
  const typeId = await lineItemToInvoiceType(session);
  const associations = typeId === null ? undefined : [{ to: { id: invoiceId }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: typeId }] }];
  const created = await loadMany(session.batcher, hubspotCreateLoader(session, 'line_items'), inputs.map((input) => ({ ...input, ...(associations ? { associations } : {}) })));
  const records = created.map((result) => {
    if (result.ok) return result.record;
    if (result.error.retryable) throw result.error;
    throw new RecordFailure('hubspot_rejected', `HubSpot refused a line item of the invoice: ${result.error.message}`);
  });
  if (typeId === null) await loadMany(session.batcher, hubspotAssociateLoader(session, 'invoices', 'line_items'), records.map((r) => ({ from: invoiceId, to: r.id })));
  // What the invoice bills now is what HubSpot answered the creates with: the read-back after the write needs no call.
  session.memo?.set(lineItemsKey(invoiceId), records);
}
