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

export function invoiceApplications(payment: QboRecord): Application[] {
  const lines = (Array.isArray(payment.Line) ? payment.Line : []) as Array<{ Amount?: number; LinkedTxn?: Array<{ TxnId?: string; TxnType?: string }> }>;
  const byInvoice = new Map<string, number>();
  for (const line of lines) {
    for (const link of line.LinkedTxn ?? []) {
      if (link.TxnType === 'Invoice' && link.TxnId) byInvoice.set(link.TxnId, round2((byInvoice.get(link.TxnId) ?? 0) + Number(line.Amount ?? 0)));
    }
  }
  return [...byInvoice].map(([invoiceId, amount]) => ({ invoiceId, amount }));
}

export function isVoided(payment: QboRecord): boolean {
  return payment.PrivateNote === 'Voided' && Number(payment.TotalAmt ?? 0) === 0;
}

export function unappliedAmount(payment: QboRecord): number {
  const applied = invoiceApplications(payment).reduce((sum, a) => sum + a.amount, 0);
  return round2(Math.max(0, Number(payment.TotalAmt ?? 0) - applied));
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
