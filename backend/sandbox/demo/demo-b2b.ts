/**
 * The second demo (issue 16): a B2B HubSpot account whose customers sync runs in companies mode —
 * HubSpot companies are the QuickBooks customers, each company's primary contact its billing contact —
 * with a QuickBooks company of its own. Some customers already exist in QuickBooks under the companies'
 * names (they link, not duplicate), one is QuickBooks-only (it becomes a HubSpot company), and the rest
 * of the HubSpot companies become customers. Deterministic, like the first demo.
 */
import { bookkeeper, call, DEMO_B2B_REALM_ID } from './demo-http.ts';
import type { DemoData } from './demo-data.ts';

export { DEMO_B2B_REALM_ID };

export const DEMO_B2B_PORTAL_ID = 4_100_002;
const DEMO_B2B_SEED = 20_261_204;
/** One company per 10 seeded contacts (the emulator's seeder), each contact with its Primary company. */
const CONTACTS = 40;
const CUSTOMERS_NAMED_LIKE_COMPANIES = 2;
const QUICKBOOKS_ONLY_CUSTOMERS = [{ DisplayName: 'Northwind Traders', CompanyName: 'Northwind Traders', PrimaryEmailAddr: { Address: 'ap@northwind.example' }, WebAddr: { URI: 'https://northwind.example' }, BillAddr: { City: 'Seattle' } }];

export async function seedB2bDemoData(urls: { hubspot: string; quickbooks: string }): Promise<DemoData> {
  await call('POST', `${urls.hubspot}/_sandbox/accounts`, { portalId: DEMO_B2B_PORTAL_ID });
  const counts: Record<string, number> = {};
  const seeded = await call<{ created: number }>('POST', `${urls.hubspot}/_sandbox/accounts/${DEMO_B2B_PORTAL_ID}/seed`, { objectType: 'contacts', count: CONTACTS, seed: DEMO_B2B_SEED });
  counts['hubspot.contacts'] = seeded.created;
  const companies = (await call<{ results: Array<{ properties: Record<string, string | null> }> }>('GET', `${urls.hubspot}/_sandbox/accounts/${DEMO_B2B_PORTAL_ID}/objects/companies?limit=1000`)).results;
  counts['hubspot.companies'] = companies.length;

  await call('POST', `${urls.quickbooks}/_sandbox/companies`, { realmId: DEMO_B2B_REALM_ID, companyName: 'Demo Wholesale Ltd.', country: 'US', homeCurrency: 'USD' });
  const qbo = await bookkeeper(urls.quickbooks, DEMO_B2B_REALM_ID);
  let named = 0;
  for (const company of companies.slice(0, CUSTOMERS_NAMED_LIKE_COMPANIES)) {
    const name = company.properties.name?.trim();
    if (!name) continue;
    // The bookkeeper's own display name for the account; the company name is what matches.
    await qbo('POST', 'customer', { DisplayName: `${name} (accounts payable)`, CompanyName: name, BillAddr: { City: company.properties.city ?? undefined } });
    named++;
  }
  counts['quickbooks.customers_named_like_hubspot_companies'] = named;
  for (const customer of QUICKBOOKS_ONLY_CUSTOMERS) await qbo('POST', 'customer', customer);
  counts['quickbooks.customers_only_in_quickbooks'] = QUICKBOOKS_ONLY_CUSTOMERS.length;
  return { portalId: DEMO_B2B_PORTAL_ID, realmId: DEMO_B2B_REALM_ID, counts };
}
