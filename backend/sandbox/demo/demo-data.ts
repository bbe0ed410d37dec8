/**
 * The demo HubSpot account and QuickBooks company `npm start` shows: realistic records from the
 * emulators' seeders (deterministic, so ids stay the same across restarts), with some customers in
 * QuickBooks sharing e-mails with HubSpot contacts, as in a real business that used both already.
 *
 * Writes that stand for a person's work in QuickBooks (the shared customers, the items without a SKU,
 * the invoices of the day) go through the QBO API as the company's bookkeeper, a QuickBooks app of
 * its own: our app sees them the way it sees any change made in QuickBooks (webhooks, CDC).
 */
import type { Clock } from '../qbo/core/clock.ts';
import { bookkeeper, call, DEMO_REALM_ID } from './demo-http.ts';
import { seedDemoBooks } from './demo-books.ts';

export { DEMO_REALM_ID };

export const DEMO_PORTAL_ID = 4_100_001;
const DEMO_SEED = 20_261_124;
const OVERLAPPING_CUSTOMERS = 25;
/** R12: items without a SKU are excluded from the products sync, with the rule named. */
const ITEMS_WITHOUT_SKU = [
  { Name: 'Gift wrapping', Type: 'Service', UnitPrice: 5, IncomeAccountRef: { value: '2' } },
  { Name: 'Rush delivery', Type: 'Service', UnitPrice: 25, IncomeAccountRef: { value: '2' } },
  { Name: 'Assorted small parts', Type: 'NonInventory', UnitPrice: 12.5, IncomeAccountRef: { value: '1' } },
];
const BOOKKEEPER_INVOICES = 5;
const PAID_AT_ONCE = 2;

export interface DemoData {
  portalId: number;
  realmId: string;
  counts: Record<string, number>;
}

/**
 * The QuickBooks company's records are its history: they are created with the emulator's clock set back
 * `QUICKBOOKS_HISTORY_AGE_MS`, so their CreateTime predates the setup, as in a company that used
 * QuickBooks before installing the app (R9's recommended invoices filter then leaves them out).
 */
const QUICKBOOKS_HISTORY_AGE_MS = 20 * 24 * 3_600_000;

export async function seedDemoData(urls: { hubspot: string; quickbooks: string }, quickbooksClock: Clock): Promise<DemoData> {
  await call('POST', `${urls.hubspot}/_sandbox/accounts`, { portalId: DEMO_PORTAL_ID });
  const counts: Record<string, number> = {};
  for (const [objectType, count] of [['products', 30], ['contacts', 200], ['deals', 40]] as const) {
    const seeded = await call<{ created: number }>('POST', `${urls.hubspot}/_sandbox/accounts/${DEMO_PORTAL_ID}/seed`, { objectType, count, seed: DEMO_SEED });
    counts[`hubspot.${objectType}`] = seeded.created;
  }

  // In-process: the control API only moves the clock forward, and history needs it set back.
  quickbooksClock.advance(-QUICKBOOKS_HISTORY_AGE_MS);
  try {
    await seedQuickBooksHistory(urls, counts);
  } finally {
    quickbooksClock.advance(QUICKBOOKS_HISTORY_AGE_MS);
  }
  return { portalId: DEMO_PORTAL_ID, realmId: DEMO_REALM_ID, counts };
}

async function seedQuickBooksHistory(urls: { hubspot: string; quickbooks: string }, counts: Record<string, number>): Promise<void> {
  await call('POST', `${urls.quickbooks}/_sandbox/companies`, { realmId: DEMO_REALM_ID, companyName: 'Demo Outdoor Supply Co.', country: 'US', homeCurrency: 'USD', preferences: { customTxnNumbers: true } });
  const seeded = await call<Record<string, number>>('POST', `${urls.quickbooks}/_sandbox/companies/${DEMO_REALM_ID}/seed`, { seed: DEMO_SEED, customers: 150, items: 30, invoices: 80, payments: 40, shapes: true });
  for (const [k, v] of Object.entries(seeded)) if (typeof v === 'number' && k !== 'elapsedMs') counts[`quickbooks.${k}`] = v;

  const qbo = await bookkeeper(urls.quickbooks);
  // Customers who are also HubSpot contacts (same e-mail).
  const contacts = await call<{ results: Array<{ properties: Record<string, string | null> }> }>('GET', `${urls.hubspot}/_sandbox/accounts/${DEMO_PORTAL_ID}/objects/contacts?limit=${OVERLAPPING_CUSTOMERS}`);
  let overlapping = 0;
  for (const contact of contacts.results) {
    const p = contact.properties;
    if (!p.email) continue;
    await qbo('POST', 'customer', {
      DisplayName: `${p.firstname ?? ''} ${p.lastname ?? ''} (${p.email})`.trim(),
      GivenName: p.firstname ?? undefined,
      FamilyName: p.lastname ?? undefined,
      PrimaryEmailAddr: { Address: p.email },
    });
    overlapping++;
  }
  counts['quickbooks.customers_matching_hubspot_contacts'] = overlapping;
  for (const item of ITEMS_WITHOUT_SKU) await qbo('POST', 'item', item);
  counts['quickbooks.items_without_sku'] = ITEMS_WITHOUT_SKU.length;
  Object.assign(counts, await seedDemoBooks(qbo, urls.hubspot, DEMO_PORTAL_ID));
}

interface QboRow {
  Id: string;
  DisplayName?: string;
  Name?: string;
  Sku?: string;
  UnitPrice?: number;
  PrimaryEmailAddr?: { Address?: string };
}

export interface BookkeeperInvoices {
  /** QuickBooks invoice ids and numbers, in creation order. */
  invoices: Array<{ id: string; docNumber: string; customerId: string; lines: number; totalAmt: number }>;
  /** Payments received in full on the first of those invoices. */
  payments: Array<{ id: string; invoiceId: string; amount: number }>;
  /** How far the QuickBooks emulator's clock was moved forward to pass `createdAfter` (0: not moved). */
  clockAdvancedMs: number;
}

/**
 * The bookkeeper's invoices of the day, created after the invoices sync was set up: a few customers
 * (some of them also HubSpot contacts), each billed for one to three items that have a SKU, so they reach
 * HubSpot with line items pointing to the synced products. The first two are paid in full at once
 * (card payments at the counter), which the payments sync shows on those invoices in HubSpot.
 *
 * R9 only takes invoices created after `createdAfter` (the setup date at 12:00 UTC). Before that hour,
 * the QuickBooks emulator's clock (its documented control, `/_sandbox/clock`) is moved to just past it:
 * the invoices are then "this afternoon's" invoices, and the demo shows the sync the same at any hour.
 */
export async function createBookkeeperInvoices(quickbooksUrl: string, createdAfter: Date): Promise<BookkeeperInvoices> {
  const clock = await call<{ now: string }>('POST', `${quickbooksUrl}/_sandbox/clock`, { advanceMs: 0 });
  const behindMs = createdAfter.getTime() - new Date(clock.now).getTime();
  // A minute past the hour: the filter is strictly "after", and QuickBooks' CreateTime has whole seconds.
  const clockAdvancedMs = behindMs >= 0 ? behindMs + 61_000 : 0;
  if (clockAdvancedMs > 0) await call('POST', `${quickbooksUrl}/_sandbox/clock`, { advanceMs: clockAdvancedMs });

  const qbo = await bookkeeper(quickbooksUrl);
  const customers = (await qbo<{ QueryResponse: { Customer?: QboRow[] } }>('GET', `query?query=${encodeURIComponent('select * from Customer maxresults 1000')}`)).QueryResponse.Customer ?? [];
  const items = ((await qbo<{ QueryResponse: { Item?: QboRow[] } }>('GET', `query?query=${encodeURIComponent('select * from Item maxresults 1000')}`)).QueryResponse.Item ?? []).filter(
    (i) => typeof i.Sku === 'string' && i.Sku.trim() !== '' && typeof i.UnitPrice === 'number' && i.UnitPrice > 0,
  );
  // Customers the HubSpot contacts share (the last ones created) alternate with QuickBooks-only ones.
  const shared = customers.filter((c) => c.DisplayName?.includes('@')).slice(0, 3);
  const qboOnly = customers.filter((c) => !c.DisplayName?.includes('@')).slice(0, BOOKKEEPER_INVOICES - shared.length);
  const billed = [...shared, ...qboOnly].slice(0, BOOKKEEPER_INVOICES);
  if (billed.length === 0 || items.length === 0) throw new Error('the demo company has no customers or no items with a SKU to invoice');

  const invoices: BookkeeperInvoices['invoices'] = [];
  for (const [n, customer] of billed.entries()) {
    const lines = Array.from({ length: (n % 3) + 1 }, (_, k) => {
      const item = items[(n * 3 + k) % items.length] as QboRow;
      const qty = ((n + k) % 4) + 1;
      const unitPrice = item.UnitPrice ?? 0;
      return {
        DetailType: 'SalesItemLineDetail',
        Amount: Math.round(qty * unitPrice * 100) / 100,
        Description: item.Name,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: unitPrice },
      };
    });
    const docNumber = `DEMO-${1001 + n}`;
    const created = await qbo<{ Invoice: { Id: string; TotalAmt: number } }>('POST', 'invoice', { CustomerRef: { value: customer.Id }, DocNumber: docNumber, Line: lines });
    invoices.push({ id: created.Invoice.Id, docNumber, customerId: customer.Id, lines: lines.length, totalAmt: created.Invoice.TotalAmt });
  }
  const payments: BookkeeperInvoices['payments'] = [];
  for (const invoice of invoices.slice(0, PAID_AT_ONCE)) {
    const paid = await qbo<{ Payment: { Id: string } }>('POST', 'payment', {
      CustomerRef: { value: invoice.customerId },
      TotalAmt: invoice.totalAmt,
      Line: [{ Amount: invoice.totalAmt, LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }],
    });
    payments.push({ id: paid.Payment.Id, invoiceId: invoice.id, amount: invoice.totalAmt });
  }
  return { invoices, payments, clockAdvancedMs };
}

const LINK_WAIT_MS = 60_000;
const INVOICE_TO_DEAL = 175;

export interface LinkedDeals {
  /** HubSpot deal id → the QuickBooks invoice number now associated with it. */
  links: Array<{ dealId: string; dealName: string; invoiceNumber: string; hubspotInvoiceId: string; contactId: string | null }>;
}

interface HubSpotRow {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * The demo's HubSpot user links the bookkeeper's paid invoices to deals, as a person does on the invoice
 * record ("Associate deal"), so each deal's payment card shows an invoice and its payment on the first run.
 * QuickBooks invoices reach HubSpot without a deal (QuickBooks has no deals); this is the person's part.
 * Waits (up to a minute) for the invoices to arrive; returns the links it made.
 */
export async function linkInvoicesToDeals(hubspotUrl: string, invoiceNumbers: string[]): Promise<LinkedDeals> {
  const base = `${hubspotUrl}/_sandbox/accounts/${DEMO_PORTAL_ID}`;
  const deadline = Date.now() + LINK_WAIT_MS;
  let invoices: HubSpotRow[] = [];
  for (;;) {
    invoices = (await call<{ results: HubSpotRow[] }>('GET', `${base}/objects/invoices?limit=1000`)).results.filter((i) => invoiceNumbers.includes(i.properties.qbo_invoice_number ?? ''));
    if (invoices.length === invoiceNumbers.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const deals = (await call<{ results: HubSpotRow[] }>('GET', `${base}/objects/deals?limit=${invoiceNumbers.length}`)).results;
  const links: LinkedDeals['links'] = [];
  for (const number of invoiceNumbers) {
    const invoice = invoices.find((i) => i.properties.qbo_invoice_number === number);
    const deal = deals[links.length];
    if (!invoice || !deal) continue;
    await call('PUT', `${base}/associations/invoices/${invoice.id}/deals/${deal.id}`, { typeIds: [INVOICE_TO_DEAL] });
    const contacts = await call<{ results: Array<{ toObjectId: string | number }> }>('GET', `${base}/associations/invoices/${invoice.id}/contacts`).catch(() => ({ results: [] }));
    links.push({ dealId: deal.id, dealName: deal.properties.dealname ?? deal.id, invoiceNumber: number, hubspotInvoiceId: invoice.id, contactId: contacts.results[0] ? String(contacts.results[0].toObjectId) : null });
  }
  return { links };
}
