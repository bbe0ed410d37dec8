/**
 * Invoice lines as both sides hold them, and the one form they are compared in. QuickBooks lines name
 * an item and carry quantity and rate; HubSpot line items carry a name, quantity, price and SKU. The
 * compared form is the sorted list of (description, quantity, unit price) plus the total discount: what
 * a customer is billed, independent of which item or product a line points to.
 *
 * Discounts: HubSpot refuses a negative line-item price (its line items guide) and has a unit discount
 * (`discount`) and `hs_discount_percentage` per line item instead. So QuickBooks discount lines
 * (DiscountLineDetail, their computed Amount) and credit lines (sales lines with a negative amount) are
 * spread over the invoice's other sales lines, in proportion to their amounts, to the cent: totals stay
 * equal. Back to QuickBooks, line-item discounts become one DiscountLineDetail line.
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
  /** Tax on this line: HubSpot line items, tax HubSpot computed (R23); QuickBooks lines, their share of TotalTax. */
  tax?: number | null;
  /** Money taken off this line (quantity × unit price − discount is what it bills); 0 or absent: none. */
  discount?: number;
  /** HubSpot line items: their id (QuickBooks' tax is written back to them, R22). */
  lineItemId?: string;
}

/** Non-US companies: the TaxRate ids each TaxCode charges on sales (TaxCode.SalesTaxRateList). */
export type TaxRatesOfCode = ReadonlyMap<string, readonly string[]>;

const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

interface QboLine {
  Description?: string;
  Amount?: number;
  DetailType?: string;
  SalesItemLineDetail?: { ItemRef?: { value?: string; name?: string }; Qty?: number; UnitPrice?: number; TaxCodeRef?: { value?: string } };
}

/** Spreads `total` over lines in proportion to their gross amounts, in cents; never more than a line bills. */
export function spreadDiscount(grossAmounts: readonly number[], total: number): number[] {
  const cents = grossAmounts.map((a) => Math.max(0, Math.round(a * 100)));
  const sum = cents.reduce((a, b) => a + b, 0);
  const left = Math.min(Math.round(total * 100), sum);
  if (left <= 0 || sum === 0) return grossAmounts.map(() => 0);
  const shares = cents.map((c) => Math.floor((left * c) / sum));
  let rest = left - shares.reduce((a, b) => a + b, 0);
  // The odd cents go to the largest lines first, never past what a line bills.
  for (const i of cents.map((_, i) => i).sort((a, b) => (cents[b] as number) - (cents[a] as number))) {
    if (rest === 0) break;
    if ((shares[i] as number) < (cents[i] as number)) {
      shares[i] = (shares[i] as number) + 1;
      rest--;
    }
  }
  return shares.map((c) => c / 100);
}

interface QboTaxLine {
  Amount?: number;
  TaxLineDetail?: { TaxRateRef?: { value?: string } };
}

/**
 * Each line's share of the tax: US (automated sales tax, one rate), TotalTax over the lines not marked
 * `NON`; non-US (`ratesOfCode` given), each TaxLine's amount over the lines whose tax code charges its
 * rate, so a zero-rated line carries none. In proportion to what the lines bill, to the cent.
 */
function taxesOfLines(invoice: QboRecord, lines: ReadonlyArray<{ net: number; taxCode: string | null }>, ratesOfCode?: TaxRatesOfCode): number[] {
  const detail = invoice.TxnTaxDetail as { TotalTax?: unknown; TaxLine?: QboTaxLine[] } | undefined;
  if (!ratesOfCode) return spreadDiscount(lines.map((l) => (l.taxCode === 'NON' ? 0 : l.net)), num(detail?.TotalTax) ?? 0);
  const taxes = lines.map(() => 0);
  for (const taxLine of detail?.TaxLine ?? []) {
    const rate = taxLine.TaxLineDetail?.TaxRateRef?.value;
    const charged = lines.map((l) => (rate && l.taxCode && ratesOfCode.get(l.taxCode)?.includes(rate) ? l.net : 0));
    spreadDiscount(charged, num(taxLine.Amount) ?? 0).forEach((t, i) => (taxes[i] = round2((taxes[i] ?? 0) + t)));
  }
  return taxes;
}

/**
 * The sales lines of a QuickBooks invoice (QuickBooks' own subtotal lines are not lines of the bill),
 * with its discount lines and credit (negative) lines spread over them as discounts, and its tax over the
 * lines it was charged on (`ratesOfCode` for non-US companies, see taxesOfLines).
 */
export function linesOfQboInvoice(invoice: QboRecord, ratesOfCode?: TaxRatesOfCode): InvoiceLine[] {
  const lines = (Array.isArray(invoice.Line) ? invoice.Line : []) as QboLine[];
  const sales = lines
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
        amount: round2(num(l.Amount) ?? quantity * unitPrice),
        taxCode: detail.TaxCodeRef?.value ?? null,
      };
    });
  const credits = sales.filter((l) => l.amount < 0).reduce((sum, l) => sum - l.amount, 0);
  const discounts = lines.filter((l) => l.DetailType === 'DiscountLineDetail').reduce((sum, l) => sum + (num(l.Amount) ?? 0), 0);
  const billed = sales.filter((l) => l.amount >= 0);
  const spread = spreadDiscount(billed.map((l) => l.amount), round2(credits + discounts));
  // QuickBooks' tax goes with the lines it was charged on, so HubSpot's total matches.
  const taxes = taxesOfLines(invoice, billed.map((l, i) => ({ net: round2(l.amount - (spread[i] ?? 0)), taxCode: l.taxCode })), ratesOfCode);
  return billed.map(({ amount: _amount, taxCode: _taxCode, ...line }, i) => ({
    ...line,
    ...((spread[i] ?? 0) > 0 ? { discount: spread[i] } : {}),
    ...((taxes[i] ?? 0) > 0 ? { tax: taxes[i] } : {}),
  }));
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
        lineItemId: item.id,
        ...discountOfLineItem(p),
      };
    });
}

/** HubSpot's per-line discount in money: the discount percentage of quantity × price, else unit discount × quantity. */
function discountOfLineItem(p: Record<string, string | null>): { discount?: number } {
  const quantity = num(p.quantity) ?? 1;
  const price = num(p.price) ?? 0;
  const percentage = num(p.hs_discount_percentage) ?? 0;
  const discount = percentage > 0 ? round2((quantity * price * percentage) / 100) : round2(quantity * (num(p.discount) ?? 0));
  return discount > 0 ? { discount } : {};
}

/** Total discount of the lines. */
export function discountOfLines(lines: readonly InvoiceLine[]): number {
  return round2(lines.reduce((sum, l) => sum + (l.discount ?? 0), 0));
}

/**
 * The compared form: one string, equal on both sides when the bill is the same. The discount is
 * compared as a total (how it is spread over lines differs between the two apps); without discounts
 * the form is the plain rows, as before discounts were synced.
 */
export function comparableLines(lines: readonly InvoiceLine[]): string {
  const rows = lines.map((l) => [l.description, l.quantity, l.unitPrice] as const);
  rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
  const discount = discountOfLines(lines);
  return discount > 0 ? JSON.stringify({ rows, discount }) : JSON.stringify(rows);
}

/** Tax HubSpot computed on the lines, or null when it computed none (R23: tax is never invented). */
export function taxOfLines(lines: readonly InvoiceLine[]): number | null {
  const taxed = lines.filter((l) => typeof l.tax === 'number');
  return taxed.length === 0 ? null : round2(taxed.reduce((sum, l) => sum + (l.tax ?? 0), 0));
}

/**
 * QuickBooks sales lines for `lines`, each pointing to its resolved item. `taxCode` says what automated
 * sales tax must do with them (US companies compute tax unless told otherwise): `TAX` when HubSpot's tax
 * goes with the invoice (as its TotalTax), `NON` when HubSpot's total has none, so QuickBooks adds none.
 * Non-US companies: each line carries its own code (`taxCode` of the line: its product's, else the
 * sync's default), and QuickBooks computes the tax from it.
 */
export function qboSalesLines(lines: ReadonlyArray<InvoiceLine & { itemRef: { value: string; name?: string }; taxCode?: string }>, taxCode: string = 'NON'): Array<Record<string, unknown>> {
  const sales: Array<Record<string, unknown>> = lines.map((l, index) => ({
    LineNum: index + 1,
    Description: l.description,
    Amount: round2(l.quantity * l.unitPrice),
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: l.itemRef, Qty: l.quantity, UnitPrice: l.unitPrice, TaxCodeRef: { value: l.taxCode ?? taxCode } },
  }));
  // HubSpot's line-item discounts, as the one discount line QuickBooks takes off the subtotal.
  const discount = discountOfLines(lines);
  return discount > 0 ? [...sales, { Amount: discount, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } }] : sales;
}

/** HubSpot line-item properties for a line's discount: a unit discount (HubSpot refuses negative prices). */
export function lineItemDiscountProperties(line: InvoiceLine): Record<string, string> {
  if (!line.discount || line.discount <= 0 || line.quantity === 0) return {};
  return { discount: String(line.discount / line.quantity) };
}
