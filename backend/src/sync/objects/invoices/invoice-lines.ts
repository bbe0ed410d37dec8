/**
 * Invoice lines as both sides hold them, and the one form they are compared in. QuickBooks lines name
 * an item and carry quantity and rate; HubSpot line items carry a name, quantity, price and SKU. The
 * compared form is the sorted list of (description, quantity, unit price): what a customer is billed,
 * independent of which item or product a line points to.
 */
import type { HubSpotRecord, QboRecord } from '../../types.ts';

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  /** HubSpot line items: their SKU, to find the QuickBooks item. QuickBooks lines: none. */
  sku?: string | null;
  /** QuickBooks lines: the item they point to. */
  itemId?: string | null;
  /** HubSpot line items: tax HubSpot computed (automated sales tax, R23). */
  tax?: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

interface QboLine {
  Description?: string;
  Amount?: number;
  DetailType?: string;
  SalesItemLineDetail?: { ItemRef?: { value?: string; name?: string }; Qty?: number; UnitPrice?: number };
}

/** The sales lines of a QuickBooks invoice (QuickBooks' own subtotal lines are not lines of the bill). */
export function linesOfQboInvoice(invoice: QboRecord): InvoiceLine[] {
  const lines = (Array.isArray(invoice.Line) ? invoice.Line : []) as QboLine[];
  return lines
    .filter((l) => l.DetailType === 'SalesItemLineDetail')
    .map((l) => {
      const detail = l.SalesItemLineDetail ?? {};
      const quantity = num(detail.Qty) ?? 1;
      const unitPrice = num(detail.UnitPrice) ?? (quantity !== 0 ? (num(l.Amount) ?? 0) / quantity : 0);
      return {
        description: (l.Description ?? detail.ItemRef?.name ?? '').trim(),
        quantity: round2(quantity),
        unitPrice: round2(unitPrice),
        itemId: detail.ItemRef?.value ?? null,
      };
    });
}

export function linesOfLineItems(lineItems: readonly HubSpotRecord[]): InvoiceLine[] {
  return [...lineItems]
    .sort((a, b) => (num(a.properties.hs_position_on_quote) ?? 0) - (num(b.properties.hs_position_on_quote) ?? 0) || Number(a.id) - Number(b.id))
    .map((item) => {
      const p = item.properties;
      const sku = p.hs_sku?.trim();
      return {
        description: (p.name ?? '').trim(),
        quantity: round2(num(p.quantity) ?? 1),
        unitPrice: round2(num(p.price) ?? 0),
        sku: sku ? sku : null,
        tax: num(p.tax),
      };
    });
}

/** The compared form: one string, equal on both sides when the bill is the same. */
export function comparableLines(lines: readonly InvoiceLine[]): string {
  const rows = lines.map((l) => [l.description, l.quantity, l.unitPrice] as const);
  rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
  return JSON.stringify(rows);
}

/** Tax HubSpot computed on the lines, or null when it computed none (R23: tax is never invented). */
export function taxOfLines(lines: readonly InvoiceLine[]): number | null {
  const taxed = lines.filter((l) => typeof l.tax === 'number');
  return taxed.length === 0 ? null : round2(taxed.reduce((sum, l) => sum + (l.tax ?? 0), 0));
}

/** QuickBooks sales lines for `lines`, each pointing to its resolved item. */
export function qboSalesLines(lines: ReadonlyArray<InvoiceLine & { itemRef: { value: string; name?: string } }>): Array<Record<string, unknown>> {
  return lines.map((l, index) => ({
    LineNum: index + 1,
    Description: l.description,
    Amount: round2(l.quantity * l.unitPrice),
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: l.itemRef, Qty: l.quantity, UnitPrice: l.unitPrice },
  }));
}
