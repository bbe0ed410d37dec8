/**
 * The QuickBooks side of an invoice written from HubSpot: lines matched to items by SKU, lines without
 * a match on the "Custom line item" item (R13; created when missing, posting to the income account
 * chosen in the invoice sync settings), and the invoice body from the mapped values.
 */
import { randomUUID } from 'node:crypto';
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadMany, loadOne } from '../../engine/page-batcher.ts';
import { qboFindByLoader } from '../../loaders/qbo-loaders.ts';
import type { FieldMapping, MappedValues, QboRecord } from '../../types.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { setPath } from '../../mappings/object-path.ts';
import { qboSalesLines, type InvoiceLine } from './invoice-lines.ts';
import { lineTaxCodes, taxPerLine } from './invoice-tax.ts';

export const CUSTOM_LINE_ITEM_NAME = 'Custom line item';
/** Invoice sync option: the QBO Account id the "Custom line item" item posts to (R13). */
export const CUSTOM_LINE_ACCOUNT_OPTION = 'customLineIncomeAccountId';

const skuKey = (item: QboRecord): string | null => (typeof item.Sku === 'string' && item.Sku.trim() !== '' ? item.Sku.trim() : null);
const nameKey = (item: QboRecord): string | null => (typeof item.Name === 'string' ? item.Name.trim().toLowerCase() : null);


// One lookup-or-create of the custom line item per session: the invoices of a page share it.
const customLineItems = new WeakMap<AdapterSession['vendors'], Promise<QboRecord>>();

async function findOrCreateCustomLineItem(session: AdapterSession): Promise<QboRecord> {
  const find = async () => (await loadOne(session.batcher, qboFindByLoader(session, 'Item', 'Name', nameKey, { nameList: true }), CUSTOM_LINE_ITEM_NAME.toLowerCase()))[0];
  const found = await find();
  if (found) {
    if (found.Active === false) throw new RecordFailure('custom_line_item_inactive', `The QuickBooks item “${CUSTOM_LINE_ITEM_NAME}” (#${found.Id}) is inactive, so lines without a matching product cannot be booked. Make it active in QuickBooks.`);
    return found;
  }
  const chosen = session.definition.options[CUSTOM_LINE_ACCOUNT_OPTION];
  const account = typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : '';
  if (account === '') {
    throw new RecordFailure(
      'custom_line_account_missing',
      `This invoice has lines whose SKU matches no QuickBooks item; they go to the item “${CUSTOM_LINE_ITEM_NAME}”, which does not exist yet. Choose its income account in the invoice sync settings, then retry.`,
    );
  }
  try {
    return await (await session.vendors.qbo()).create('Item', { Name: CUSTOM_LINE_ITEM_NAME, Type: 'Service', IncomeAccountRef: { value: account } }, randomUUID());
  } catch (err) {
    // Another worker created it meanwhile (names are unique in QuickBooks, so this never duplicates it).
    if (err instanceof QboApiError && err.kind === 'duplicate_name') {
      const now = await find();
      if (now) return now;
    }
    if (err instanceof QboApiError && err.kind === 'validation') throw new RecordFailure('custom_line_item_rejected', `QuickBooks refused to create the item “${CUSTOM_LINE_ITEM_NAME}”: ${err.message}. Check the income account chosen in the invoice sync settings.`);
    throw err;
  }
}

function customLineItem(session: AdapterSession): Promise<QboRecord> {
  let pending = customLineItems.get(session.vendors);
  if (!pending) {
    pending = findOrCreateCustomLineItem(session);
    customLineItems.set(session.vendors, pending);
    pending.catch(() => customLineItems.delete(session.vendors));
  }
  return pending;
}

/**
 * QuickBooks sales lines for HubSpot's lines: SKU match, else the custom line item. `usTaxCode` is what a
 * US company's automated sales tax is told; a non-US company's lines each get their tax code (./invoice-tax.ts).
 */
export async function qboLinesFor(session: AdapterSession, lines: readonly InvoiceLine[], usTaxCode: 'TAX' | 'NON'): Promise<Array<Record<string, unknown>>> {
  const skus = [...new Set(lines.map((l) => l.sku).filter((sku): sku is string => typeof sku === 'string'))];
  const found = await loadMany(session.batcher, qboFindByLoader(session, 'Item', 'Sku', skuKey, { nameList: true, activeOnly: true }), skus);
  const itemOfSku = new Map(skus.map((sku, i) => [sku, found[i]?.[0]]));
  const custom = lines.some((l) => !l.sku || !itemOfSku.get(l.sku)) ? await customLineItem(session) : undefined;
  const items = lines.map((line) => (line.sku ? itemOfSku.get(line.sku) : undefined) ?? custom!);
  const taxCodes = taxPerLine(session) ? await lineTaxCodes(session, items) : undefined;
  const resolved = lines.map((line, i) => {
    const item = items[i]!;
    return { ...line, itemRef: { value: item.Id, ...(typeof item.Name === 'string' ? { name: item.Name } : {}) }, ...(taxCodes ? { taxCode: taxCodes[i] } : {}) };
  });
  return qboSalesLines(resolved, usTaxCode);
}

/** Header fields of the invoice body from the mapped values that may be written to QuickBooks. */
export function invoiceHeaderFromValues(values: MappedValues, mappings: readonly FieldMapping[], existing?: QboRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_hubspot' || !(mapping.id in values)) continue;
    const field = mapping.qboField;
    if (field.startsWith('@') || field === 'CustomerRef.value' || field === 'TxnTaxDetail.TotalTax') continue; // written by the adapter
    const value = values[mapping.id];
    const custom = /^CustomField\.([1-3])$/.exec(field);
    if (custom) {
      const list = (body.CustomField as Array<Record<string, unknown>> | undefined) ?? [];
      list.push({ DefinitionId: custom[1], Type: 'StringType', StringValue: value === null || value === undefined ? '' : String(value) });
      body.CustomField = list;
      continue;
    }
    if (value === null || value === undefined) continue; // an empty HubSpot value never erases QuickBooks data
    setPath(body, field, value, existing);
  }
  return body;
}
