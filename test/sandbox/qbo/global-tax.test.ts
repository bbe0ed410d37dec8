/**
 * Non-US companies (the global tax model): TaxCode and TaxRate are queryable and readable, every sales
 * line needs a tax code (6000 naming the country's tax), QuickBooks computes TxnTaxDetail from the codes'
 * rates (TaxExcluded by default, TaxInclusive, NotApplicable) and TotalAmt includes the tax.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesLine, startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;

interface Company {
  realmId: string;
  token: string;
  itemId: string;
  customerId: string;
}

async function company(country: string): Promise<Company> {
  const realmId = (await h.control('/companies', 'POST', { companyName: `Tax ${country}`, country })).json.realmId as string;
  await h.control(`/companies/${realmId}/limits`, 'PUT', { requestsPerSecond: 1_000_000 });
  const token = (await h.control('/tokens', 'POST', { clientId: h.clientId, realmId })).json.access_token as string;
  const itemId = (await h.api('/item', { realmId, token, body: { Name: 'Consulting', Type: 'Service', IncomeAccountRef: { value: '2' } } })).json.Item.Id as string;
  const customerId = (await h.api('/customer', { realmId, token, body: { DisplayName: 'Buyer' } })).json.Customer.Id as string;
  return { realmId, token, itemId, customerId };
}

const query = (c: Company, sql: string) => h.api(`/query?query=${encodeURIComponent(sql)}`, { realmId: c.realmId, token: c.token });
const createInvoice = (c: Company, body: Record<string, unknown>) => h.api('/invoice', { realmId: c.realmId, token: c.token, body: { CustomerRef: { value: c.customerId }, ...body } });

function taxedLine(itemId: string, qty: number, unitPrice: number, taxCodeId: string): Record<string, unknown> {
  const line = salesLine(itemId, qty, unitPrice);
  (line.SalesItemLineDetail as Record<string, unknown>).TaxCodeRef = { value: taxCodeId };
  return line;
}

async function codeNamed(c: Company, name: string): Promise<string> {
  const codes = (await query(c, 'select * from TaxCode')).json.QueryResponse.TaxCode as Array<{ Id: string; Name: string }>;
  const code = codes.find((x) => x.Name === name);
  if (!code) throw new Error(`no tax code ${name}`);
  return code.Id;
}

function fault(res: ApiResponse): { code: string; Message: string; Detail: string } {
  expect(res.status, res.text).toBe(400);
  return res.json.Fault.Error[0] as { code: string; Message: string; Detail: string };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

describe('non-US tax codes and rates', () => {
  it('a UK company has VAT codes whose SalesTaxRateList names its rates; both are queryable and readable, not writable', async () => {
    const gb = await company('GB');
    const codes = (await query(gb, 'select * from TaxCode')).json.QueryResponse.TaxCode as Array<Record<string, unknown>>;
    expect(codes.map((c) => c.Name)).toEqual(['20.0% S', '5.0% R', '0.0% Z', 'Exempt', 'No VAT']);
    const standard = codes[0] as { Id: string; Taxable: boolean; SalesTaxRateList: { TaxRateDetail: Array<{ TaxRateRef: { value: string } }> } };
    expect(standard.Taxable).toBe(true);
    const rateId = standard.SalesTaxRateList.TaxRateDetail[0]!.TaxRateRef.value;
    const rate = (await h.api(`/taxrate/${rateId}`, { realmId: gb.realmId, token: gb.token })).json.TaxRate;
    expect(rate).toMatchObject({ Name: '20.0% S', RateValue: 20, Active: true });
    expect((await query(gb, 'select * from TaxRate where RateValue = 0')).json.QueryResponse.TaxRate.map((r: { Name: string }) => r.Name)).toEqual(['0.0% Z', 'Exempt']);
    expect((await h.api(`/taxcode/${standard.Id}`, { realmId: gb.realmId, token: gb.token })).json.TaxCode.Name).toBe('20.0% S');
    // TaxCode is created through TaxService only, never as an entity write.
    expect(fault(await h.api('/taxcode', { realmId: gb.realmId, token: gb.token, body: { Name: 'Mine' } })).code).toBe('500');
  });

  it('a line without a tax code: 6000 naming the country’s tax (VAT in the UK, GST/HST in Canada, GST in Australia)', async () => {
    for (const [country, tax] of [['GB', 'VAT'], ['CA', 'GST/HST'], ['AU', 'GST']] as const) {
      const c = await company(country);
      const error = fault(await createInvoice(c, { Line: [salesLine(c.itemId, 1, 10)] }));
      expect(error.code).toBe('6000');
      expect(error.Detail).toBe(`Business Validation Error: Make sure all your transactions have a ${tax} rate before you save.`);
    }
  });

  it('TaxExcluded (the default): tax per rate on the net lines, one TaxLine per rate, TotalAmt includes it', async () => {
    const gb = await company('GB');
    const standard = await codeNamed(gb, '20.0% S');
    const zero = await codeNamed(gb, '0.0% Z');
    const outside = await codeNamed(gb, 'No VAT');
    const res = await createInvoice(gb, { Line: [taxedLine(gb.itemId, 2, 50, standard), taxedLine(gb.itemId, 1, 30, zero), taxedLine(gb.itemId, 1, 5, outside)] });
    expect(res.status, res.text).toBe(200);
    const invoice = res.json.Invoice;
    expect(invoice.GlobalTaxCalculation).toBe('TaxExcluded');
    expect(invoice.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: standard, name: '20.0% S' });
    expect(invoice.TxnTaxDetail.TotalTax).toBe(20);
    expect(invoice.TxnTaxDetail.TaxLine.map((l: { Amount: number; TaxLineDetail: { TaxPercent: number; NetAmountTaxable: number } }) => [l.Amount, l.TaxLineDetail.TaxPercent, l.TaxLineDetail.NetAmountTaxable])).toEqual([
      [20, 20, 100],
      [0, 0, 30],
    ]);
    expect(invoice.TotalAmt).toBe(155);
    expect(invoice.Balance).toBe(155);
  });

  it('Canada: HST 13 % on the taxable lines, a discount taken off before tax', async () => {
    const ca = await company('CA');
    const hst = await codeNamed(ca, 'HST ON');
    const res = await createInvoice(ca, { Line: [taxedLine(ca.itemId, 1, 100, hst), { DetailType: 'DiscountLineDetail', Amount: 10, DiscountLineDetail: { PercentBased: false } }] });
    expect(res.status, res.text).toBe(200);
    expect(res.json.Invoice.TxnTaxDetail.TotalTax).toBe(11.7);
    expect(res.json.Invoice.TotalAmt).toBe(101.7);
  });

  it('TaxInclusive: the tax is inside the line amounts and not added again; NotApplicable: none', async () => {
    const au = await company('AU');
    const gst = await codeNamed(au, 'GST');
    const inclusive = (await createInvoice(au, { GlobalTaxCalculation: 'TaxInclusive', Line: [taxedLine(au.itemId, 1, 110, gst)] })).json.Invoice;
    expect(inclusive.TxnTaxDetail.TotalTax).toBe(10);
    expect(inclusive.TxnTaxDetail.TaxLine[0].TaxLineDetail.NetAmountTaxable).toBe(100);
    expect(inclusive.TotalAmt).toBe(110);
    const none = (await createInvoice(au, { GlobalTaxCalculation: 'NotApplicable', Line: [taxedLine(au.itemId, 1, 110, gst)] })).json.Invoice;
    expect(none.TxnTaxDetail.TotalTax).toBe(0);
    expect(none.TotalAmt).toBe(110);
  });

  it('an item’s SalesTaxCodeRef must be one of the company’s codes; an unknown code on a line is 2500', async () => {
    const gb = await company('GB');
    const reduced = await codeNamed(gb, '5.0% R');
    const item = await h.api('/item', { realmId: gb.realmId, token: gb.token, body: { Name: 'Child seat', Type: 'Service', IncomeAccountRef: { value: '1' }, SalesTaxCodeRef: { value: reduced } } });
    expect(item.json.Item.SalesTaxCodeRef.value).toBe(reduced);
    expect(fault(await h.api('/item', { realmId: gb.realmId, token: gb.token, body: { Name: 'Bad', Type: 'Service', IncomeAccountRef: { value: '1' }, SalesTaxCodeRef: { value: '999' } } })).code).toBe('2500');
    expect(fault(await createInvoice(gb, { Line: [taxedLine(gb.itemId, 1, 10, '999')] })).code).toBe('2500');
  });

  it('the seeder books a UK company’s invoices with VAT (its goodwill credit memos outside VAT)', async () => {
    const gb = await company('GB');
    const seeded = await h.control(`/companies/${gb.realmId}/seed`, 'POST', { seed: 7, customers: 6, items: 6, invoices: 8, payments: 4, shapes: true });
    expect(seeded.status, seeded.text).toBe(200);
    const invoices = (await query(gb, 'select * from Invoice')).json.QueryResponse.Invoice as Array<{ TotalAmt: number; TxnTaxDetail: { TotalTax: number } }>;
    expect(invoices).toHaveLength(8);
    expect(invoices.every((i) => i.TxnTaxDetail.TotalTax > 0 && i.TotalAmt > i.TxnTaxDetail.TotalTax)).toBe(true);
    const memos = (await query(gb, 'select * from CreditMemo')).json.QueryResponse.CreditMemo as Array<{ TxnTaxDetail: { TotalTax: number } }>;
    expect(memos.length).toBeGreaterThan(0);
    expect(memos.every((m) => m.TxnTaxDetail.TotalTax === 0)).toBe(true);
  });
});
