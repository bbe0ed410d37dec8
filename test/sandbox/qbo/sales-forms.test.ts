/** Terms, classes, departments on invoices; estimates linked from invoices; credit memos applied through payments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesLine, startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;
let itemId: string;
let customerId: string;

async function create(entity: string, body: Record<string, unknown>): Promise<ApiResponse['json']> {
  const res = await h.api(`/${entity.toLowerCase()}?minorversion=75`, { body });
  expect(res.status, res.text).toBe(200);
  return res.json[entity];
}
const fault = (res: ApiResponse) => (expect(res.status).toBe(400), String(res.json.Fault.Error[0].code));

beforeAll(async () => {
  h = await startHarness();
  itemId = (await create('Item', { Name: 'Labour', Type: 'Service', IncomeAccountRef: { value: '2' } })).Id;
  customerId = (await create('Customer', { DisplayName: 'Forms Buyer', Taxable: false })).Id;
});
afterAll(() => h.sandbox.close());

describe('terms, classes and departments', () => {
  it('are name lists with unique names, queryable; invoices carry SalesTermRef (DueDate from it), ClassRef and DepartmentRef', async () => {
    const net30 = await create('Term', { Name: 'Net 30', DueDays: 30 });
    expect(net30).toMatchObject({ Type: 'STANDARD', DueDays: 30, Active: true });
    expect(fault(await h.api('/term', { body: { Name: 'net 30', DueDays: 10 } }))).toBe('6240');
    const region = await create('Class', { Name: 'Retail' });
    const sub = await create('Class', { Name: 'Online', ParentRef: { value: region.Id } });
    expect(sub).toMatchObject({ SubClass: true, FullyQualifiedName: 'Retail:Online' });
    const dept = await create('Department', { Name: 'West' });
    expect((await h.query("select * from Term where Name = 'Net 30'")).json.QueryResponse.Term).toHaveLength(1);
    expect((await h.query('select * from Class')).json.QueryResponse.Class).toHaveLength(2);
    const invoice = await create('Invoice', {
      CustomerRef: { value: customerId },
      TxnDate: '2026-11-01',
      SalesTermRef: { value: net30.Id },
      ClassRef: { value: sub.Id },
      DepartmentRef: { value: dept.Id },
      Line: [{ ...salesLine(itemId, 1, 100), SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: 100, ClassRef: { value: region.Id } } }],
    });
    expect(invoice).toMatchObject({ DueDate: '2026-12-01', SalesTermRef: { value: net30.Id, name: 'Net 30' }, ClassRef: { value: sub.Id }, DepartmentRef: { value: dept.Id, name: 'West' } });
    expect(invoice.Line[0].SalesItemLineDetail.ClassRef).toEqual({ value: region.Id, name: 'Retail' });
    expect(fault(await h.api('/invoice', { body: { CustomerRef: { value: customerId }, ClassRef: { value: '999' }, Line: [salesLine(itemId, 1, 1)] } }))).toBe('2500');
    await create('Department', { Id: dept.Id, SyncToken: dept.SyncToken, sparse: true, Active: false });
    expect(fault(await h.api('/invoice', { body: { CustomerRef: { value: customerId }, DepartmentRef: { value: dept.Id }, Line: [salesLine(itemId, 1, 1)] } }))).toBe('610');
    expect(fault(await h.api('/term?operation=delete', { body: { Id: net30.Id, SyncToken: net30.SyncToken } }))).toBe('500');
  });
});

describe('estimates', () => {
  it('an invoice created from an estimate links it both ways and closes it; a closed estimate cannot be invoiced again', async () => {
    const estimate = await create('Estimate', { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 2, 40)], ExpirationDate: '2026-12-31' });
    expect(estimate).toMatchObject({ TxnStatus: 'Pending', TotalAmt: 80, LinkedTxn: [] });
    const invoice = await create('Invoice', { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 2, 40)], LinkedTxn: [{ TxnId: estimate.Id, TxnType: 'Estimate' }] });
    expect(invoice.LinkedTxn).toEqual([{ TxnId: estimate.Id, TxnType: 'Estimate' }]);
    const closed = (await h.api(`/estimate/${estimate.Id}`)).json.Estimate;
    expect(closed).toMatchObject({ TxnStatus: 'Closed', LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] });
    expect(fault(await h.api('/invoice', { body: { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 1, 1)], LinkedTxn: [{ TxnId: estimate.Id, TxnType: 'Estimate' }] } }))).toBe('6000');
    expect((await h.query("select * from Estimate where TxnStatus = 'Closed'")).json.QueryResponse.Estimate).toHaveLength(1);
  });
});

describe('credit memos', () => {
  it('a payment applies a credit memo to an invoice: invoice paid, credit used up, money received = invoice − credit', async () => {
    const invoice = await create('Invoice', { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 1, 100)] });
    const memo = await create('CreditMemo', { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 1, 30)] });
    expect(memo).toMatchObject({ TotalAmt: 30, RemainingCredit: 30, Balance: 30 });
    const payment = await create('Payment', {
      CustomerRef: { value: customerId },
      TotalAmt: 70,
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(payment).toMatchObject({ TotalAmt: 70, UnappliedAmt: 0 });
    expect((await h.api(`/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(0);
    expect((await h.api(`/creditmemo/${memo.Id}`)).json.CreditMemo).toMatchObject({ RemainingCredit: 0, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] });
    // More credit than it has left, or a memo still applied being deleted, is refused.
    const other = await create('Invoice', { CustomerRef: { value: customerId }, Line: [salesLine(itemId, 1, 50)] });
    expect(fault(await h.api('/payment', { body: { CustomerRef: { value: customerId }, TotalAmt: 20, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: other.Id, TxnType: 'Invoice' }] }, { Amount: 30, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] }] } }))).toBe('6000');
    const current = (await h.api(`/creditmemo/${memo.Id}`)).json.CreditMemo;
    expect(fault(await h.api('/creditmemo?operation=delete', { body: { Id: memo.Id, SyncToken: current.SyncToken } }))).toBe('6000');
    // Deleting the payment gives the credit back.
    const paid = (await h.api(`/payment/${payment.Id}`)).json.Payment;
    await h.api('/payment?operation=delete', { body: { Id: paid.Id, SyncToken: paid.SyncToken } });
    expect((await h.api(`/creditmemo/${memo.Id}`)).json.CreditMemo.RemainingCredit).toBe(30);
    expect((await h.api(`/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(100);
  });
});
