/** Invoice line mappers: QuickBooks discount and credit lines become HubSpot line-item discounts (never a negative price), and back. */
import { describe, expect, it } from 'vitest';
import {
  comparableLines,
  discountOfLines,
  lineItemDiscountProperties,
  linesOfLineItems,
  linesOfQboInvoice,
  qboSalesLines,
  spreadDiscount,
} from '../../../backend/src/sync/objects/invoices/invoice-lines.ts';

const sale = (item: string, qty: number, price: number, description = item) => ({
  Description: description,
  Amount: Math.round(qty * price * 100) / 100,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: item, name: item }, Qty: qty, UnitPrice: price },
});
const invoice = (...Line: unknown[]) => ({ Id: '1', SyncToken: '0', Line });
const billed = (lines: ReturnType<typeof linesOfQboInvoice>) => Math.round(lines.reduce((s, l) => s + l.quantity * l.unitPrice - (l.discount ?? 0), 0) * 100) / 100;

describe('spreadDiscount', () => {
  it('spreads in proportion to the amounts, to the cent, summing exactly', () => {
    expect(spreadDiscount([100, 50, 50], 10)).toEqual([5, 2.5, 2.5]);
    const odd = spreadDiscount([33.33, 33.33, 33.34], 10);
    expect(Math.round(odd.reduce((a, b) => a + b, 0) * 100)).toBe(1000);
  });
  it('never takes more than a line bills', () => {
    expect(spreadDiscount([10, 5], 40)).toEqual([10, 5]);
    expect(spreadDiscount([10], 0)).toEqual([0]);
  });
});

describe('linesOfQboInvoice with discounts and credits', () => {
  it('a DiscountLineDetail (its computed Amount) is spread over the sales lines; the subtotal line is ignored', () => {
    const lines = linesOfQboInvoice(
      invoice(sale('1', 2, 50), sale('2', 1, 100), { Amount: 20, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }, { Amount: 200, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }),
    );
    expect(lines.map((l) => [l.quantity, l.unitPrice, l.discount])).toEqual([[2, 50, 10], [1, 100, 10]]);
    expect(billed(lines)).toBe(180);
    expect(lines.every((l) => l.unitPrice >= 0)).toBe(true);
  });

  it('a credit line (negative amount) is not a line with a negative price: it is taken off the others', () => {
    const lines = linesOfQboInvoice(invoice(sale('1', 4, 25), sale('3', 1, -30, 'Goodwill credit')));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ quantity: 4, unitPrice: 25, discount: 30 });
    expect(billed(lines)).toBe(70);
  });

  it('no discount: lines as before, and the compared form unchanged', () => {
    const lines = linesOfQboInvoice(invoice(sale('1', 1, 10)));
    expect(lines[0]).not.toHaveProperty('discount');
    expect(comparableLines(lines)).toBe(JSON.stringify([['1', 1, 10]]));
  });
});

describe('HubSpot line items', () => {
  it('a spread discount becomes a unit discount whose amount bills exactly the QuickBooks line', () => {
    const props = lineItemDiscountProperties({ description: 'x', quantity: 3, unitPrice: 10, discount: 10 });
    const unit = Number(props.discount);
    expect(Math.round(3 * (10 - unit) * 100) / 100).toBe(20);
    expect(lineItemDiscountProperties({ description: 'x', quantity: 1, unitPrice: 10 })).toEqual({});
  });

  it('reads unit discounts and discount percentages as money off; compares by total discount, however spread', () => {
    const items = [
      { id: '1', properties: { name: 'A', quantity: '2', price: '50', discount: '5', hs_position_on_quote: '0' } },
      { id: '2', properties: { name: 'B', quantity: '1', price: '100', hs_discount_percentage: '10', hs_position_on_quote: '1' } },
    ];
    const lines = linesOfLineItems(items as never);
    expect(lines.map((l) => l.discount)).toEqual([10, 10]);
    expect(discountOfLines(lines)).toBe(20);
    const fromQbo = linesOfQboInvoice(invoice(sale('1', 2, 50, 'A'), sale('2', 1, 100, 'B'), { Amount: 20, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } }));
    expect(comparableLines(fromQbo)).toBe(comparableLines(lines));
  });

  it('to QuickBooks: line-item discounts become one DiscountLineDetail line, sales lines keep their prices', () => {
    const body = qboSalesLines([
      { description: 'A', quantity: 2, unitPrice: 50, discount: 10, itemRef: { value: '1' } },
      { description: 'B', quantity: 1, unitPrice: 100, itemRef: { value: '2' } },
    ]);
    expect(body).toHaveLength(3);
    expect(body[0]).toMatchObject({ Amount: 100, SalesItemLineDetail: { Qty: 2, UnitPrice: 50, TaxCodeRef: { value: 'NON' } } });
    expect(qboSalesLines([{ description: 'A', quantity: 1, unitPrice: 5, itemRef: { value: '1' } }], 'TAX')[0]).toMatchObject({ SalesItemLineDetail: { TaxCodeRef: { value: 'TAX' } } });
    expect(body[2]).toEqual({ Amount: 10, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } });
  });

  it('non-US (rates of each code given): each TaxLine goes to the lines whose code charges its rate, to the cent; a zero-rated line carries none', () => {
    const coded = (item: string, qty: number, price: number, code: string) => ({ ...sale(item, qty, price), SalesItemLineDetail: { ...sale(item, qty, price).SalesItemLineDetail, TaxCodeRef: { value: code } } });
    const taxLine = (rate: string, amount: number) => ({ Amount: amount, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: rate }, PercentBased: true } });
    const rates = new Map([['S', ['r20']], ['Z', ['r0']], ['GSTQST', ['gst', 'qst']]]);
    const gb = { ...invoice(coded('Book', 1, 30, 'Z'), coded('Pot', 1, 50, 'S'), coded('Mug', 1, 25, 'S')), TxnTaxDetail: { TotalTax: 15, TaxLine: [taxLine('r20', 15), taxLine('r0', 0)] } };
    expect(linesOfQboInvoice(gb, rates).map((l) => l.tax ?? 0)).toEqual([0, 10, 5]);
    // Without the rates (a US invoice), TotalTax is spread over every line not marked NON.
    expect(linesOfQboInvoice(gb).map((l) => l.tax ?? 0)).toEqual([4.28, 7.15, 3.57]); // the odd cent to the largest line
    // Two rates on one code (Quebec GST + QST) add up on its lines.
    const qc = { ...invoice(coded('Work', 1, 100, 'GSTQST')), TxnTaxDetail: { TotalTax: 14.98, TaxLine: [taxLine('gst', 5), taxLine('qst', 9.98)] } };
    expect(linesOfQboInvoice(qc, rates)[0]!.tax).toBe(14.98);
  });
});
