/**
 * The demo HubSpot account and QuickBooks company `npm start` shows: realistic records from the
 * emulators' seeders (deterministic, so ids stay the same across restarts), with some customers in
 * QuickBooks sharing e-mails with HubSpot contacts, as in a real business that used both already.
 */
export const DEMO_PORTAL_ID = 4_100_001;
export const DEMO_REALM_ID = '9341453100001';
const DEMO_SEED = 20_261_124;
const OVERLAPPING_CUSTOMERS = 25;

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

export interface DemoData {
  portalId: number;
  realmId: string;
  counts: Record<string, number>;
}

export async function seedDemoData(urls: { hubspot: string; quickbooks: string }, qboClientId: string): Promise<DemoData> {
  await call('POST', `${urls.hubspot}/_sandbox/accounts`, { portalId: DEMO_PORTAL_ID });
  const counts: Record<string, number> = {};
  for (const [objectType, count] of [['products', 30], ['contacts', 200], ['deals', 40]] as const) {
    const seeded = await call<{ created: number }>('POST', `${urls.hubspot}/_sandbox/accounts/${DEMO_PORTAL_ID}/seed`, { objectType, count, seed: DEMO_SEED });
    counts[`hubspot.${objectType}`] = seeded.created;
  }

  await call('POST', `${urls.quickbooks}/_sandbox/companies`, { realmId: DEMO_REALM_ID, companyName: 'Demo Outdoor Supply Co.', country: 'US', homeCurrency: 'USD', preferences: { customTxnNumbers: true } });
  const seeded = await call<Record<string, number>>('POST', `${urls.quickbooks}/_sandbox/companies/${DEMO_REALM_ID}/seed`, { seed: DEMO_SEED, customers: 150, items: 30, invoices: 80, payments: 40 });
  for (const [k, v] of Object.entries(seeded)) if (typeof v === 'number') counts[`quickbooks.${k}`] = v;

  // Customers who are also HubSpot contacts (same e-mail), created through the QBO API itself.
  const contacts = await call<{ results: Array<{ properties: Record<string, string | null> }> }>('GET', `${urls.hubspot}/_sandbox/accounts/${DEMO_PORTAL_ID}/objects/contacts?limit=${OVERLAPPING_CUSTOMERS}`);
  const token = await call<{ access_token: string }>('POST', `${urls.quickbooks}/_sandbox/tokens`, { clientId: qboClientId, realmId: DEMO_REALM_ID });
  let overlapping = 0;
  for (const contact of contacts.results) {
    const p = contact.properties;
    if (!p.email) continue;
    await call('POST', `${urls.quickbooks}/v3/company/${DEMO_REALM_ID}/customer?minorversion=75`, {
      DisplayName: `${p.firstname ?? ''} ${p.lastname ?? ''} (${p.email})`.trim(),
      GivenName: p.firstname ?? undefined,
      FamilyName: p.lastname ?? undefined,
      PrimaryEmailAddr: { Address: p.email },
    }, { authorization: `Bearer ${token.access_token}` });
    overlapping++;
  }
  counts['quickbooks.customers_matching_hubspot_contacts'] = overlapping;
  return { portalId: DEMO_PORTAL_ID, realmId: DEMO_REALM_ID, counts };
}
