/**
 * The deal card's payment details (R30): the deal's invoices (HubSpot associations), their QuickBooks
 * counterparts (our links) read live from QuickBooks with the payments applied to them, and HubSpot's
 * own payments of those invoices (a HubSpot payment may still be processing, R20). A handful of calls
 * whatever the account's size: one association read, two QuickBooks queries, one batch read.
 */
import type { AppContext } from '../jobs/context.ts';
import { hubspotClientFor } from '../vendors/hubspot/client.ts';
import { qboSyncClientFor } from '../vendors/quickbooks/client-for.ts';
import { qboString } from '../vendors/quickbooks/query.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { SYNC_RECORDS, type DBSyncRecord } from '../db/sync-records.ts';
import { httpErrors } from '../http/errors.ts';
import { qboAppBaseUrl } from '../connections/config.ts';
import type { DealPayment, DealPaymentsResponse } from '@quickbooks-sync/contract';
import type { QboRecord } from '../sync/types.ts';
import { statusOfQboInvoice } from '../sync/objects/invoices/invoice-status.ts';
import { hubspotPaymentMethod, invoiceApplications, moneyApplied } from '../sync/objects/payments/payment-facts.ts';
import { QBO_PAYMENT_ID_PROPERTY } from '../sync/objects/payments/payments-adapter.ts';

/** A deal with more invoices than this shows the first ones (keeps the answer small and fast). */
const MAX_INVOICES = 100;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function qboByIds(ctx: AppContext, portalId: number, entity: 'Invoice' | 'Payment', ids: string[]): Promise<Map<string, QboRecord>> {
  if (ids.length === 0) return new Map();
  const qbo = await qboSyncClientFor(ctx, portalId);
  const out = new Map<string, QboRecord>();
  for await (const page of qbo.queryAll(entity, `Id IN (${[...new Set(ids)].map(qboString).join(', ')})`)) for (const r of page.records) out.set(r.Id, r);
  return out;
}

export async function dealPayments(ctx: AppContext, portalId: number, dealId: string): Promise<DealPaymentsResponse> {
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') throw httpErrors.conflict('QuickBooks is not connected: reconnect it in the app settings to see payments.', { reason: 'qbo_not_connected' });
  const hubspot = hubspotClientFor(ctx, portalId);
  const invoiceIds = ((await hubspot.associatedIds('deals', 'invoices', [dealId])).get(dealId) ?? []).sort((a, b) => Number(a) - Number(b)).slice(0, MAX_INVOICES);
  if (invoiceIds.length === 0) return { dealId, invoices: [], totals: { paid: 0, open: 0, processing: 0 } };

  const rows = await ctx.db(SYNC_RECORDS).where({ portal_id: portalId, object_type: 'invoices' }).whereIn('hubspot_id', invoiceIds).select<DBSyncRecord[]>('*');
  const rowOf = new Map(rows.map((r) => [r.hubspot_id!, r]));
  const qboInvoices = await qboByIds(ctx, portalId, 'Invoice', rows.map((r) => r.qbo_id).filter((id): id is string => id !== null));
  const paymentIds = [...qboInvoices.values()].flatMap((inv) => ((inv.LinkedTxn as Array<{ TxnId: string; TxnType: string }> | undefined) ?? []).filter((l) => l.TxnType === 'Payment').map((l) => l.TxnId));
  const qboPayments = await qboByIds(ctx, portalId, 'Payment', paymentIds);

  // HubSpot's own payments of these invoices; our copies of QuickBooks payments are already listed.
  const hubspotPaymentIds = await hubspot.associatedIds('invoices', 'commerce_payments', invoiceIds);
  const allHubSpotPaymentIds = [...new Set([...hubspotPaymentIds.values()].flat())];
  const hubspotPayments = allHubSpotPaymentIds.length
    ? (await hubspot.batchRead('commerce_payments', allHubSpotPaymentIds, ['hs_initial_amount', 'hs_initiated_date', 'hs_payment_method', 'hs_latest_status', 'hs_reference_number', QBO_PAYMENT_ID_PROPERTY])).records
    : [];
  const ownPayments = new Map(hubspotPayments.filter((p) => !p.properties[QBO_PAYMENT_ID_PROPERTY]).map((p) => [p.id, p]));

  const totals = { paid: 0, open: 0, processing: 0 };
  const invoices = invoiceIds.map((hubspotInvoiceId) => {
    const row = rowOf.get(hubspotInvoiceId);
    const qboInvoice = row?.qbo_id ? qboInvoices.get(row.qbo_id) : undefined;
    const payments: DealPayment[] = [];
    if (qboInvoice) {
      for (const payment of qboPayments.values()) {
        const applied = invoiceApplications(payment).find((a) => a.invoiceId === qboInvoice.Id);
        if (!applied) continue;
        // A payment that also applies a credit memo brought in only the money part (the rest was credit).
        const amount = invoiceApplications(payment).length === 1 ? moneyApplied(payment) : applied.amount;
        if (amount === 0) continue;
        payments.push({
          source: 'quickbooks',
          id: payment.Id,
          amount,
          date: typeof payment.TxnDate === 'string' ? payment.TxnDate : null,
          method: hubspotPaymentMethod(payment),
          status: 'succeeded',
          reference: typeof payment.PaymentRefNum === 'string' ? payment.PaymentRefNum : null,
        });
      }
    }
    for (const id of hubspotPaymentIds.get(hubspotInvoiceId) ?? []) {
      const own = ownPayments.get(id);
      if (!own) continue;
      payments.push({
        source: 'hubspot',
        id,
        amount: Number(own.properties.hs_initial_amount ?? 0),
        date: own.properties.hs_initiated_date?.slice(0, 10) ?? null,
        method: own.properties.hs_payment_method ?? null,
        status: own.properties.hs_latest_status ?? 'unknown',
        reference: own.properties.hs_reference_number ?? null,
      });
    }
    for (const p of payments) {
      if (p.status === 'processing') totals.processing = round2(totals.processing + p.amount);
      else if (p.source === 'quickbooks' || p.status === 'succeeded') totals.paid = round2(totals.paid + p.amount);
    }
    const balance = qboInvoice ? Number(qboInvoice.Balance ?? 0) : null;
    if (balance !== null) totals.open = round2(totals.open + balance);
    return {
      hubspotInvoiceId,
      qboInvoiceId: row?.qbo_id ?? null,
      number: qboInvoice && typeof qboInvoice.DocNumber === 'string' ? qboInvoice.DocNumber : null,
      syncState: row?.state ?? 'not_synced',
      total: qboInvoice ? Number(qboInvoice.TotalAmt ?? 0) : null,
      balance,
      status: qboInvoice ? statusOfQboInvoice(qboInvoice) : ('unknown' as const),
      dueDate: qboInvoice && typeof qboInvoice.DueDate === 'string' ? qboInvoice.DueDate : null,
      currency: (qboInvoice?.CurrencyRef as { value?: string } | undefined)?.value ?? connection.homeCurrency ?? null,
      qboUrl: qboInvoice ? `${qboAppBaseUrl(ctx.env)}/app/invoice?txnId=${encodeURIComponent(qboInvoice.Id)}` : null,
      payments,
    };
  });
  return { dealId, invoices, totals };
}
