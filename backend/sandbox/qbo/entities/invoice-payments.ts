/**
 * How a Payment's lines move invoice balances: each applied amount lowers the invoice Balance and
 * adds a `{TxnType:"Payment"}` LinkedTxn; that is a new invoice version (SyncToken bump, webhook).
 */
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { round2, stamp } from './common.ts';
import { saveInvoice } from './invoice.ts';

export interface Application {
  invoiceId: string;
  amount: number;
}

/** The invoice (or credit memo) applications a stored Payment carries. */
export function applicationsOf(payment: QboEntity | undefined, txnType: 'Invoice' | 'CreditMemo' = 'Invoice'): Application[] {
  const lines = (payment?.Line as Array<{ Amount: number; LinkedTxn?: Array<{ TxnId: string; TxnType: string }> }> | undefined) ?? [];
  return lines.flatMap((line) =>
    (line.LinkedTxn ?? []).filter((l) => l.TxnType === txnType).map((l) => ({ invoiceId: l.TxnId, amount: line.Amount })),
  );
}

/** Replaces a payment's credit-memo applications: RemainingCredit/Balance move, the memo links the payment. */
export function reapplyCredits(company: Company, paymentId: string, before: Application[], after: Application[]): void {
  const ids = new Set([...before, ...after].map((a) => a.invoiceId));
  for (const id of ids) {
    const memo = company.get('CreditMemo', id);
    if (!memo) continue;
    const change = before.filter((a) => a.invoiceId === id).reduce((s, a) => s + a.amount, 0) - after.filter((a) => a.invoiceId === id).reduce((s, a) => s + a.amount, 0);
    const linked = after.some((a) => a.invoiceId === id);
    const wasLinked = before.some((a) => a.invoiceId === id);
    if (change === 0 && linked === wasLinked) continue;
    const remaining = round2((memo.RemainingCredit as number) + change);
    const others = (memo.LinkedTxn as Array<{ TxnId: string; TxnType: string }>).filter((l) => !(l.TxnType === 'Payment' && l.TxnId === paymentId));
    company.put('CreditMemo', {
      ...memo,
      ...stamp(company, 'CreditMemo', memo),
      RemainingCredit: remaining,
      Balance: remaining,
      LinkedTxn: linked ? [...others, { TxnId: paymentId, TxnType: 'Payment' }] : others,
    });
    company.emit('CreditMemo', id, 'updated');
  }
}

function relink(company: Company, invoiceId: string, paymentId: string, delta: number, linked: boolean): void {
  const invoice = company.get('Invoice', invoiceId);
  if (!invoice) return;
  const others = (invoice.LinkedTxn as Array<{ TxnId: string; TxnType: string }>).filter(
    (l) => !(l.TxnType === 'Payment' && l.TxnId === paymentId),
  );
  const balance = round2((invoice.Balance as number) + delta);
  const next: QboEntity = {
    ...invoice,
    ...stamp(company, 'Invoice', invoice),
    LinkedTxn: linked ? [...others, { TxnId: paymentId, TxnType: 'Payment' }] : others,
    Balance: balance,
    HomeBalance: balance,
  };
  saveInvoice(company, next, invoice);
  company.emit('Invoice', invoiceId, 'updated');
}

/** Replaces a payment's applications: old ones are undone, new ones applied. */
export function reapply(company: Company, paymentId: string, before: Application[], after: Application[]): void {
  const delta = new Map<string, number>();
  for (const a of before) delta.set(a.invoiceId, (delta.get(a.invoiceId) ?? 0) + a.amount);
  for (const a of after) delta.set(a.invoiceId, (delta.get(a.invoiceId) ?? 0) - a.amount);
  const stillLinked = new Set(after.map((a) => a.invoiceId));
  for (const [invoiceId, change] of delta) {
    const wasLinked = before.some((a) => a.invoiceId === invoiceId);
    if (change === 0 && wasLinked === stillLinked.has(invoiceId)) continue;
    relink(company, invoiceId, paymentId, change, stillLinked.has(invoiceId));
  }
}
