/**
 * Seeding contract: the demo company (both emulators) holds every shape the strict emulators model, so
 * the mappers meet them — vendors and employees (one vendor named like a HubSpot contact's company:
 * R14 fails naming it), terms, classes and departments on invoices, invoices from estimates, credit memos
 * applied by payments, discount lines, automated sales tax.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../backend/sandbox/hubspot/index.ts';
import { startQboSandbox, type QboSandbox } from '../../../backend/sandbox/qbo/index.ts';
import { DEMO_PORTAL_ID, DEMO_REALM_ID, seedDemoData } from '../../../backend/sandbox/demo/demo-data.ts';
import type { QboEntity } from '../../../backend/sandbox/qbo/state/types.ts';

let hubspot: HubSpotSandbox;
let quickbooks: QboSandbox;
let counts: Record<string, number>;

beforeAll(async () => {
  hubspot = await startHubSpotSandbox();
  quickbooks = await startQboSandbox();
  counts = (await seedDemoData({ hubspot: hubspot.baseUrl, quickbooks: quickbooks.baseUrl }, quickbooks.state.clock)).counts;
}, 90_000);
afterAll(async () => {
  await Promise.all([hubspot.close(), quickbooks.close()]);
});

const all = (entity: Parameters<NonNullable<ReturnType<QboSandbox['state']['company']>>['collection']>[0]): QboEntity[] => [...quickbooks.state.company(DEMO_REALM_ID)!.collection(entity).values()];

describe('demo seeding', () => {
  it('QuickBooks: vendors and employees, one vendor named like the company of a HubSpot contact that is not a customer', () => {
    expect(all('Vendor').length).toBeGreaterThanOrEqual(3);
    expect(all('Employee').length).toBeGreaterThanOrEqual(2);
    expect(counts['quickbooks.vendors_named_like_hubspot_companies']).toBe(1);
    const account = hubspot.state.account(DEMO_PORTAL_ID)!;
    const companyNames = new Map([...account.collection('companies').records.values()].map((c) => [c.id, c.properties.get('name')]));
    const customerEmails = new Set(all('Customer').map((c) => (c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address?.toLowerCase()));
    const clashing = [...account.collection('contacts').records.values()].filter((c) => {
      const company = companyNames.get(c.properties.get('associatedcompanyid') ?? '');
      return company !== undefined && !customerEmails.has(c.properties.get('email')?.toLowerCase()) && all('Vendor').some((v) => v.DisplayName === company);
    });
    expect(clashing.length).toBeGreaterThan(0);
    // The name is really taken for customers: QuickBooks' shared namespace.
    expect(all('Customer').some((c) => all('Vendor').some((v) => String(v.DisplayName).toLowerCase() === String(c.DisplayName).toLowerCase()))).toBe(false);
  });

  it('QuickBooks: terms, classes and departments on invoices; invoices from estimates; credit memos applied by payments; discounts; sales tax', () => {
    const invoices = all('Invoice');
    expect(all('Term').length).toBeGreaterThanOrEqual(3);
    expect(invoices.some((i) => i.SalesTermRef)).toBe(true);
    expect(invoices.some((i) => i.ClassRef)).toBe(true);
    expect(invoices.some((i) => i.DepartmentRef)).toBe(true);
    const fromEstimate = invoices.filter((i) => (i.LinkedTxn as Array<{ TxnType: string }>).some((l) => l.TxnType === 'Estimate'));
    expect(fromEstimate.length).toBeGreaterThan(0);
    expect(all('Estimate').some((e) => e.TxnStatus === 'Closed')).toBe(true);
    expect(all('CreditMemo').length).toBeGreaterThan(0);
    const creditPayments = all('Payment').filter((p) => (p.Line as Array<{ LinkedTxn: Array<{ TxnType: string }> }>).some((l) => l.LinkedTxn.some((t) => t.TxnType === 'CreditMemo')));
    expect(creditPayments.length).toBeGreaterThan(0);
    expect(all('CreditMemo').some((m) => (m.RemainingCredit as number) < (m.TotalAmt as number))).toBe(true);
    expect(invoices.some((i) => (i.Line as Array<{ DetailType: string }>).some((l) => l.DetailType === 'DiscountLineDetail'))).toBe(true);
    expect(invoices.some((i) => ((i.TxnTaxDetail as { TotalTax: number }).TotalTax ?? 0) > 0)).toBe(true);
    expect(all('Preferences')[0]!.TaxPrefs).toMatchObject({ PartnerTaxEnabled: true });
  });

  it('HubSpot: contacts with primary companies, products with SKUs, deals', () => {
    const account = hubspot.state.account(DEMO_PORTAL_ID)!;
    const contacts = [...account.collection('contacts').records.values()];
    expect(contacts.length).toBe(200);
    expect(contacts.filter((c) => c.properties.get('associatedcompanyid')).length).toBe(200);
    expect([...account.collection('products').records.values()].every((p) => p.properties.get('hs_sku'))).toBe(true);
    expect(account.collection('deals').records.size).toBe(40);
  });
});
