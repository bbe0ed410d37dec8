/**
 * Invoice: lines → TotalAmt, Balance = TotalAmt − payments applied, DocNumber rules (auto-numbering
 * unless custom transaction numbers, 6140 duplicates unless allowduplicatedocnum), closed books
 * (6200), hard delete and void. Payments link themselves in via ./invoice-payments.ts.
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity, Ref } from '../state/types.ts';
import { existingForWrite, pick, refTo, resolveRef, round2, stamp, type WriteOptions } from './common.ts';
import { adjustCustomerBalance } from './customer.ts';
import { salesTaxOf } from './sales-tax.ts';
import { closeEstimate, linkedEstimate } from './sales-forms.ts';
import { dueDateOf } from './term-class-department.ts';
import { computeLines, lineSchema, type LineInput } from './invoice-lines.ts';
import { bookCloseDate, customFieldDefinitions, customTxnNumbers } from './preferences-read.ts';
import { addressSchema, bool, customFieldSchema, emailSchema, envelopeFields, idString, num, readOnly, refSchema, str } from './schema-kit.ts';
import { qboDate } from '../core/clock.ts';

export const invoiceSchema = z.strictObject({
  ...envelopeFields,
  CustomerRef: refSchema.optional(),
  Line: z.array(lineSchema).optional(),
  // Jackson coerces a JSON number to the string field, so 1042 and "1042" both work.
  DocNumber: idString.optional(),
  TxnDate: str.optional(),
  DueDate: str.optional(),
  ShipDate: str.optional(),
  BillEmail: emailSchema.optional(),
  BillEmailCc: emailSchema.optional(),
  BillEmailBcc: emailSchema.optional(),
  BillAddr: addressSchema.optional(),
  ShipAddr: addressSchema.optional(),
  PrivateNote: str.optional(),
  CustomerMemo: z.strictObject({ value: str }).optional(),
  CurrencyRef: refSchema.optional(),
  ExchangeRate: num.optional(),
  CustomField: z.array(customFieldSchema).optional(),
  SalesTermRef: refSchema.optional(),
  ClassRef: refSchema.optional(),
  DepartmentRef: refSchema.optional(),
  TxnTaxDetail: z.strictObject({ TxnTaxCodeRef: refSchema.optional(), TotalTax: num.optional(), TaxLine: readOnly }).optional(),
  GlobalTaxCalculation: z.enum(['TaxInclusive', 'TaxExcluded', 'NotApplicable']).optional(),
  EmailStatus: z.enum(['NotSet', 'NeedToSend', 'EmailSent']).optional(),
  PrintStatus: z.enum(['NotSet', 'NeedToPrint', 'PrintComplete']).optional(),
  ApplyTaxAfterDiscount: bool.optional(),
  AllowOnlineCreditCardPayment: bool.optional(),
  AllowOnlineACHPayment: bool.optional(),
  AllowIPNPayment: readOnly,
  AllowOnlinePayment: readOnly,
  TrackingNum: str.optional(),
  TotalAmt: readOnly,
  Balance: readOnly,
  HomeBalance: readOnly,
  HomeTotalAmt: readOnly,
  Deposit: readOnly,
  // On create an invoice may link the estimates it bills; payments link themselves later.
  LinkedTxn: z.array(z.strictObject({ TxnId: idString, TxnType: str, TxnLineId: idString.optional() })).optional(),
  InvoiceLink: readOnly,
  DeliveryInfo: readOnly,
  FreeFormAddress: readOnly,
  ShipFromAddr: readOnly,
  TaxExemptionRef: readOnly,
});

const WRITABLE = ['ShipDate', 'BillEmail', 'BillEmailCc', 'BillEmailBcc', 'BillAddr', 'ShipAddr', 'PrivateNote', 'CustomerMemo', 'TrackingNum'] as const;

/** SalesTermRef, ClassRef and DepartmentRef must name active records (2500 / 610, like every reference). */
function trackingRefs(company: Company, input: Record<string, unknown>): { refs: Record<string, Ref>; term?: QboEntity } {
  const refs: Record<string, Ref> = {};
  let term: QboEntity | undefined;
  for (const [field, entity] of [['SalesTermRef', 'Term'], ['ClassRef', 'Class'], ['DepartmentRef', 'Department']] as const) {
    const ref = input[field] as Ref | undefined;
    if (!ref) continue;
    const target = resolveRef(company, entity, ref, field);
    refs[field] = refTo(target);
    if (entity === 'Term') term = target;
  }
  return { refs, ...(term ? { term } : {}) };
}
const MAX_DOC_NUMBER = 21;

export function checkPeriodOpen(company: Company, txnDate: string): void {
  const closed = bookCloseDate(company);
  if (closed !== undefined && txnDate <= closed) throw faults.periodClosed();
}

function docNumberFor(company: Company, input: Record<string, unknown>, existing: QboEntity | undefined, options: WriteOptions): string | undefined {
  let docNumber = typeof input.DocNumber === 'string' ? input.DocNumber : undefined;
  if (docNumber === 'AUTO_GENERATE' || (docNumber === undefined && !existing && !customTxnNumbers(company))) {
    do docNumber = String(++company.lastAutoDocNumber);
    while (company.invoiceDocNumbers.has(docNumber));
    return docNumber;
  }
  if (docNumber === undefined || docNumber === '') return undefined;
  if (docNumber.length > MAX_DOC_NUMBER) throw faults.businessValidation(`DocNumber exceeds ${MAX_DOC_NUMBER} characters.`);
  const holder = company.invoiceDocNumbers.get(docNumber.toLowerCase());
  if (holder !== undefined && holder !== existing?.Id && !options.allowDuplicateDocNum) throw faults.duplicateDocNumber(docNumber, 'Invoice', holder);
  return docNumber;
}

function customFields(company: Company, input: Record<string, unknown>): Record<string, unknown>[] {
  const given = (input.CustomField as Array<{ DefinitionId: string; StringValue?: string }> | undefined) ?? [];
  return [...customFieldDefinitions(company)].map(([id, name]) => {
    const value = given.find((f) => f.DefinitionId === id)?.StringValue;
    return { DefinitionId: id, Name: name, Type: 'StringType', ...(value !== undefined ? { StringValue: value } : {}) };
  });
}

export function buildInvoice(company: Company, input: Record<string, unknown>, existing: QboEntity | undefined, options: WriteOptions): QboEntity {
  const customer = resolveRef(company, 'Customer', input.CustomerRef as Ref | undefined, 'CustomerRef');
  const estimate = existing ? undefined : linkedEstimate(company, input, customer.Id);
  const linked = existing ? ((existing.LinkedTxn as Array<{ TxnType: string }> | undefined) ?? []) : estimate ? [{ TxnId: estimate.Id, TxnType: 'Estimate' }] : [];
  const { refs, term } = trackingRefs(company, input);
  const applied = existing ? round2((existing.TotalAmt as number) - (existing.Balance as number)) : 0;
  if (existing && applied > 0 && (existing.CustomerRef as Ref).value !== customer.Id) {
    throw faults.businessValidation('The customer cannot be changed on an invoice that has payments applied.');
  }
  const computed = computeLines(company, input.Line as LineInput[] | undefined);
  const lineTotal = computed.totalAmt;
  // US companies on automated sales tax: computed unless the request says otherwise (./sales-tax.ts).
  const { totalTax, addedToTotal, lines, taxLines } = salesTaxOf(company, customer, computed.lines, input);
  const totalAmt = round2(lineTotal + addedToTotal);
  if (totalAmt < 0) throw faults.businessValidation('Transaction amount must be positive.');
  if (applied > totalAmt) throw faults.businessValidation('The invoice total cannot be less than the payments applied to it.');
  const txnDate = typeof input.TxnDate === 'string' ? input.TxnDate : qboDate(company.nowMs());
  checkPeriodOpen(company, txnDate);
  if (existing) checkPeriodOpen(company, existing.TxnDate as string);
  const docNumber = docNumberFor(company, input, existing, options);
  const currency = (customer.CurrencyRef as Ref).value;
  const us = company.settings.country === 'US';
  const taxDetail = input.TxnTaxDetail as { TxnTaxCodeRef?: Ref } | undefined;
  return {
    ...stamp(company, 'Invoice', existing),
    AllowIPNPayment: false,
    AllowOnlinePayment: false,
    AllowOnlineCreditCardPayment: input.AllowOnlineCreditCardPayment === true,
    AllowOnlineACHPayment: input.AllowOnlineACHPayment === true,
    CustomField: customFields(company, input),
    ...(docNumber !== undefined ? { DocNumber: docNumber } : {}),
    TxnDate: txnDate,
    CurrencyRef: { value: currency, name: currency },
    ...(currency !== company.settings.homeCurrency ? { ExchangeRate: (input.ExchangeRate) ?? 1 } : {}),
    LinkedTxn: linked,
    Line: lines,
    TxnTaxDetail: { ...(taxDetail?.TxnTaxCodeRef ? { TxnTaxCodeRef: taxDetail.TxnTaxCodeRef } : {}), TotalTax: totalTax, ...(taxLines.length > 0 ? { TaxLine: taxLines } : {}) },
    ...(us ? {} : { GlobalTaxCalculation: (input.GlobalTaxCalculation) ?? 'TaxExcluded' }),
    CustomerRef: refTo(customer, 'DisplayName'),
    ...pick(input, WRITABLE),
    FreeFormAddress: false,
    ...refs,
    // Without a DueDate the term decides (reference §1.3: "otherwise terms may drive it"), else the TxnDate.
    DueDate: typeof input.DueDate === 'string' ? input.DueDate : term ? dueDateOf(term, txnDate) : txnDate,
    TotalAmt: totalAmt,
    HomeTotalAmt: totalAmt,
    ApplyTaxAfterDiscount: input.ApplyTaxAfterDiscount === true,
    PrintStatus: (input.PrintStatus) ?? 'NotSet',
    EmailStatus: (input.EmailStatus) ?? 'NotSet',
    Balance: round2(totalAmt - applied),
    HomeBalance: round2(totalAmt - applied),
    Deposit: 0,
  };
}

/** Stores an invoice version and keeps the DocNumber index and customer balance in step. */
export function saveInvoice(company: Company, invoice: QboEntity, previous?: QboEntity): void {
  if (typeof previous?.DocNumber === 'string') {
    const key = previous.DocNumber.toLowerCase();
    if (company.invoiceDocNumbers.get(key) === previous.Id) company.invoiceDocNumbers.delete(key);
  }
  if (typeof invoice.DocNumber === 'string' && !company.invoiceDocNumbers.has(invoice.DocNumber.toLowerCase())) {
    company.invoiceDocNumbers.set(invoice.DocNumber.toLowerCase(), invoice.Id);
  }
  if (previous) adjustCustomerBalance(company, (previous.CustomerRef as Ref).value, -(previous.Balance as number));
  adjustCustomerBalance(company, (invoice.CustomerRef as Ref).value, invoice.Balance as number);
  company.put('Invoice', invoice);
  if (!previous) {
    for (const link of (invoice.LinkedTxn as Array<{ TxnId: string; TxnType: string }> | undefined) ?? []) if (link.TxnType === 'Estimate') closeEstimate(company, link.TxnId, invoice.Id);
  }
}

function removable(company: Company, id: string | undefined, syncToken: string | undefined, action: string): QboEntity {
  const existing = existingForWrite(company, 'Invoice', id, syncToken);
  checkPeriodOpen(company, existing.TxnDate as string);
  if ((existing.LinkedTxn as Array<{ TxnType: string }>).some((l) => l.TxnType === 'Payment')) {
    throw faults.businessValidation(`You cannot ${action} an invoice that has payments applied. Remove the payments first.`);
  }
  return existing;
}

export function deleteInvoice(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = removable(company, id, syncToken, 'delete');
  if (typeof existing.DocNumber === 'string' && company.invoiceDocNumbers.get(existing.DocNumber.toLowerCase()) === existing.Id) {
    company.invoiceDocNumbers.delete(existing.DocNumber.toLowerCase());
  }
  adjustCustomerBalance(company, (existing.CustomerRef as Ref).value, -(existing.Balance as number));
  company.remove('Invoice', existing.Id);
  return { Id: existing.Id, status: 'Deleted', domain: 'QBO' } as unknown as QboEntity;
}

/** Void keeps the invoice (same DocNumber) with zeroed amounts and a "Voided" note. */
export function voidInvoice(company: Company, id: string | undefined, syncToken: string | undefined): QboEntity {
  const existing = removable(company, id, syncToken, 'void');
  // Intuit documents no second void; a void is final here, so a repeat is refused (the stricter reading).
  if (company.voided.has(`Invoice:${existing.Id}`)) throw faults.businessValidation(`Invoice ${existing.Id} is already voided.`);
  const lines = (existing.Line as Record<string, unknown>[]).map((line) => {
    const detail = line.SalesItemLineDetail as Record<string, unknown> | undefined;
    return { ...line, Amount: 0, ...(detail ? { SalesItemLineDetail: { ...detail, UnitPrice: 0, Qty: 0 } } : {}) };
  });
  const voided: QboEntity = { ...existing, ...stamp(company, 'Invoice', existing), Line: lines, TotalAmt: 0, HomeTotalAmt: 0, Balance: 0, HomeBalance: 0, PrivateNote: 'Voided' };
  saveInvoice(company, voided, existing);
  company.voided.add(`Invoice:${existing.Id}`);
  return voided;
}
