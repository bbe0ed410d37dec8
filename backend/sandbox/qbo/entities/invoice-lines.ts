/**
 * Invoice lines: validation of sales/discount/description lines and the amounts QBO computes from
 * them (the SubTotalLineDetail line it adds, TotalAmt). Tax lines are not accepted in the body.
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { Ref } from '../state/types.ts';
import { refTo, resolveRef, round2 } from './common.ts';
import { taxNameOf } from '../state/tax-tables.ts';
import { bool, idString, num, readOnly, refSchema, str } from './schema-kit.ts';

const salesItemLineDetail = z.strictObject({
  ItemRef: refSchema.optional(),
  Qty: num.optional(),
  UnitPrice: num.optional(),
  ServiceDate: str.optional(),
  TaxCodeRef: refSchema.optional(),
  ClassRef: refSchema.optional(),
  ItemAccountRef: refSchema.optional(),
  DiscountRate: num.optional(),
  DiscountAmt: num.optional(),
  TaxInclusiveAmt: num.optional(),
  TaxClassificationRef: refSchema.optional(),
});

const discountLineDetail = z.strictObject({
  PercentBased: bool.optional(),
  DiscountPercent: num.optional(),
  DiscountAccountRef: refSchema.optional(),
});

export const lineSchema = z.strictObject({
  Id: idString.optional(),
  LineNum: num.optional(),
  Description: str.optional(),
  Amount: num.optional(),
  DetailType: z.enum(['SalesItemLineDetail', 'SubTotalLineDetail', 'DiscountLineDetail', 'DescriptionOnly', 'GroupLineDetail']),
  SalesItemLineDetail: salesItemLineDetail.optional(),
  DiscountLineDetail: discountLineDetail.optional(),
  SubTotalLineDetail: readOnly,
  DescriptionLineDetail: readOnly,
  GroupLineDetail: readOnly,
  LinkedTxn: readOnly,
});

export type LineInput = z.infer<typeof lineSchema>;

export interface ComputedLines {
  lines: Record<string, unknown>[];
  totalAmt: number;
}

function salesLine(company: Company, line: LineInput, lineNum: number): { out: Record<string, unknown>; amount: number } {
  const detail = line.SalesItemLineDetail;
  if (!detail) throw faults.requiredParam('Line.SalesItemLineDetail');
  if (line.Amount === undefined) throw faults.requiredParam('Line.Amount');
  const item = resolveRef(company, 'Item', detail.ItemRef, 'Line.SalesItemLineDetail.ItemRef');
  const amount = round2(line.Amount);
  let { Qty: qty, UnitPrice: unitPrice } = detail;
  if (qty !== undefined && unitPrice !== undefined && Math.abs(round2(qty * unitPrice) - amount) > 0.005) throw faults.amountMismatch();
  if (qty !== undefined && unitPrice === undefined && qty !== 0) unitPrice = amount / qty;
  if (qty === undefined && unitPrice !== undefined && unitPrice !== 0) qty = amount / unitPrice;
  const taxCode = taxCodeFor(company, detail.TaxCodeRef);
  const out: Record<string, unknown> = {
    Id: String(lineNum),
    LineNum: lineNum,
    ...(line.Description !== undefined ? { Description: line.Description } : {}),
    Amount: amount,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: {
      ItemRef: refTo(item),
      ...(detail.ServiceDate !== undefined ? { ServiceDate: detail.ServiceDate } : {}),
      ...(unitPrice !== undefined ? { UnitPrice: unitPrice } : {}),
      ...(qty !== undefined ? { Qty: qty } : {}),
      ...(detail.ClassRef ? { ClassRef: refTo(resolveRef(company, 'Class', detail.ClassRef, 'Line.SalesItemLineDetail.ClassRef')) } : {}),
      ItemAccountRef: (item.IncomeAccountRef as Ref | undefined) ?? { value: '1', name: 'Sales of Product Income' },
      ...(taxCode ? { TaxCodeRef: taxCode } : {}),
    },
  };
  return { out, amount };
}

/** US: TAX/NON or nothing (AST decides). Non-US: every sales line needs a company tax code. */
function taxCodeFor(company: Company, ref: Ref | undefined): Ref | undefined {
  if (company.settings.country === 'US') {
    if (ref && !['TAX', 'NON'].includes(ref.value)) throw faults.invalidReference(`TaxCodeRef=${ref.value}`);
    return ref ? { value: ref.value } : undefined;
  }
  // The real 6000 names the country's tax: "…a GST/HST rate before you save." (Canada, ruckus/quickbooks-ruby#351), "…a VAT rate…" (UK).
  if (!ref) throw faults.businessValidation(`Make sure all your transactions have a ${taxNameOf(company.settings.country)} rate before you save.`);
  const code = resolveRef(company, 'TaxCode', ref, 'Line.SalesItemLineDetail.TaxCodeRef');
  return refTo(code);
}

export function computeLines(company: Company, input: LineInput[] | undefined): ComputedLines {
  const real = (input ?? []).filter((l) => l.DetailType !== 'SubTotalLineDetail');
  if (!real.some((l) => l.DetailType === 'SalesItemLineDetail')) throw faults.requiredParam('Line');
  const lines: Record<string, unknown>[] = [];
  let subtotal = 0;
  let discount = 0;
  let lineNum = 0;
  for (const line of real) {
    if (line.DetailType === 'SalesItemLineDetail') {
      const { out, amount } = salesLine(company, line, ++lineNum);
      subtotal += amount;
      lines.push(out);
    } else if (line.DetailType === 'DescriptionOnly') {
      lines.push({ Id: String(++lineNum), LineNum: lineNum, Description: line.Description ?? '', DetailType: 'DescriptionOnly', DescriptionLineDetail: {} });
    } else if (line.DetailType === 'DiscountLineDetail') {
      const d = line.DiscountLineDetail ?? {};
      const amount = d.PercentBased ? round2((subtotal * (d.DiscountPercent ?? 0)) / 100) : round2(line.Amount ?? 0);
      discount += amount;
      lines.push({ Amount: amount, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: d.PercentBased === true, ...(d.DiscountPercent !== undefined ? { DiscountPercent: d.DiscountPercent } : {}) } });
    } else {
      throw faults.businessValidation(`Line DetailType ${line.DetailType} is not supported by the sandbox.`);
    }
  }
  subtotal = round2(subtotal);
  lines.push({ Amount: subtotal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  return { lines, totalAmt: round2(subtotal - discount) };
}
