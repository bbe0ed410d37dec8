/**
 * The fewest vendor calls a first sync can make with the vendors' batch sizes, for the benchmarks'
 * "calls / minimum" figures and for the integration tests that hold our call counts to them
 * (test/integration/sync/invoices-call-budget.test.ts). Each term is a call the vendors' rules make
 * necessary; nothing is read that we wrote or already hold.
 *
 * Batch sizes: QuickBooks query pages of 1000 (the pager stops at the first short page, so n records
 * take ⌊n/1000⌋+1 queries); HubSpot batch create/upsert/update/read and v4 association batches of 100.
 */

const hundreds = (n: number) => Math.ceil(n / 100);
export const qboQueryPages = (n: number) => Math.floor(n / 1000) + 1;

/** One page of QuickBooks invoices as the first sync meets it. */
export interface InvoicePageShape {
  invoices: number;
  /** HubSpot line items they become (QuickBooks sales lines; discount and credit lines are spread over them). */
  lines: number;
  /** Different customers the page's invoices bill. */
  contacts: number;
  /** Invoices whose contact has a primary company in HubSpot. */
  withCompany: number;
}

export interface MinimumCalls {
  hubspot: number;
  qbo: number;
  /** The HubSpot terms, by what they are for (printed beside the figures). */
  terms: Record<string, number>;
}

/**
 * QuickBooks invoices → an empty HubSpot, their contacts already synced. Per page:
 * - one batch upsert per 100 invoices (keyed by qbo_invoice_id, so a retry never duplicates);
 * - one batch association to the contacts per 100 invoices, one to the companies per 100 that have one;
 * - one batch read of the contacts' primary companies per 100 contacts (nothing we hold says which);
 * - one batch create per 100 line items, created already associated with their invoice;
 * - one batch update per 100 invoices giving them their status: HubSpot moves an invoice out of draft
 *   only once it has its contact and line items (hubspot-platform.md, invoices guide).
 * Once per account: the property group and the two properties we own (qbo_invoice_id, the QuickBooks
 * number) and the line item → invoice association type (labels endpoint).
 */
export function minimumInvoiceCalls(pages: readonly InvoicePageShape[]): MinimumCalls {
  const sum = (f: (p: InvoicePageShape) => number) => pages.reduce((total, p) => total + f(p), 0);
  const terms = {
    setup: 4,
    upserts: sum((p) => hundreds(p.invoices)),
    contactAssociations: sum((p) => hundreds(p.invoices)),
    companyReads: sum((p) => hundreds(p.contacts)),
    companyAssociations: sum((p) => hundreds(p.withCompany)),
    lineItemCreates: sum((p) => hundreds(p.lines)),
    statusUpdates: sum((p) => hundreds(p.invoices)),
  };
  const invoices = sum((p) => p.invoices);
  return { hubspot: Object.values(terms).reduce((a, b) => a + b, 0), qbo: qboQueryPages(invoices), terms };
}

/** Splits QuickBooks invoices (in QuickBooks' own order, by Id) into the first sync's query pages. */
export function invoicePages<T>(invoices: readonly T[], shapeOf: (page: readonly T[]) => InvoicePageShape): InvoicePageShape[] {
  const pages: InvoicePageShape[] = [];
  for (let start = 0; start < invoices.length; start += 1000) pages.push(shapeOf(invoices.slice(start, start + 1000)));
  return pages;
}

/**
 * QuickBooks payments (each paying one invoice) → HubSpot commerce payments, invoices already synced:
 * per 100 payments one batch upsert, one batch read of their invoices' deals and one batch association
 * to the invoices; once per account the property group and qbo_payment_id.
 */
export function minimumPaymentCalls(payments: number): MinimumCalls {
  const terms = { setup: 2, upserts: hundreds(payments), dealReads: hundreds(payments), invoiceAssociations: hundreds(payments) };
  return { hubspot: Object.values(terms).reduce((a, b) => a + b, 0), qbo: qboQueryPages(payments), terms };
}

/**
 * QuickBooks items → an empty HubSpot: per 100 items one search by SKU (an IN filter of up to 100
 * values) and one batch upsert; once per account the property group and qbo_item_id.
 */
export function minimumProductCalls(items: number): MinimumCalls {
  const terms = { setup: 2, skuSearches: hundreds(items), upserts: hundreds(items) };
  return { hubspot: Object.values(terms).reduce((a, b) => a + b, 0), qbo: qboQueryPages(items), terms };
}

/**
 * QuickBooks customers → an empty HubSpot, two-way: per 100 customers one batch read by e-mail (the
 * match) and one batch upsert; the HubSpot side's page list (100 a page: the contacts just written);
 * once per account the property group and qbo_customer_id.
 */
export function minimumContactCalls(customers: number): MinimumCalls {
  const terms = { setup: 2, emailReads: hundreds(customers), upserts: hundreds(customers), hubspotList: Math.max(1, hundreds(customers)) };
  return { hubspot: Object.values(terms).reduce((a, b) => a + b, 0), qbo: qboQueryPages(customers), terms };
}

export const describeTerms = (terms: Record<string, number>) => Object.entries(terms).map(([k, v]) => `${k}=${v}`).join(' ');
