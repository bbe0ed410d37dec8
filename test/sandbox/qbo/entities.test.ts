/** The entity rules a sync can trip on: SyncToken, uniqueness, references, amounts, delete/void. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesLine, startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;
let itemId: string;

async function create(entity: string, body: Record<string, unknown>, query = ''): Promise<ApiResponse['json']> {
  const res = await h.api(`/${entity.toLowerCase()}?minorversion=75${query}`, { body });
  expect(res.status, res.text).toBe(200);
  return res.json[entity];
}

function faultCode(res: ApiResponse): string {
  expect(res.status).toBe(400);
  expect(res.json.Fault.type).toBe('ValidationFault');
  return String(res.json.Fault.Error[0].code);
}

beforeAll(async () => {
  h = await startHarness({ preferences: { customFields: ['Crew #', 'PO'] } });
  itemId = (await create('Item', { Name: 'Consulting hour', Sku: 'CONS-1', Type: 'Service', UnitPrice: 100, IncomeAccountRef: { value: '2' } })).Id;
});
afterAll(() => h.sandbox.close());

describe('customers', () => {
  it('puts intuit_tid on every response, success or not', async () => {
    expect((await h.api('/customer/9999')).headers.get('intuit_tid')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.api('/preferences')).headers.get('intuit_tid')).toBeTruthy();
    expect((await h.api('/preferences', { token: 'bad' })).headers.get('intuit_tid')).toBeTruthy();
  });

  it('stale SyncToken → 5010 Stale Object Error', async () => {
    const c = await create('Customer', { DisplayName: 'Stale Co' });
    const first = await h.api('/customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: 'a' } });
    expect(first.json.Customer.SyncToken).toBe('1');
    const stale = await h.api('/customer', { body: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'b' } });
    expect(faultCode(stale)).toBe('5010');
    expect(stale.json.Fault.Error[0].Message).toBe('Stale Object Error');
  });

  it('sparse update keeps other fields, full update clears omitted writable fields', async () => {
    const c = await create('Customer', { DisplayName: 'Sparse Ltd', CompanyName: 'Sparse Ltd', PrimaryEmailAddr: { Address: 's@example.com' } });
    const sparse = (await h.api('/customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: 'hi' } })).json.Customer;
    expect(sparse.PrimaryEmailAddr).toEqual({ Address: 's@example.com' });
    expect(sparse.MetaData.CreateTime).toBe(c.MetaData.CreateTime);
    const full = (await h.api('/customer', { body: { Id: c.Id, SyncToken: sparse.SyncToken, DisplayName: 'Sparse Ltd' } })).json.Customer;
    expect(full.PrimaryEmailAddr).toBeUndefined();
    expect(full.Notes).toBeUndefined();
  });

  it('duplicate DisplayName → 6240, case-insensitively, inactive customers included', async () => {
    const c = await create('Customer', { DisplayName: 'Dup Name Inc' });
    expect(faultCode(await h.api('/customer', { body: { DisplayName: 'dup name inc' } }))).toBe('6240');
    await h.api('/customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false } });
    expect(faultCode(await h.api('/customer', { body: { DisplayName: 'Dup Name Inc' } }))).toBe('6240');
    // Renaming another customer onto the name is caught too.
    const other = await create('Customer', { DisplayName: 'Other Name' });
    expect(faultCode(await h.api('/customer', { body: { Id: other.Id, SyncToken: other.SyncToken, sparse: true, DisplayName: 'DUP NAME INC' } }))).toBe('6240');
  });

  it('generates DisplayName from name parts and rejects a customer without any name', async () => {
    const c = await create('Customer', { GivenName: 'Ada', FamilyName: 'Lovelace' });
    expect(c.DisplayName).toBe('Ada Lovelace');
    expect(faultCode(await h.api('/customer', { body: { CompanyName: 'No Person' } }))).toBe('2020');
  });

  it('customers cannot be deleted (400); Active=false hides them from default queries', async () => {
    const c = await create('Customer', { DisplayName: 'Going Away' });
    const del = await h.api('/customer?operation=delete', { body: { Id: c.Id, SyncToken: c.SyncToken } });
    expect(del.status).toBe(400);
    expect(del.json.Fault).toBeDefined();
    await h.api('/customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false } });
    expect((await h.query("select * from Customer where DisplayName = 'Going Away'")).json.QueryResponse).toEqual({});
    const all = await h.query("select * from Customer where DisplayName = 'Going Away' and Active IN (true, false)");
    expect(all.json.QueryResponse.Customer[0].Active).toBe(false);
  });

  it('unknown properties and wrong types are 400 Faults, malformed JSON too — never a 500', async () => {
    expect(faultCode(await h.api('/customer', { body: { DisplayName: 'X1', Nickname: 'x' } }))).toBe('2010');
    expect(faultCode(await h.api('/customer', { body: { DisplayName: 12 } }))).toBe('2010');
    expect(faultCode(await h.api('/customer', { body: '{"DisplayName": ' }))).toBe('2010');
    expect(faultCode(await h.api('/customer', { body: '[1,2]' }))).toBe('2010');
    expect(faultCode(await h.api('/customer/424242'))).toBe('610');
  });

  it('requestid replays the original response instead of creating twice', async () => {
    const body = { DisplayName: 'Idempotent LLC' };
    const first = await h.api('/customer?requestid=req-0001', { body });
    const again = await h.api('/customer?requestid=req-0001', { body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const count = await h.query("select count(*) from Customer where DisplayName = 'Idempotent LLC'");
    expect(count.json.QueryResponse.totalCount).toBe(1);
    expect(faultCode(await h.api('/customer?requestid=req-0002', { body }))).toBe('6240');
    expect(faultCode(await h.api(`/customer?requestid=${'x'.repeat(51)}`, { body: { DisplayName: 'Too long id' } }))).toBe('6000');
  });

  it('requestid replays only within 5 minutes of the emulator clock; after that the id is a new request', async () => {
    const first = await h.api('/customer?requestid=window-1', { body: { DisplayName: 'Window one' } });
    expect(first.status).toBe(200);
    await h.control('/clock', 'POST', { advanceMs: 4 * 60_000 + 59_000 });
    const replay = await h.api('/customer?requestid=window-1', { body: { DisplayName: 'Window one' } });
    expect(replay.json.Customer).toEqual(first.json.Customer);
    await h.control('/clock', 'POST', { advanceMs: 1_000 });
    // Past the window the same id runs again: here it trips the uniqueness rule instead of replaying.
    expect(faultCode(await h.api('/customer?requestid=window-1', { body: { DisplayName: 'Window one' } }))).toBe('6240');
    const late = await h.api('/customer?requestid=window-1', { body: { DisplayName: 'Window two' } });
    expect(late.status).toBe(400);
  });

  it('the replay window is configurable per company', async () => {
    const other = await startHarness({ requestIdWindowMs: 1_000 });
    try {
      const first = await other.api('/customer?requestid=short', { body: { DisplayName: 'Short window' } });
      await other.control('/clock', 'POST', { advanceMs: 1_000 });
      const again = await other.api('/customer?requestid=short', { body: { DisplayName: 'Short window 2' } });
      expect(again.status, again.text).toBe(200);
      expect(again.json.Customer.Id).not.toBe(first.json.Customer.Id);
    } finally {
      await other.sandbox.close();
    }
  });
});

describe('vendors and employees', () => {
  it('create, read, query and update vendors and employees (name lists: never deleted)', async () => {
    const vendor = await create('Vendor', { DisplayName: 'Paper Supplies Ltd', CompanyName: 'Paper Supplies Ltd', PrimaryEmailAddr: { Address: 'ap@paper.test' } });
    expect(vendor).toMatchObject({ DisplayName: 'Paper Supplies Ltd', Active: true, Balance: 0, SyncToken: '0', CurrencyRef: { value: 'USD' } });
    const employee = await create('Employee', { GivenName: 'Emma', FamilyName: 'Stone', EmployeeNumber: 'E-7' });
    expect(employee).toMatchObject({ DisplayName: 'Emma Stone', EmployeeNumber: 'E-7', Active: true });
    expect((await h.api(`/vendor/${vendor.Id}`)).json.Vendor.DisplayName).toBe('Paper Supplies Ltd');
    expect((await h.api(`/employee/${employee.Id}`)).json.Employee.GivenName).toBe('Emma');
    const q = await h.query("select * from Vendor where DisplayName = 'paper supplies ltd'");
    expect(q.json.QueryResponse.Vendor.map((v: { Id: string }) => v.Id)).toEqual([vendor.Id]);
    expect((await h.query("select * from Employee where FamilyName = 'Stone'")).json.QueryResponse.Employee).toHaveLength(1);
    const updated = await create('Vendor', { Id: vendor.Id, SyncToken: vendor.SyncToken, sparse: true, AcctNum: 'ACC-1' });
    expect(updated).toMatchObject({ SyncToken: '1', AcctNum: 'ACC-1', DisplayName: 'Paper Supplies Ltd' });
    expect(faultCode(await h.api('/vendor?operation=delete', { body: { Id: vendor.Id, SyncToken: '1' } }))).toBe('500');
  });

  it('DisplayName is one namespace across Customer, Vendor and Employee (6240, case-insensitive, inactive included)', async () => {
    const detail = 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.';
    await create('Customer', { DisplayName: 'Shared Name Co' });
    const asVendor = await h.api('/vendor', { body: { DisplayName: 'shared name co' } });
    expect(faultCode(asVendor)).toBe('6240');
    expect(asVendor.json.Fault.Error[0]).toMatchObject({ Message: 'Duplicate Name Exists Error', Detail: detail });
    const vendor = await create('Vendor', { DisplayName: 'Vendor Held Name' });
    expect(faultCode(await h.api('/customer', { body: { DisplayName: 'Vendor Held Name' } }))).toBe('6240');
    expect(faultCode(await h.api('/employee', { body: { DisplayName: 'VENDOR HELD NAME' } }))).toBe('6240');
    const employee = await create('Employee', { GivenName: 'Inactive', FamilyName: 'Worker' });
    await create('Employee', { Id: employee.Id, SyncToken: employee.SyncToken, sparse: true, Active: false });
    const customer = await h.api('/customer', { body: { DisplayName: 'Inactive Worker' } });
    expect(customer.json.Fault.Error[0].Detail).toBe(detail);
    // A record keeps its own name on update; renaming frees the old name.
    expect((await create('Vendor', { Id: vendor.Id, SyncToken: vendor.SyncToken, sparse: true, DisplayName: 'Vendor Held Name' })).SyncToken).toBe('1');
    await create('Vendor', { Id: vendor.Id, SyncToken: '1', sparse: true, DisplayName: 'Vendor Renamed' });
    expect((await create('Customer', { DisplayName: 'Vendor Held Name' })).DisplayName).toBe('Vendor Held Name');
  });
});

describe('items', () => {
  it('Name is unique (6240), IncomeAccountRef is required, inactive items cannot be sold', async () => {
    expect(faultCode(await h.api('/item', { body: { Name: 'consulting HOUR', Type: 'Service', IncomeAccountRef: { value: '2' } } }))).toBe('6240');
    expect(faultCode(await h.api('/item', { body: { Name: 'No account', Type: 'Service' } }))).toBe('2020');
    const item = await create('Item', { Name: 'Retired', Sku: 'RET-1', Type: 'Service', IncomeAccountRef: { value: '2' } });
    await h.api('/item', { body: { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: false } });
    const customer = await create('Customer', { DisplayName: 'Buyer of retired' });
    const res = await h.api('/invoice', { body: { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id, 1, 0)] } });
    expect(faultCode(res)).toBe('610');
  });
});

describe('invoices and payments', () => {
  it('computes TotalAmt/Balance from lines, adds a subtotal line, auto-numbers, carries custom fields', async () => {
    const customer = await create('Customer', { DisplayName: 'Invoice Buyer', Taxable: false }); // tax-exempt: amounts are the lines'
    const inv = await create('Invoice', {
      CustomerRef: { value: customer.Id },
      Line: [salesLine(itemId, 2, 100), salesLine(itemId, 1.5, 100)],
      CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'Crew 7' }],
    });
    expect(inv.TotalAmt).toBe(350);
    expect(inv.Balance).toBe(350);
    expect(inv.DocNumber).toMatch(/^\d+$/);
    expect(inv.Line.at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 350 });
    expect(inv.CustomField).toEqual([
      { DefinitionId: '1', Name: 'Crew #', Type: 'StringType', StringValue: 'Crew 7' },
      { DefinitionId: '2', Name: 'PO', Type: 'StringType' },
    ]);
    expect(inv.CustomerRef).toEqual({ value: customer.Id, name: 'Invoice Buyer' });
    const bad = await h.api('/invoice', { body: { CustomerRef: { value: customer.Id }, Line: [{ ...salesLine(itemId, 2, 100), Amount: 150 }] } });
    expect(faultCode(bad)).toBe('6070');
    expect(faultCode(await h.api('/invoice', { body: { CustomerRef: { value: '99999' }, Line: [salesLine(itemId, 1, 100)] } }))).toBe('2500');
  });

  it('automated sales tax (US, on by default): computed on taxable lines unless the request says otherwise', async () => {
    expect((await h.api('/preferences')).json.Preferences.TaxPrefs).toMatchObject({ UsingSalesTax: true, PartnerTaxEnabled: true });
    const customer = await create('Customer', { DisplayName: 'Tax Buyer' });
    expect(customer.Taxable).toBe(true);
    const computed = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100), salesLine(itemId, 2, 50)] });
    expect(computed).toMatchObject({ TotalAmt: 216.5, Balance: 216.5, TxnTaxDetail: { TotalTax: 16.5, TaxLine: [{ Amount: 16.5, DetailType: 'TaxLineDetail', TaxLineDetail: { PercentBased: true, TaxPercent: 8.25, NetAmountTaxable: 200 } }] } });
    expect(computed.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: 'TAX' });
    // Says otherwise: NON lines, an override, a tax-exempt customer.
    const nonTaxable = { ...salesLine(itemId, 1, 100), SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: 100, TaxCodeRef: { value: 'NON' } } };
    const mixed = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [nonTaxable, salesLine(itemId, 1, 100)] });
    expect(mixed).toMatchObject({ TotalAmt: 208.25, TxnTaxDetail: { TotalTax: 8.25 } });
    expect((await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [nonTaxable] })).TotalAmt).toBe(100);
    const overridden = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)], TxnTaxDetail: { TotalTax: 7 } });
    expect(overridden).toMatchObject({ TxnTaxDetail: { TotalTax: 7 }, TotalAmt: 107 });
    const exempt = await create('Customer', { DisplayName: 'Exempt Buyer', Taxable: false });
    expect((await create('Invoice', { CustomerRef: { value: exempt.Id }, Line: [salesLine(itemId, 1, 100)] })).TotalAmt).toBe(100);
  });

  it('automated sales tax is a company setting: off, or another rate', async () => {
    const off = await startHarness({ preferences: { automatedSalesTax: false } });
    const rated = await startHarness({ salesTaxRatePercent: 10 });
    try {
      for (const [harness, total] of [[off, 100], [rated, 110]] as const) {
        const item = (await harness.api('/item', { body: { Name: 'Thing', Type: 'Service', IncomeAccountRef: { value: '2' } } })).json.Item;
        const customer = (await harness.api('/customer', { body: { DisplayName: 'Buyer' } })).json.Customer;
        const inv = await harness.api('/invoice', { body: { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id, 1, 100)] } });
        expect(inv.json.Invoice.TotalAmt).toBe(total);
      }
      expect((await off.api('/preferences')).json.Preferences.TaxPrefs.PartnerTaxEnabled).toBe(false);
    } finally {
      await off.sandbox.close();
      await rated.sandbox.close();
    }
  });

  it('duplicate DocNumber → 6140 unless include=allowduplicatedocnum', async () => {
    const customer = await create('Customer', { DisplayName: 'DocNumber Buyer' });
    await create('Invoice', { DocNumber: 'HS-1001', CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] });
    const dup = await h.api('/invoice', { body: { DocNumber: 'HS-1001', CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] } });
    expect(faultCode(dup)).toBe('6140');
    await create('Invoice', { DocNumber: 'HS-1001', CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] }, '&include=allowduplicatedocnum');
  });

  it('a payment split across two invoices lowers their balances and links both ways', async () => {
    const customer = await create('Customer', { DisplayName: 'Payer', Taxable: false });
    const a = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] });
    const b = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 3, 100)] });
    const payment = await create('Payment', {
      CustomerRef: { value: customer.Id },
      TotalAmt: 250,
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: a.Id, TxnType: 'Invoice' }] },
        { Amount: 120, LinkedTxn: [{ TxnId: b.Id, TxnType: 'Invoice' }] },
      ],
    });
    expect(payment.UnappliedAmt).toBe(30);
    const a2 = (await h.api(`/invoice/${a.Id}`)).json.Invoice;
    const b2 = (await h.api(`/invoice/${b.Id}`)).json.Invoice;
    expect(a2.Balance).toBe(0);
    expect(b2.Balance).toBe(180);
    expect(b2.LinkedTxn).toEqual([{ TxnId: payment.Id, TxnType: 'Payment' }]);
    expect(Number(a2.SyncToken)).toBeGreaterThan(Number(a.SyncToken));
    expect((await h.api(`/customer/${customer.Id}`)).json.Customer.Balance).toBe(180);
    // More than the open balance is refused.
    const over = await h.api('/payment', { body: { CustomerRef: { value: customer.Id }, TotalAmt: 500, Line: [{ Amount: 181, LinkedTxn: [{ TxnId: b.Id, TxnType: 'Invoice' }] }] } });
    expect(faultCode(over)).toBe('6000');
    // An invoice with payments cannot be deleted; deleting the payment restores the balance.
    expect(faultCode(await h.api('/invoice?operation=delete', { body: { Id: b2.Id, SyncToken: b2.SyncToken } }))).toBe('6000');
    const del = await h.api('/payment?operation=delete', { body: { Id: payment.Id, SyncToken: payment.SyncToken } });
    expect(del.json.Payment).toEqual({ Id: payment.Id, status: 'Deleted', domain: 'QBO' });
    expect((await h.api(`/invoice/${b.Id}`)).json.Invoice.Balance).toBe(300);
  });

  it('invoice delete returns the Deleted stub; void keeps it at zero', async () => {
    const customer = await create('Customer', { DisplayName: 'Void Buyer' });
    const a = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] });
    const b = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 2, 100)] });
    expect(faultCode(await h.api('/invoice?operation=delete', { body: { Id: a.Id, SyncToken: '7' } }))).toBe('5010');
    const del = await h.api('/invoice?operation=delete', { body: { Id: a.Id, SyncToken: a.SyncToken } });
    expect(del.json.Invoice).toEqual({ Id: a.Id, status: 'Deleted', domain: 'QBO' });
    expect(faultCode(await h.api(`/invoice/${a.Id}`))).toBe('610');
    const voided = (await h.api('/invoice?operation=void', { body: { Id: b.Id, SyncToken: b.SyncToken } })).json.Invoice;
    expect(voided).toMatchObject({ Id: b.Id, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided', DocNumber: b.DocNumber });
    expect(Number(voided.SyncToken)).toBeGreaterThan(Number(b.SyncToken));
    expect((voided.Line as Array<{ DetailType: string; Amount: number }>).filter((l) => l.DetailType === 'SalesItemLineDetail').map((l) => l.Amount)).toEqual([0]);
    expect((await h.api(`/customer/${customer.Id}`)).json.Customer.Balance).toBe(0);
    // A void is final: a second one is refused, as is one with a stale SyncToken.
    expect(faultCode(await h.api('/invoice?operation=void', { body: { Id: b.Id, SyncToken: b.SyncToken } }))).toBe('5010');
    const again = await h.api('/invoice?operation=void', { body: { Id: b.Id, SyncToken: voided.SyncToken } });
    expect(faultCode(again)).toBe('6000');
    expect(again.json.Fault.Error[0].Detail).toContain('already voided');
  });

  it('an invoice with a payment applied cannot be voided; once the payment is deleted it can', async () => {
    const customer = await create('Customer', { DisplayName: 'Void Payer' });
    const inv = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [salesLine(itemId, 1, 100)] });
    const payment = await create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 40, Line: [{ Amount: 40, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    const paid = (await h.api(`/invoice/${inv.Id}`)).json.Invoice;
    const refused = await h.api('/invoice?operation=void', { body: { Id: paid.Id, SyncToken: paid.SyncToken } });
    expect(faultCode(refused)).toBe('6000');
    expect(refused.json.Fault.Error[0].Detail).toContain('payments applied');
    expect((await h.api(`/invoice/${inv.Id}`)).json.Invoice).toMatchObject({ TotalAmt: inv.TotalAmt, Balance: Math.round((inv.TotalAmt - 40) * 100) / 100 });
    await h.api('/payment?operation=delete', { body: { Id: payment.Id, SyncToken: payment.SyncToken } });
    const released = (await h.api(`/invoice/${inv.Id}`)).json.Invoice;
    expect((await h.api('/invoice?operation=void', { body: { Id: released.Id, SyncToken: released.SyncToken } })).json.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
  });
});

describe('preferences and company settings', () => {
  it('custom transaction numbers on → no DocNumber assigned; closed books → 6200', async () => {
    const prefs = (await h.api('/preferences')).json.Preferences;
    const updated = await h.api('/preferences', {
      body: { Id: '1', SyncToken: prefs.SyncToken, sparse: true, SalesFormsPrefs: { CustomTxnNumbers: true }, AccountingInfoPrefs: { BookCloseDate: '2025-12-31' } },
    });
    expect(updated.json.Preferences.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    expect(updated.json.Preferences.SalesFormsPrefs.CustomField).toEqual(prefs.SalesFormsPrefs.CustomField);
    const customer = await create('Customer', { DisplayName: 'Prefs Buyer' });
    const inv = await create('Invoice', { CustomerRef: { value: customer.Id }, TxnDate: '2026-01-05', Line: [salesLine(itemId, 1, 100)] });
    expect(inv.DocNumber).toBeUndefined();
    const closed = await h.api('/invoice', { body: { CustomerRef: { value: customer.Id }, TxnDate: '2025-12-31', Line: [salesLine(itemId, 1, 100)] } });
    expect(faultCode(closed)).toBe('6200');
    expect(closed.json.Fault.Error[0].Message).toBe('Account Period Closed');
  });

  it('a non-US company reports its country and currency and requires a tax code per line', async () => {
    const realmId = (await h.control('/companies', 'POST', { companyName: 'Maple Ltd', country: 'CA' })).json.realmId as string;
    const token = (await h.control('/tokens', 'POST', { clientId: h.clientId, realmId })).json.access_token as string;
    const info = (await h.api(`/companyinfo/${realmId}`, { realmId, token })).json.CompanyInfo;
    expect(info.Country).toBe('CA');
    const prefs = (await h.api('/preferences', { realmId, token })).json.Preferences;
    expect(prefs.CurrencyPrefs.HomeCurrency.value).toBe('CAD');
    expect(prefs.TaxPrefs.PartnerTaxEnabled).toBeUndefined();
    const item = (await h.api('/item', { realmId, token, body: { Name: 'Service', Type: 'Service', IncomeAccountRef: { value: '2' } } })).json.Item;
    const customer = (await h.api('/customer', { realmId, token, body: { DisplayName: 'Canuck' } })).json.Customer;
    expect(customer.CurrencyRef.value).toBe('CAD');
    const untaxed = await h.api('/invoice', { realmId, token, body: { CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id, 1, 10)] } });
    expect(faultCode(untaxed)).toBe('6000');
    const codes = (await h.api(`/query?query=${encodeURIComponent('select * from TaxCode')}`, { realmId, token })).json.QueryResponse.TaxCode;
    const line = salesLine(item.Id, 1, 10);
    (line.SalesItemLineDetail as Record<string, unknown>).TaxCodeRef = { value: codes[0].Id };
    const taxed = await h.api('/invoice', { realmId, token, body: { CustomerRef: { value: customer.Id }, Line: [line] } });
    expect(taxed.status).toBe(200);
    expect(taxed.json.Invoice.GlobalTaxCalculation).toBe('TaxExcluded');
  });

  it('a token for one realm cannot read another (403 gateway fault)', async () => {
    const other = (await h.control('/companies', 'POST', {})).json.realmId as string;
    const res = await h.api(`/companyinfo/${other}`, { realmId: other });
    expect(res.status).toBe(403);
    expect(res.json.fault.error[0].code).toBe('3100');
  });
});
