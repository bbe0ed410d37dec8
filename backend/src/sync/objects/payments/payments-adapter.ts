/**
 * Payments (R19–R21, R30). QuickBooks → HubSpot: each payment becomes a HubSpot payment associated with
 * its invoice (synced first through the invoices sync) and that invoice's deals. A payment applied to
 * several invoices is excluded (HubSpot cannot split a payment, R21); money not applied to an invoice
 * is left out and said so on the payment. Deleted or voided payments take back the HubSpot payment we
 * created. HubSpot writes are upserts keyed by the unique `qbo_payment_id`.
 * HubSpot → QuickBooks (two-way): a payment collected in HubSpot on an invoice linked to QuickBooks is
 * recorded there once it has succeeded — a payment still processing (ACH) never marks the QuickBooks
 * invoice paid (R20) — for its full amount, with no expense booked for processing fees (R19).
 */
import type { AdapterSession, ObjectAdapter, RecordExclusion } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import { loadMany, loadOne } from '../../engine/page-batcher.ts';
import { syncedCounterpart } from '../../engine/synced-counterpart.ts';
import { hubspotAssociateLoader, hubspotAssociatedIdsLoader, hubspotReadByIdLoader, hubspotUpdateLoader, hubspotUpsertLoader } from '../../loaders/hubspot-loaders.ts';
import { qboCreateLoader, qboReadByIdLoader } from '../../loaders/qbo-loaders.ts';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import type { HubSpotRecord, MappedValues, QboRecord } from '../../types.ts';
import { cataloguesFor, type ObjectCatalogues } from '../../mappings/catalogues.ts';
import { qboValues as extractQboValues } from '../../mappings/extract-values.ts';
import { COMPUTED_PAYMENT_APPLIED, COMPUTED_PAYMENT_METHOD, COMPUTED_PAYMENT_NOTE, COMPUTED_PAYMENT_STATUS } from '@quickbooks-sync/contract/definitions';
import { ensureQboLinkProperty } from '../qbo-link-property.ts';
import { invoicesAdapter } from '../invoices/invoices-adapter.ts';
import { creditApplications, hubspotPaymentMethod, invoiceApplications, isVoided, moneyApplied, unappliedAmount } from './payment-facts.ts';

export const QBO_PAYMENT_ID_PROPERTY = 'qbo_payment_id';
const catalogues = cataloguesFor('payments') as ObjectCatalogues;
const PAYMENT_LINK = {
  objectType: 'commerce_payments',
  name: QBO_PAYMENT_ID_PROPERTY,
  label: 'QuickBooks payment ID',
  description: 'Set by the QuickBooks sync app: the QuickBooks Online payment this payment copies.',
};

function paymentProperties(session: AdapterSession): string[] {
  const mapped = session.mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@'));
  return [...new Set([...mapped, 'hs_initial_amount', 'hs_initiated_date', 'hs_latest_status', 'hs_reference_number', 'hs_fees_amount', 'hs_createdate', 'hs_lastmodifieddate', QBO_PAYMENT_ID_PROPERTY])];
}

/** A payment collected in HubSpot goes to QuickBooks only once it has succeeded (R20). Our own copies are not HubSpot's payments. */
function hubspotPaymentExclusion(payment: HubSpotRecord): RecordExclusion | null {
  if (payment.properties[QBO_PAYMENT_ID_PROPERTY]) return null;
  const status = payment.properties.hs_latest_status ?? '';
  if (status === 'processing') {
    return { reasonCode: 'payment_processing', message: 'Still processing in HubSpot (bank payments take a few days). It is recorded in QuickBooks once it succeeds, so the QuickBooks invoice is not marked paid before the money is in (R20).' };
  }
  if (status !== 'succeeded') return { reasonCode: 'payment_not_succeeded', message: `This HubSpot payment's status is “${status || 'unknown'}”; only succeeded payments are recorded in QuickBooks.` };
  return null;
}

/** The QuickBooks payment for a HubSpot payment of `invoice`: its full amount; fees are not booked as an expense (R19). */
function qboPaymentFor(payment: HubSpotRecord, invoice: QboRecord): Record<string, unknown> {
  const p = payment.properties;
  const amount = Math.round(Number(p.hs_initial_amount ?? 0) * 100) / 100;
  return {
    CustomerRef: invoice.CustomerRef,
    TotalAmt: amount,
    ...(p.hs_initiated_date ? { TxnDate: p.hs_initiated_date.slice(0, 10) } : {}),
    ...(p.hs_reference_number ? { PaymentRefNum: p.hs_reference_number.slice(0, 21) } : {}),
    PrivateNote: `Paid in HubSpot (payment #${payment.id}).`,
    Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
  };
}

const money = (n: number) => n.toFixed(2);

export const paymentsAdapter: ObjectAdapter = {
  objectType: 'payments',
  hubspotNoun: 'payment',
  qboNoun: 'payment',
  createOnlyMappingIds: [],
  pairsByLinkOnly: true,
  // Our copies of QuickBooks payments never send HubSpot edits back.
  qboUpdatesOnlyForHubSpotOrigin: true,
  hubspotReadProperties: paymentProperties,

  exclusionOf: (_session, side, record) => {
    if (side === 'hubspot') return hubspotPaymentExclusion(record as HubSpotRecord);
    const payment = record as QboRecord;
    if (isVoided(payment)) return { reasonCode: 'voided_in_quickbooks', message: 'Voided in QuickBooks; the HubSpot payment we created for it (if any) was archived.', reverse: true };
    const applications = invoiceApplications(payment);
    if (applications.length > 1) {
      return {
        reasonCode: 'applied_to_several_invoices',
        message: `This payment is applied to ${applications.length} invoices (${applications.map((a) => `#${a.invoiceId}`).join(', ')}). HubSpot cannot split one payment across invoices, so it is not synced (R21); the invoices still show as paid in HubSpot.`,
        reverse: true,
      };
    }
    if (applications.length === 0) return { reasonCode: 'not_applied', message: 'This payment is not applied to any invoice in QuickBooks, so there is nothing it pays in HubSpot. Apply it to an invoice to sync it.' };
    if (moneyApplied(payment) === 0) {
      const memos = creditApplications(payment).map((c) => `#${c.invoiceId}`).join(', ');
      return {
        reasonCode: 'credit_only',
        message: `This QuickBooks payment only applies credit memo ${memos} to invoice #${applications[0]!.invoiceId}: no money was received, so there is no HubSpot payment. The invoice still shows its balance (paid when nothing is left) in HubSpot.`,
        reverse: true,
      };
    }
    return null;
  },
  archiveHubSpot: async (session, hubspotId) => session.vendors.hubspot.batchArchive('commerce_payments', [hubspotId]),

  readHubSpot: (session, id) => loadOne(session.batcher, hubspotReadByIdLoader(session, 'commerce_payments', paymentProperties(session)), id),
  readQbo: (session, id) => loadOne(session.batcher, qboReadByIdLoader(session, 'Payment', { nameList: false }), id),

  hubspotMatchKey: () => null,
  noMatchKeyMessage: () => 'Payments are never matched, only linked.',
  qboMatchKey: () => null,
  findQboMatches: () => Promise.resolve([]),
  findHubSpotMatches: () => Promise.resolve([]),

  // Payments only flow QuickBooks → HubSpot, so HubSpot values serve comparisons only.
  hubspotValues: (session, record) => {
    const values: MappedValues = {};
    for (const mapping of session.mappings) {
      if (!mapping.enabled) continue;
      const raw = record.properties[mapping.hubspotProperty];
      values[mapping.id] = raw === undefined || raw === '' ? null : raw;
    }
    return Promise.resolve(values);
  },
  qboValues: (session, record) => {
    const values = extractQboValues(record, session.mappings, { catalogues });
    const unapplied = unappliedAmount(record);
    const credited = creditApplications(record);
    const notes = [
      unapplied > 0 ? `QuickBooks payment #${record.Id}: ${money(unapplied)} not applied to an invoice is not included.` : null,
      credited.length > 0 ? `${money(credited.reduce((sum, c) => sum + c.amount, 0))} of the invoice was settled by QuickBooks credit memo ${credited.map((c) => `#${c.invoiceId}`).join(', ')}, not by this payment.` : null,
    ].filter((n): n is string => n !== null);
    const computed: Record<string, string | number | null> = {
      [COMPUTED_PAYMENT_APPLIED]: moneyApplied(record),
      [COMPUTED_PAYMENT_METHOD]: hubspotPaymentMethod(record),
      // A payment is recorded in QuickBooks once the money is in; QuickBooks has no "processing" state.
      [COMPUTED_PAYMENT_STATUS]: 'succeeded',
      [COMPUTED_PAYMENT_NOTE]: notes.length > 0 ? notes.join(' ') : null,
    };
    for (const mapping of session.mappings) if (mapping.enabled && mapping.qboField in computed) values[mapping.id] = computed[mapping.qboField] ?? null;
    return values;
  },
  describeHubSpot: (record) => ({ displayName: `Payment ${record.properties.hs_reference_number ?? `#${record.id}`}`, email: null }),
  describeQbo: (record) => ({ displayName: `Payment ${typeof record.PaymentRefNum === 'string' ? record.PaymentRefNum : `#${record.Id}`} (${money(Number(record.TotalAmt ?? 0))})`, email: null }),

  createQbo: async (session, _values, requestId, pair) => {
    const payment = pair?.hubspot;
    if (!payment) throw new Error('payments: a QuickBooks payment is created from a HubSpot payment');
    const invoices = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'commerce_payments', 'invoices'), payment.id);
    const invoiceId = [...invoices].sort((a, b) => Number(a) - Number(b))[0];
    if (!invoiceId) throw new RecordFailure('no_invoice', 'This HubSpot payment is not associated with an invoice, so there is no QuickBooks invoice it pays. Associate it with its invoice.');
    const linked = await syncedCounterpart(session, invoicesAdapter, 'hubspot', invoiceId, `The payment's HubSpot invoice #${invoiceId}`);
    if (!linked.ok) throw new RecordFailure('invoice_not_synced', linked.message);
    const invoice = await loadOne(session.batcher, qboReadByIdLoader(session, 'Invoice', { nameList: false }), linked.id);
    if (!invoice) throw new RecordFailure('invoice_not_synced', `The linked QuickBooks invoice #${linked.id} no longer exists.`);
    try {
      return await loadOne(session.batcher, qboCreateLoader(session, 'Payment'), { body: qboPaymentFor(payment, invoice), requestId });
    } catch (err) {
      if (err instanceof QboApiError && err.kind === 'validation') throw new RecordFailure('qbo_rejected', `QuickBooks refused the payment: ${err.message}`);
      throw err;
    }
  },
  // Nothing maps toward QuickBooks, so a recorded payment is never changed from HubSpot (refunds are booked in QuickBooks).
  updateQbo: (_session, _values, existing) => Promise.resolve(existing),
  upsertHubSpot: async (session, values, qboId, existingId, pair) => {
    await ensureQboLinkProperty(session, PAYMENT_LINK);
    const properties: Record<string, string> = { [QBO_PAYMENT_ID_PROPERTY]: qboId };
    for (const mapping of session.mappings) {
      if (!mapping.enabled || !(mapping.id in values) || catalogues.hubspot[mapping.hubspotProperty]?.readOnly) continue;
      const value = values[mapping.id];
      properties[mapping.hubspotProperty] = value === null || value === undefined ? '' : String(value);
    }
    let invoice: string | null = null;
    if (!existingId) {
      const application = pair?.qbo ? invoiceApplications(pair.qbo)[0] : undefined;
      if (!application) throw new RecordFailure('not_applied', 'This payment is not applied to an invoice.');
      const linked = await syncedCounterpart(session, invoicesAdapter, 'qbo', application.invoiceId, `The payment's QuickBooks invoice #${application.invoiceId}`);
      if (!linked.ok) throw new RecordFailure('invoice_not_synced', linked.message);
      invoice = linked.id;
    }
    const result = existingId
      ? await loadOne(session.batcher, hubspotUpdateLoader(session, 'commerce_payments'), { id: existingId, properties })
      : await loadOne(session.batcher, hubspotUpsertLoader(session, 'commerce_payments', QBO_PAYMENT_ID_PROPERTY), { id: qboId, properties });
    if (!result.ok) {
      if (result.error.retryable) throw result.error;
      throw new RecordFailure('hubspot_rejected', `HubSpot refused the payment: ${result.error.message}`);
    }
    if (invoice) {
      // Associated with its invoice (so HubSpot shows it paid) and that invoice's deals (the deal card, R30).
      const deals = await loadOne(session.batcher, hubspotAssociatedIdsLoader(session, 'invoices', 'deals'), invoice);
      await loadOne(session.batcher, hubspotAssociateLoader(session, 'commerce_payments', 'invoices'), { from: result.record.id, to: invoice });
      await loadMany(session.batcher, hubspotAssociateLoader(session, 'commerce_payments', 'deals'), deals.map((deal) => ({ from: result.record.id, to: deal })));
    }
    return result.record;
  },
};
