/**
 * What a QuickBooks payment means for HubSpot: the invoices it pays and how much of it they got, its
 * method in HubSpot's words, and whether it was voided. Pure functions of the payment.
 */
import type { QboRecord } from '../../types.ts';

export interface Application {
  invoiceId: string;
  amount: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function applicationsTo(payment: QboRecord, txnType: 'Invoice' | 'CreditMemo'): Application[] {
  const lines = (Array.isArray(payment.Line) ? payment.Line : []) as Array<{ Amount?: number; LinkedTxn?: Array<{ TxnId?: string; TxnType?: string }> }>;
  const byTxn = new Map<string, number>();
  for (const line of lines) {
    for (const link of line.LinkedTxn ?? []) {
      if (link.TxnType === txnType && link.TxnId) byTxn.set(link.TxnId, round2((byTxn.get(link.TxnId) ?? 0) + Number(line.Amount ?? 0)));
    }
  }
  return [...byTxn].map(([invoiceId, amount]) => ({ invoiceId, amount }));
}

/** The invoices the payment settles, with the amount each got (money and credit together). */
export function invoiceApplications(payment: QboRecord): Application[] {
  return applicationsTo(payment, 'Invoice');
}

/** Credit memos the payment applies (QuickBooks lines with LinkedTxn TxnType "CreditMemo"); `invoiceId` holds the memo's id. */
export function creditApplications(payment: QboRecord): Application[] {
  return applicationsTo(payment, 'CreditMemo');
}

/**
 * Money of this payment that went to invoices: what they got less the credit applied with it (a payment
 * of 70 settling a 100 invoice with a 30 credit memo paid 70). This is what a HubSpot payment records.
 */
export function moneyApplied(payment: QboRecord): number {
  const invoices = invoiceApplications(payment).reduce((sum, a) => sum + a.amount, 0);
  const credits = creditApplications(payment).reduce((sum, a) => sum + a.amount, 0);
  return round2(Math.max(0, invoices - credits));
}

export function isVoided(payment: QboRecord): boolean {
  return payment.PrivateNote === 'Voided' && Number(payment.TotalAmt ?? 0) === 0;
}

export function unappliedAmount(payment: QboRecord): number {
  return round2(Math.max(0, Number(payment.TotalAmt ?? 0) - moneyApplied(payment)));
}

export type HubSpotPaymentMethod = 'ach' | 'card' | 'check' | 'cash' | 'bank_transfer' | 'other';

/** QuickBooks names payment methods freely ("Visa", "Check"); HubSpot has a fixed list. */
export function hubspotPaymentMethod(payment: QboRecord): HubSpotPaymentMethod {
  const name = ((payment.PaymentMethodRef as { name?: string } | undefined)?.name ?? '').trim().toLowerCase();
  if (name === '') return 'other';
  if (/^(ach|e-?check|echeck)/.test(name)) return 'ach';
  if (/(card|visa|master|amex|american express|discover)/.test(name)) return 'card';
  if (/cheque|check/.test(name)) return 'check';
  if (/cash/.test(name)) return 'cash';
  if (/(wire|transfer|bank)/.test(name)) return 'bank_transfer';
  return 'other';
}
