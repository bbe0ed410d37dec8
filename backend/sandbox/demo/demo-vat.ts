/**
 * The demo's UK business (R22): a third demo HubSpot account (4100003) connected to a UK QuickBooks company,
 * where every invoice line needs a VAT code. `npm start` installs the app there too, sets up the
 * recommended contacts sync and a two-way invoices sync whose default tax code is the company's standard
 * rate (20.0% S), chosen from the codes the guided setup offers (GET /api/v1/quickbooks/tax-codes). A
 * HubSpot user then bills two customers in HubSpot; the invoices reach QuickBooks with a VAT code per line
 * (the zero-rated tea keeps its item's own code), QuickBooks computes the VAT, and HubSpot's line items
 * show the VAT QuickBooks returned. (The other demo accounts keep their US company.)
 *
 * Steps already done in an earlier run (install, connect, syncs, the invoices) are kept.
 */
import type { QboSandbox } from '../qbo/index.ts';
import { hubspotSignedFetch } from '../hubspot/signed-fetch.ts';
import type { Logger } from '../../src/logger.ts';
import { throwIfAborted } from '../../src/startup-error.ts';
import { recommendedInvoicesDefinition, TAX_CODE_OPTION } from '@quickbooks-sync/contract/definitions';
import { bookkeeper, call } from './demo-http.ts';
import { driveHubSpotInstall, driveQboConnect } from './consent-driver.ts';
import type { ProvisionedApps } from './provision.ts';

export const VAT_DEMO_PORTAL_ID = 4_100_003;
export const VAT_DEMO_REALM_ID = '9341453100003';
/** The HubSpot invoices the demo's user bills (their title); finding one means that step was done. */
export const VAT_DEMO_TITLE_PREFIX = 'VAT demo';
const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;
const ARRIVAL_WAIT_MS = 60_000;

const ITEMS = [
  // Food is zero-rated in the UK: the item carries its own VAT code, which the invoice lines keep.
  { Name: 'Loose leaf tea 250 g', Sku: 'TEA-250', Type: 'NonInventory', UnitPrice: 8.5, zeroRated: true },
  { Name: 'Stoneware teapot', Sku: 'POT-1', Type: 'NonInventory', UnitPrice: 35, zeroRated: false },
  { Name: 'Tea tasting workshop', Sku: 'WORK-1', Type: 'Service', UnitPrice: 60, zeroRated: false },
];
const CUSTOMERS = [
  { email: 'orders@kettle-and-crumb.example', firstname: 'Amelia', lastname: 'Hart' },
  { email: 'accounts@brightwater-cafe.example', firstname: 'Oliver', lastname: 'Reid' },
];
/** [contact e-mail, lines as [SKU, quantity]]; a line without a QuickBooks item goes to "Custom line item". */
const INVOICES: Array<{ email: string; lines: Array<[string, number, number?, string?]> }> = [
  { email: 'orders@kettle-and-crumb.example', lines: [['TEA-250', 12], ['POT-1', 2]] },
  { email: 'accounts@brightwater-cafe.example', lines: [['WORK-1', 1], ['TEA-250', 4], ['', 1, 15, 'Delivery']] },
];

interface Row {
  id: string;
  properties: Record<string, string | null>;
}

/** The UK QuickBooks company (its items, two with the standard rate, the tea zero-rated) and the HubSpot account with its customers. */
export async function seedVatDemo(urls: { hubspot: string; quickbooks: string }): Promise<Record<string, number>> {
  // A demo saved by an earlier build may have the HubSpot account without the company: it is kept.
  const known = await fetch(`${urls.hubspot}/_sandbox/accounts/${VAT_DEMO_PORTAL_ID}`);
  await known.arrayBuffer();
  if (known.status === 404) await call('POST', `${urls.hubspot}/_sandbox/accounts`, { portalId: VAT_DEMO_PORTAL_ID });
  await call('POST', `${urls.quickbooks}/_sandbox/companies`, { realmId: VAT_DEMO_REALM_ID, companyName: 'Demo Tea & Crockery Ltd', country: 'GB', homeCurrency: 'GBP' });
  const qbo = await bookkeeper(urls.quickbooks, VAT_DEMO_REALM_ID);
  const codes = (await qbo<{ QueryResponse: { TaxCode?: Array<{ Id: string; Name: string }> } }>('GET', `query?query=${encodeURIComponent('select * from TaxCode')}`)).QueryResponse.TaxCode ?? [];
  const zeroRated = codes.find((c) => c.Name === '0.0% Z');
  if (!zeroRated) throw new Error('the UK demo company has no 0.0% Z tax code');
  for (const { zeroRated: zero, ...item } of ITEMS) {
    await qbo('POST', 'item', { ...item, IncomeAccountRef: { value: '1' }, ...(zero ? { SalesTaxCodeRef: { value: zeroRated.Id } } : {}) });
  }
  for (const customer of CUSTOMERS) await call('POST', `${urls.hubspot}/_sandbox/accounts/${VAT_DEMO_PORTAL_ID}/objects/contacts`, { properties: customer });
  return { 'vat_demo.quickbooks.items': ITEMS.length, 'vat_demo.hubspot.contacts': CUSTOMERS.length };
}

export interface VatDemoContext {
  serviceUrl: string;
  urls: { hubspot: string; quickbooks: string };
  apps: ProvisionedApps;
  quickbooks: QboSandbox;
  logger: Logger;
  signal?: AbortSignal;
}

type Signed = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<Response>;

async function ok<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`demo (UK account): ${what} failed (${response.status}): ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

async function installAndConnect(ctx: VatDemoContext, signed: Signed): Promise<void> {
  const { logger, serviceUrl } = ctx;
  const status = await signed('GET', '/api/v1/connection');
  const connection = status.ok ? ((await status.json()) as { installation: { status: string }; quickbooks: { status: string; realmId: string } | null }) : undefined;
  if (connection?.installation.status !== 'active') {
    const install = await driveHubSpotInstall(`${serviceUrl}/oauth/hubspot/install`, VAT_DEMO_PORTAL_ID);
    if (install.status !== 302) throw new Error(`demo (UK account): install failed (${install.status}): ${install.body.slice(0, 300)}`);
    logger.info({ portalId: VAT_DEMO_PORTAL_ID }, 'demo UK HubSpot account installed the app (OAuth install flow)');
  }
  throwIfAborted(ctx.signal);
  if (connection?.quickbooks?.status !== 'connected' || connection.quickbooks.realmId !== VAT_DEMO_REALM_ID) {
    const { url } = await ok<{ url: string }>(await signed('POST', '/api/v1/quickbooks/connect-link', { replace: true }), 'the connect link');
    const connected = await driveQboConnect(url, VAT_DEMO_REALM_ID);
    if (connected.status !== 200) throw new Error(`demo (UK account): QuickBooks connect failed (${connected.status}): ${connected.body.slice(0, 300)}`);
    logger.info({ portalId: VAT_DEMO_PORTAL_ID, realmId: VAT_DEMO_REALM_ID }, 'demo UK QuickBooks company connected (Intuit OAuth flow)');
  }
}

/** The guided setup's choices for the UK account: recommended contacts; invoices both ways with the standard VAT code as the lines' default. */
async function setUpSyncs(ctx: VatDemoContext, signed: Signed): Promise<void> {
  const { syncs } = await ok<{ syncs: Array<{ objectType: string }> }>(await signed('GET', '/api/v1/syncs'), 'listing the syncs');
  if (!syncs.some((s) => s.objectType === 'contacts')) await ok(await signed('POST', '/api/v1/syncs/contacts/recommended', {}), 'the contacts sync');
  if (syncs.some((s) => s.objectType === 'invoices')) return;
  const { codes } = await ok<{ codes: Array<{ id: string; name: string }> }>(await signed('GET', '/api/v1/quickbooks/tax-codes'), 'reading the tax codes');
  const standard = codes.find((c) => c.name === '20.0% S');
  const { accounts } = await ok<{ accounts: Array<{ id: string; name: string }> }>(await signed('GET', '/api/v1/quickbooks/income-accounts'), 'reading the income accounts');
  const income = accounts.find((a) => a.name === 'Sales of Product Income');
  if (!standard || !income) throw new Error('demo (UK account): the company has no 20.0% S tax code or no "Sales of Product Income" account');
  const recommended = recommendedInvoicesDefinition(new Date());
  await ok(await signed('PUT', '/api/v1/syncs/invoices', { ...recommended, direction: 'two_way', options: { [TAX_CODE_OPTION]: standard.id, customLineIncomeAccountId: income.id } }), 'the invoices sync');
  ctx.logger.info({ portalId: VAT_DEMO_PORTAL_ID, taxCode: standard.name }, 'demo UK invoices sync set up two-way, invoice lines taxed at the company’s standard VAT rate unless their item has its own code');
}

/** The HubSpot user bills the customers, as a person does: a draft, its contact and line items, then open. */
async function billInHubSpot(hubspotUrl: string): Promise<void> {
  const base = `${hubspotUrl}/_sandbox/accounts/${VAT_DEMO_PORTAL_ID}`;
  const contacts = (await call<{ results: Row[] }>('GET', `${base}/objects/contacts?limit=1000`)).results;
  for (const [n, invoice] of INVOICES.entries()) {
    const contact = contacts.find((c) => c.properties.email === invoice.email);
    if (!contact) throw new Error(`demo (UK account): no HubSpot contact ${invoice.email}`);
    const draft = await call<Row>('POST', `${base}/objects/invoices`, { properties: { hs_title: `${VAT_DEMO_TITLE_PREFIX} ${n + 1}`, hs_currency: 'GBP', hs_invoice_date: new Date().toISOString().slice(0, 10) } });
    await call('PUT', `${base}/associations/invoices/${draft.id}/contacts/${contact.id}`, { typeIds: [INVOICE_TO_CONTACT] });
    for (const [index, [sku, quantity, price, name]] of invoice.lines.entries()) {
      const item = ITEMS.find((i) => i.Sku === sku);
      const properties = { name: item?.Name ?? name ?? 'Line', quantity: String(quantity), price: String(item?.UnitPrice ?? price ?? 0), hs_position_on_quote: String(index), ...(item ? { hs_sku: sku } : {}) };
      const lineItem = await call<Row>('POST', `${base}/objects/line_items`, { properties });
      await call('PUT', `${base}/associations/invoices/${draft.id}/line_items/${lineItem.id}`, { typeIds: [INVOICE_TO_LINE_ITEM] });
    }
    await call('PATCH', `${base}/objects/invoices/${draft.id}`, { properties: { hs_invoice_status: 'open' } });
  }
}

/**
 * The UK account's part of the first run; returns the HubSpot page of its first invoice once it is in
 * QuickBooks with VAT (null when it did not arrive within a minute: the log says so).
 */
export async function connectVatDemo(ctx: VatDemoContext): Promise<string | null> {
  const { apps, urls, logger } = ctx;
  const signed: Signed = (method, path, body) =>
    hubspotSignedFetch(`${ctx.serviceUrl}${path}?portalId=${VAT_DEMO_PORTAL_ID}`, { method, body, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
  if (!ctx.quickbooks.state.company(VAT_DEMO_REALM_ID)) {
    // Seeded on the first run (also when the saved demo comes from a build without this account).
    logger.info({ portalId: VAT_DEMO_PORTAL_ID, realmId: VAT_DEMO_REALM_ID, seeded: await seedVatDemo(urls) }, 'demo UK account and QuickBooks company (VAT) seeded');
  }
  await installAndConnect(ctx, signed);
  throwIfAborted(ctx.signal);
  await setUpSyncs(ctx, signed);
  const base = `${urls.hubspot}/_sandbox/accounts/${VAT_DEMO_PORTAL_ID}`;
  const ours = async () => (await call<{ results: Row[] }>('GET', `${base}/objects/invoices?limit=1000`)).results.filter((i) => i.properties.hs_title?.startsWith(VAT_DEMO_TITLE_PREFIX));
  if ((await ours()).length === 0) {
    await billInHubSpot(urls.hubspot);
    logger.info({ portalId: VAT_DEMO_PORTAL_ID, invoices: INVOICES.length }, 'demo UK HubSpot user billed customers in HubSpot; the invoices go to QuickBooks with a VAT code per line');
  } else {
    logger.info({ portalId: VAT_DEMO_PORTAL_ID }, "demo UK HubSpot invoices already billed (kept from an earlier run)");
  }

  // "Sync now" until QuickBooks has them (HubSpot's search finds new invoices a few seconds later).
  const company = ctx.quickbooks.state.company(VAT_DEMO_REALM_ID);
  const inQuickBooks = () => [...(company?.collection('Invoice').values() ?? [])];
  const deadline = Date.now() + ARRIVAL_WAIT_MS;
  while (inQuickBooks().length < INVOICES.length && Date.now() < deadline) {
    throwIfAborted(ctx.signal);
    await signed('POST', '/api/v1/syncs/invoices/sync-now', {});
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const booked = inQuickBooks();
  if (booked.length < INVOICES.length) {
    logger.warn({ portalId: VAT_DEMO_PORTAL_ID, inQuickBooks: booked.length, billed: INVOICES.length }, 'demo UK: not every HubSpot invoice reached QuickBooks within a minute; see the invoices view of account 4100003');
    return null;
  }
  logger.info(
    { portalId: VAT_DEMO_PORTAL_ID, realmId: VAT_DEMO_REALM_ID, invoices: booked.map((i) => {
      const vat = Number((i.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax ?? 0);
      return `${String(i.DocNumber)}: net ${(Number(i.TotalAmt) - vat).toFixed(2)} + VAT ${vat.toFixed(2)} = ${Number(i.TotalAmt).toFixed(2)} GBP`;
    }) },
    'demo UK invoices are in QuickBooks with the VAT QuickBooks computed per line; HubSpot’s line items show it',
  );
  const first = (await ours()).sort((a, b) => Number(a.id) - Number(b.id))[0];
  return first ? `${urls.hubspot}/contacts/${VAT_DEMO_PORTAL_ID}/record/0-53/${first.id}` : null;
}
