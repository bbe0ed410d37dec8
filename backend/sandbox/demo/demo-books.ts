/**
 * The rest of the demo company's books, as a real QuickBooks company has them: vendors and employees
 * (whose names share one namespace with customers), entered by the bookkeeper through the QBO API.
 *
 * One vendor carries the name of a HubSpot company whose contacts are not QuickBooks customers yet, so
 * the first sync shows R14's failure naming the vendor that holds the customer's display name.
 */
import { call, type BookkeeperCall } from './demo-http.ts';

const VENDORS = [
  { DisplayName: 'Northwind Paper Supply', CompanyName: 'Northwind Paper Supply', PrimaryEmailAddr: { Address: 'orders@northwind-paper.example' } },
  { DisplayName: 'Cascade Freight Lines', CompanyName: 'Cascade Freight Lines', Vendor1099: true },
  { DisplayName: 'Blue Ridge Utilities', CompanyName: 'Blue Ridge Utilities' },
];
const EMPLOYEES = [
  { GivenName: 'Maria', FamilyName: 'Delgado', EmployeeNumber: 'E-001', HiredDate: '2021-03-01' },
  { GivenName: 'Tom', FamilyName: 'Becker', EmployeeNumber: 'E-002', HiredDate: '2023-09-15' },
  { GivenName: 'Priya', FamilyName: 'Nair', EmployeeNumber: 'E-003', HiredDate: '2024-06-03', Active: false },
];

interface HubSpotRow {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * The HubSpot company the clashing vendor is named after: the primary company of the last seeded
 * contact (the contacts shared with QuickBooks are the first ones, so this contact's customer is created
 * by the first sync and its display name — the company name, R14 — is the vendor's).
 */
export async function clashingCompanyName(hubspotUrl: string, portalId: number): Promise<string> {
  const contacts = await call<{ results: HubSpotRow[] }>('GET', `${hubspotUrl}/_sandbox/accounts/${portalId}/objects/contacts?limit=1000`);
  const companyId = contacts.results.at(-1)?.properties.associatedcompanyid;
  const companies = await call<{ results: HubSpotRow[] }>('GET', `${hubspotUrl}/_sandbox/accounts/${portalId}/objects/companies?limit=1000`);
  const name = companies.results.find((c) => c.id === companyId)?.properties.name;
  if (!name) throw new Error('the demo HubSpot account has no contact with a primary company to name the clashing vendor after');
  return name;
}

export async function seedDemoBooks(qbo: BookkeeperCall, hubspotUrl: string, portalId: number): Promise<Record<string, number>> {
  for (const vendor of VENDORS) await qbo('POST', 'vendor', vendor);
  await qbo('POST', 'vendor', { DisplayName: await clashingCompanyName(hubspotUrl, portalId) });
  for (const employee of EMPLOYEES) await qbo('POST', 'employee', employee);
  return {
    'quickbooks.vendors': VENDORS.length + 1,
    'quickbooks.vendors_named_like_hubspot_companies': 1,
    'quickbooks.employees': EMPLOYEES.length,
  };
}
