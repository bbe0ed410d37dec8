/**
 * Payment: applies amounts to the customer's invoices (Line[].LinkedTxn), never more than an
 * invoice's open balance nor in total more than TotalAmt; the rest is UnappliedAmt. Lines with
 * `TxnType: "CreditMemo"` apply the customer's credit (never more than it has left): the invoices they
 * pay need that much less money, so TotalAmt = invoice amounts − credit applied.
 */
import { z } from 'zod';
import { qboDate } from '../core/clock.ts';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity, Ref } from '../state/types.ts';
import { existingForWrite, pick, refTo, resolveRef, round2, stamp } from './common.ts';
import { checkPeriodOpen } from './invoice.ts';
import { applicationsOf, reapply, reapplyCredits, type Application } from './invoice-payments.ts';
import { bool, envelopeFields, idString, num, readOnly, refSchema, str } from './schema-kit.ts';

const paymentLineSchema = z.strictObject({
  Id: idString.optional(),
  Amount: num.optional(),
  LinkedTxn: z.array(z.strictObject({ TxnId: idString, TxnType: str, TxnLineId: idString.optional() })).optional(),
  LineEx: readOnly,
});

export const paymentSchema = z.strictObject({
  ...envelopeFields,
  CustomerRef: refSchema.optional(),
  TotalAmt: num.optional(),
  Line: z.array(paymentLineSchema).optional(),
  TxnDate: str.optional(),
  DocNumber: str.optional(),
  PaymentRefNum: str.optional(),
  PaymentMethodRef: refSchema.optional(),
  DepositToAccountRef: refSchema.optional(),
  ARAccountRef: refSchema.optional(),
  PrivateNote: str.optional(),
  CurrencyRef: refSchema.optional(),
  ExchangeRate: num.optional(),
  ProcessPayment: bool.optional(),
  TxnSource: str.optional(),
  UnappliedAmt: readOnly,
  LinkedTxn: readOnly,
  CreditCardPayment: readOnly,
});

type PaymentLine = z.infer<typeof paymentLineSchema>;
const UNDEPOSITED_FUNDS = 'Undeposited Funds';

function lineEx(invoice: QboEntity): Record<string, unknown> {
  const nv = (name: string, value: string) => ({
    name: '{http://schema.intuit.com/finance/v3}NameValue',
    declaredType: 'com.intuit.schema.finance.v3.NameValue',
    scope: 'javax.xml.bind.JAXBElement$GlobalScope',
    value: { Name: name, Value: value },
    nil: false,
    globalScope: true,
    typeSubstituted: false,
  });
  return { any: [nv('txnId', invoice.Id), nv('txnOpenBalance', String(invoice.Balance)), nv('txnReferenceNumber', typeof invoice.DocNumber === 'string' ? invoice.DocNumber : '')] };
}

/** A credit memo applied by a payment line: never more than the credit it has left. */
function creditApplication(company: Company, customerId: string, line: PaymentLine, creditMemoId: string, previous: Application[], claimedSoFar: Application[]): Application {
  const memo = company.visible('CreditMemo', creditMemoId);
  if (!memo) throw faults.invalidReference(`CreditMemo ${creditMemoId} assigned to this transaction has been deleted or does not exist.`);
  if ((memo.CustomerRef as Ref).value !== customerId) throw faults.businessValidation(`Credit memo ${memo.Id} belongs to a different customer.`);
  const mine = previous.filter((a) => a.invoiceId === memo.Id).reduce((s, a) => s + a.amount, 0);
  const claimed = claimedSoFar.filter((a) => a.invoiceId === memo.Id).reduce((s, a) => s + a.amount, 0);
  const left = round2((memo.RemainingCredit as number) + mine - claimed);
  const amount = round2(line.Amount ?? 0);
  if (amount <= 0) throw faults.businessValidation('Applied credit amounts must be positive.');
  if (amount > left) throw faults.businessValidation(`The credit applied from credit memo ${memo.Id} (${amount}) exceeds its remaining credit (${left}).`);
  return { invoiceId: memo.Id, amount };
}

function applications(
  company: Company,
  customerId: string,
  lines: PaymentLine[],
  previous: Application[],
  previousCredits: Application[],
): { out: Record<string, unknown>[]; apps: Application[]; credits: Application[] } {
  const out: Record<string, unknown>[] = [];
  const apps: Application[] = [];
  const credits: Application[] = [];
  for (const line of lines) {
    if (line.Amount === undefined) throw faults.requiredParam('Line.Amount');
    const link = line.LinkedTxn?.[0];
    if (!link) throw faults.requiredParam('Line.LinkedTxn');
    if (link.TxnType === 'CreditMemo') {
      credits.push(creditApplication(company, customerId, line, link.TxnId, previousCredits, credits));
      out.push({ Amount: round2(line.Amount), LinkedTxn: [{ TxnId: link.TxnId, TxnType: 'CreditMemo' }] });
      continue;
    }
    if (link.TxnType !== 'Invoice') throw faults.businessValidation(`A payment applies to invoices and credit memos only (TxnType=${link.TxnType}).`);
    const invoice = company.visible('Invoice', link.TxnId);
    if (!invoice) throw faults.invalidReference(`Invoice ${link.TxnId} assigned to this transaction has been deleted or does not exist.`);
    if ((invoice.CustomerRef as Ref).value !== customerId) throw faults.businessValidation(`Invoice ${invoice.Id} belongs to a different customer.`);
    const alreadyMine = previous.filter((a) => a.invoiceId === invoice.Id).reduce((s, a) => s + a.amount, 0);
    const claimed = apps.filter((a) => a.invoiceId === invoice.Id).reduce((s, a) => s + a.amount, 0);
    const open = round2((invoice.Balance as number) + alreadyMine - claimed);
    const amount = round2(line.Amount);
    if (amount <= 0) throw faults.businessValidation('Applied payment amounts must be positive.');
    if (amount > open) throw faults.businessValidation(`The payment amount applied to invoice ${invoice.Id} (${amount}) exceeds its open balance (${open}).`);
    apps.push({ invoiceId: invoice.Id, amount });
    out.push({ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }], LineEx: lineEx(invoice) });
  }
  return { out, apps, credits };
}

export function savePayment(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const customer = resolveRef(company, 'Customer', input.CustomerRef as Ref | undefined, 'CustomerRef');
  if (input.TotalAmt === undefined) throw faults.requiredParam('TotalAmt');
  const total = round2(input.TotalAmt as number);
  if (total < 0) throw faults.businessValidation('TotalAmt cannot be negative.');
  const txnDate = typeof input.TxnDate === 'string' ? input.TxnDate : qboDate(company.nowMs());
  checkPeriodOpen(company, txnDate);
  if (existing) checkPeriodOpen(company, existing.TxnDate as string);
  const previous = applicationsOf(existing);
  const previousCredits = applicationsOf(existing, 'CreditMemo');
  const { out, apps, credits } = applications(company, customer.Id, (input.Line as PaymentLine[] | undefined) ?? [], previous, previousCredits);
  // Credit applied pays invoices too: the money received covers the rest (TotalAmt = invoices − credits).
  const credited = round2(credits.reduce((s, a) => s + a.amount, 0));
  const applied = round2(apps.reduce((s, a) => s + a.amount, 0) - credited);
  if (applied < 0) throw faults.businessValidation('The credit applied exceeds the invoice amounts it pays.');
  if (applied > total) throw faults.businessValidation('The amount received must be at least the total of the amounts applied to invoices.');
  const depositRef = input.DepositToAccountRef as Ref | undefined;
  const deposit = depositRef
    ? resolveRef(company, 'Account', depositRef, 'DepositToAccountRef')
    : company.get('Account', company.idByName('Account', UNDEPOSITED_FUNDS) ?? '');
  const currency = (customer.CurrencyRef as Ref).value;
  const payment: QboEntity = {
    ...stamp(company, 'Payment', existing),
    ...pick(input, ['DocNumber', 'PaymentRefNum', 'PaymentMethodRef', 'PrivateNote', 'TxnSource']),
    TxnDate: txnDate,
    CurrencyRef: { value: currency, name: currency },
    Line: out,
    CustomerRef: refTo(customer, 'DisplayName'),
    ...(deposit ? { DepositToAccountRef: { value: deposit.Id } } : {}),
    TotalAmt: total,
    UnappliedAmt: round2(total - applied),
    ProcessPayment: false,
    LinkedTxn: [],
  };
  company.put('Payment', payment);
  reapply(company, payment.Id, previous, apps);
  reapplyCredits(company, payment.Id, previousCredits, credits);
  return payment;
}

export function deletePayment(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = existingForWrite(company, 'Payment', id, syncToken);
  checkPeriodOpen(company, existing.TxnDate as string);
  reapply(company, existing.Id, applicationsOf(existing), []);
  reapplyCredits(company, existing.Id, applicationsOf(existing, 'CreditMemo'), []);
  company.remove('Payment', existing.Id);
  return { Id: existing.Id, status: 'Deleted', domain: 'QBO' } as unknown as QboEntity;
}

/** Void keeps the payment with zero amounts and releases the invoices it paid. */
export function voidPayment(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = existingForWrite(company, 'Payment', id, syncToken);
  checkPeriodOpen(company, existing.TxnDate as string);
  reapply(company, existing.Id, applicationsOf(existing), []);
  reapplyCredits(company, existing.Id, applicationsOf(existing, 'CreditMemo'), []);
  const voided: QboEntity = {
    ...existing,
    ...stamp(company, 'Payment', existing),
    Line: [],
    TotalAmt: 0,
    UnappliedAmt: 0,
    PrivateNote: 'Voided',
  };
  company.put('Payment', voided);
  return voided;
}
