/**
 * Estimate and CreditMemo (Finance.xsd): sales forms with the invoice's lines and automated sales tax.
 * - Estimate: `TxnStatus` Pending (default) / Accepted / Rejected / Closed, `ExpirationDate`; an invoice
 *   created with `LinkedTxn [{TxnType:"Estimate"}]` closes it and both carry the link (reference §1.3:
 *   "on create you may link Estimates").
 * - CreditMemo: money owed to the customer: `RemainingCredit` (= `Balance`) falls as payments apply it
 *   (Payment lines with `LinkedTxn [{TxnType:"CreditMemo"}]`, reference §1.4 "also CreditMemo lines").
 * Both are transactions: `operation=delete` removes them (a credit memo only while no payment applies it).
 */
import { z } from 'zod';
import { qboDate } from '../core/clock.ts';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity, Ref } from '../state/types.ts';
import { existingForWrite, pick, refTo, resolveRef, round2, stamp } from './common.ts';
import { checkPeriodOpen } from './invoice.ts';
import { computeLines, lineSchema, type LineInput } from './invoice-lines.ts';
import { salesTaxOf } from './sales-tax.ts';
import { addressSchema, emailSchema, envelopeFields, idString, num, readOnly, refSchema, str } from './schema-kit.ts';

const common = {
  ...envelopeFields,
  CustomerRef: refSchema.optional(),
  Line: z.array(lineSchema).optional(),
  DocNumber: idString.optional(),
  TxnDate: str.optional(),
  BillEmail: emailSchema.optional(),
  BillAddr: addressSchema.optional(),
  ShipAddr: addressSchema.optional(),
  PrivateNote: str.optional(),
  CustomerMemo: z.strictObject({ value: str }).optional(),
  ClassRef: refSchema.optional(),
  DepartmentRef: refSchema.optional(),
  SalesTermRef: refSchema.optional(),
  TxnTaxDetail: z.strictObject({ TxnTaxCodeRef: refSchema.optional(), TotalTax: num.optional(), TaxLine: readOnly }).optional(),
  CurrencyRef: refSchema.optional(),
  TotalAmt: readOnly,
  HomeTotalAmt: readOnly,
  LinkedTxn: readOnly,
  CustomField: readOnly,
};

export const estimateSchema = z.strictObject({
  ...common,
  TxnStatus: z.enum(['Pending', 'Accepted', 'Rejected', 'Closed']).optional(),
  ExpirationDate: str.optional(),
  AcceptedBy: str.optional(),
  AcceptedDate: str.optional(),
});

export const creditMemoSchema = z.strictObject({ ...common, RemainingCredit: readOnly, Balance: readOnly });

const WRITABLE = ['BillEmail', 'BillAddr', 'ShipAddr', 'PrivateNote', 'CustomerMemo', 'DocNumber'] as const;

/** The parts of a sales form every kind shares: customer, refs, lines, tax, total. */
function salesForm(company: Company, entity: 'Estimate' | 'CreditMemo', input: Record<string, unknown>, existing: QboEntity | undefined): QboEntity {
  const customer = resolveRef(company, 'Customer', input.CustomerRef as Ref | undefined, 'CustomerRef');
  const computed = computeLines(company, input.Line as LineInput[] | undefined);
  const { totalTax, addedToTotal, lines, taxLines } = salesTaxOf(company, customer, computed.lines, input);
  const totalAmt = round2(computed.totalAmt + addedToTotal);
  if (totalAmt < 0) throw faults.businessValidation('Transaction amount must be positive.');
  const txnDate = typeof input.TxnDate === 'string' ? input.TxnDate : qboDate(company.nowMs());
  checkPeriodOpen(company, txnDate);
  const refs: Record<string, unknown> = {};
  for (const [field, target] of [['ClassRef', 'Class'], ['DepartmentRef', 'Department'], ['SalesTermRef', 'Term']] as const) {
    const ref = input[field] as Ref | undefined;
    if (ref) refs[field] = refTo(resolveRef(company, target, ref, field));
  }
  const currency = (customer.CurrencyRef as Ref).value;
  return {
    ...stamp(company, entity, existing),
    ...pick(input, WRITABLE),
    ...refs,
    TxnDate: txnDate,
    CurrencyRef: { value: currency, name: currency },
    CustomerRef: refTo(customer, 'DisplayName'),
    Line: lines,
    TxnTaxDetail: { TotalTax: totalTax, ...(taxLines.length > 0 ? { TaxLine: taxLines } : {}) },
    TotalAmt: totalAmt,
    HomeTotalAmt: totalAmt,
    LinkedTxn: (existing?.LinkedTxn) ?? [],
  };
}

export function buildEstimate(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  if (existing?.TxnStatus === 'Closed' && (existing.LinkedTxn as unknown[]).length > 0) {
    throw faults.businessValidation('This estimate is closed: an invoice was created from it.');
  }
  return {
    ...salesForm(company, 'Estimate', input, existing),
    TxnStatus: typeof input.TxnStatus === 'string' ? input.TxnStatus : 'Pending',
    ...pick(input, ['ExpirationDate', 'AcceptedBy', 'AcceptedDate']),
  };
}

export function buildCreditMemo(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const form = salesForm(company, 'CreditMemo', input, existing);
  const applied = existing ? round2((existing.TotalAmt as number) - (existing.RemainingCredit as number)) : 0;
  if (applied > (form.TotalAmt as number)) throw faults.businessValidation('The credit memo total cannot be less than the credit already applied.');
  const remaining = round2((form.TotalAmt as number) - applied);
  return { ...form, RemainingCredit: remaining, Balance: remaining };
}

/** An invoice linking an estimate closes it; the estimate links the invoice back. */
export function closeEstimate(company: Company, estimateId: string, invoiceId: string): void {
  const estimate = company.get('Estimate', estimateId);
  if (!estimate) return;
  company.put('Estimate', {
    ...estimate,
    ...stamp(company, 'Estimate', estimate),
    TxnStatus: 'Closed',
    LinkedTxn: [...(estimate.LinkedTxn as unknown[]), { TxnId: invoiceId, TxnType: 'Invoice' }],
  });
  company.emit('Estimate', estimateId, 'updated');
}

/** The estimate an invoice create links (`LinkedTxn [{TxnType:"Estimate"}]`), checked. */
export function linkedEstimate(company: Company, input: Record<string, unknown>, customerId: string): QboEntity | undefined {
  const links = (input.LinkedTxn as Array<{ TxnId: string; TxnType: string }> | undefined) ?? [];
  const link = links.find((l) => l.TxnType === 'Estimate');
  if (links.some((l) => l.TxnType !== 'Estimate')) throw faults.businessValidation('An invoice can only be linked to estimates when it is created; payments link themselves.');
  if (!link) return undefined;
  const estimate = company.visible('Estimate', link.TxnId);
  if (!estimate) throw faults.invalidReference(`Estimate ${link.TxnId} assigned to this transaction has been deleted or does not exist.`);
  if ((estimate.CustomerRef as Ref).value !== customerId) throw faults.businessValidation(`Estimate ${estimate.Id} belongs to a different customer.`);
  if (estimate.TxnStatus === 'Closed') throw faults.businessValidation(`Estimate ${estimate.Id} is closed.`);
  return estimate;
}

export function deleteCreditMemo(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = existingForWrite(company, 'CreditMemo', id, syncToken);
  if ((existing.LinkedTxn as Array<{ TxnType: string }>).some((l) => l.TxnType === 'Payment')) {
    throw faults.businessValidation('You cannot delete a credit memo that a payment applies. Remove it from the payment first.');
  }
  company.remove('CreditMemo', existing.Id);
  return { Id: existing.Id, status: 'Deleted', domain: 'QBO' } as unknown as QboEntity;
}

export function deleteEstimate(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = existingForWrite(company, 'Estimate', id, syncToken);
  company.remove('Estimate', existing.Id);
  return { Id: existing.Id, status: 'Deleted', domain: 'QBO' } as unknown as QboEntity;
}
