/**
 * Tax on invoices sent to QuickBooks (R22, R23). US companies: automated sales tax, told `TAX` (HubSpot's
 * tax goes with the invoice) or `NON` (none). Non-US companies: every line carries a tax code (its
 * product's QuickBooks item's `SalesTaxCodeRef` when it has one, else the sync's default `taxCodeId`),
 * QuickBooks computes the tax, and the tax it returns is written onto the HubSpot line items, so HubSpot
 * shows QuickBooks' totals. No default chosen: R22's refusal, as setup says.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadMany } from '../../engine/page-batcher.ts';
import { hubspotUpdateLoader } from '../../loaders/hubspot-loaders.ts';
import type { QboRecord } from '../../types.ts';
import { readCompanyTaxCodes, type CompanyTaxCode } from '../../../connections/company-tax-codes.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { TAX_CODE_OPTION, taxCodePerLineRequired } from '@quickbooks-sync/contract/definitions';
import { linesOfQboInvoice, type InvoiceLine, type TaxRatesOfCode } from './invoice-lines.ts';

export const taxPerLine = (session: AdapterSession): boolean => taxCodePerLineRequired(session.connection.country);

function defaultTaxCode(session: AdapterSession): string | null {
  const chosen = session.definition.options[TAX_CODE_OPTION];
  return typeof chosen === 'string' && chosen !== '' ? chosen : typeof chosen === 'number' ? String(chosen) : null;
}

/** R22: a company outside the US takes invoices only once the sync has a tax code for their lines. */
export function requireTaxCodeWhenNeeded(session: AdapterSession): void {
  const { country } = session.connection;
  if (taxPerLine(session) && !defaultTaxCode(session)) {
    throw new RecordFailure(
      'non_us_company',
      `Invoices cannot be sent to this QuickBooks company without a tax code: it is outside the US (in ${country}), and QuickBooks requires a tax code on every invoice line there, which HubSpot invoices do not carry. Choose the default tax code in the invoice sync settings, or sync invoices from QuickBooks to HubSpot only.`,
    );
  }
}

// One read of the company's tax codes per session: the invoices of a page share it.
const taxCodesOfSession = new WeakMap<AdapterSession['vendors'], Promise<Map<string, CompanyTaxCode>>>();

export function companyTaxCodes(session: AdapterSession): Promise<Map<string, CompanyTaxCode>> {
  let pending = taxCodesOfSession.get(session.vendors);
  if (!pending) {
    pending = session.vendors.qbo().then(async (qbo) => new Map((await readCompanyTaxCodes(qbo)).map((c) => [c.id, c])));
    taxCodesOfSession.set(session.vendors, pending);
    pending.catch(() => taxCodesOfSession.delete(session.vendors));
  }
  return pending;
}

export async function ratesOfCodes(session: AdapterSession): Promise<TaxRatesOfCode> {
  return new Map([...(await companyTaxCodes(session)).values()].map((c) => [c.id, c.rateIds]));
}

/**
 * The tax code of each line for a non-US company: the item's own sales tax code, else the default. Every
 * one must be an active sales code of the company, else the invoice fails with the code and its fix named
 * (QuickBooks would refuse it with a bare reference error).
 */
export async function lineTaxCodes(session: AdapterSession, items: readonly QboRecord[]): Promise<string[]> {
  const codes = await companyTaxCodes(session);
  const fallback = defaultTaxCode(session);
  return items.map((item) => {
    const own = (item.SalesTaxCodeRef as { value?: string } | undefined)?.value;
    const code = own || fallback;
    if (code && codes.has(code)) return code;
    const what = own ? `the sales tax code of the QuickBooks item “${typeof item.Name === 'string' ? item.Name : item.Id}” (#${own})` : `the default tax code chosen in the invoice sync settings (#${code ?? 'none'})`;
    const fix = own ? 'Give the item an active sales tax code in QuickBooks' : 'Choose another tax code in the invoice sync settings';
    throw new RecordFailure('tax_code_missing', `QuickBooks needs a tax code on every line of this invoice, but ${what} is not an active sales tax code of the company (made inactive or removed?). ${fix}, then retry.`);
  });
}

/**
 * Writes the tax QuickBooks computed per line onto the HubSpot line items it was sent from (same order),
 * where it differs. The invoice is in QuickBooks already: a refusal here is logged, not failed (failing
 * would send it again); the next change of the invoice writes the tax again.
 */
export async function writeQboTaxToLineItems(session: AdapterSession, invoice: QboRecord, sent: readonly InvoiceLine[]): Promise<void> {
  const taxed = linesOfQboInvoice(invoice, await ratesOfCodes(session));
  const updates = sent.flatMap((line, i) => {
    const tax = taxed[i]?.tax ?? 0;
    return line.lineItemId && (line.tax ?? 0) !== tax ? [{ id: line.lineItemId, properties: { tax: String(tax) } }] : [];
  });
  if (updates.length === 0) return;
  const warn = (reason: string) => session.ctx.logger.warn({ portalId: session.portalId, qboInvoiceId: invoice.Id, reason }, 'the tax QuickBooks computed could not be written to the HubSpot line items; they show it once the invoice changes again');
  try {
    const results = await loadMany(session.batcher, hubspotUpdateLoader(session, 'line_items'), updates);
    const refused = results.filter((r) => !r.ok);
    if (refused.length > 0) warn(`${refused.length} line item(s) refused`);
  } catch (err) {
    warn(err instanceof Error ? err.message : String(err));
  }
}

/**
 * QuickBooks' own refusal of a line without a tax code (6000 "Make sure all your transactions have a VAT
 * rate / GST/HST rate before you save."), as a failure a person can act on; undefined for any other error.
 */
export function missingTaxCodeFailure(err: unknown, what: string): RecordFailure | undefined {
  if (!(err instanceof QboApiError) || err.code !== '6000' || !/\b(VAT|GST|HST|tax) (rate|code)/i.test(err.detail ?? err.message)) return undefined;
  return new RecordFailure(
    'tax_code_missing',
    `QuickBooks refused ${what}: it needs a tax code on every line (${err.detail ?? err.message}). Choose the default tax code in the invoice sync settings, or give the products' QuickBooks items a sales tax code, then retry.`,
  );
}
