/**
 * The shapes real QuickBooks companies have beyond customers, items, invoices and payments, for seeded
 * companies (`shapes: true`): payment terms, classes and departments on invoices, invoices created from
 * estimates, and credit memos that payments apply. Deterministic: it follows the invoice index.
 */
import { round2 } from '../entities/common.ts';
import { buildCreditMemo, buildEstimate } from '../entities/sales-forms.ts';
import { buildClass, buildDepartment, buildTerm } from '../entities/term-class-department.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';

export interface CompanyShapes {
  terms: string[];
  classes: string[];
  departments: string[];
}

const TERMS = [
  { Name: 'Due on receipt', DueDays: 0 },
  { Name: 'Net 15', DueDays: 15 },
  { Name: 'Net 30', DueDays: 30, DiscountPercent: 2, DiscountDays: 10 },
  { Name: 'Net 60', DueDays: 60 },
];

function ensure(company: Company, entity: 'Term' | 'Class' | 'Department', name: string, build: () => QboEntity): string {
  const existing = company.idByName(entity, name);
  if (existing !== undefined) return existing;
  const record = build();
  company.put(entity, record);
  return record.Id;
}

export function seedShapeLists(company: Company): CompanyShapes {
  return {
    terms: TERMS.map((t) => ensure(company, 'Term', t.Name, () => buildTerm(company, t))),
    classes: ['Retail', 'Wholesale'].map((Name) => ensure(company, 'Class', Name, () => buildClass(company, { Name }))),
    departments: ['East', 'West'].map((Name) => ensure(company, 'Department', Name, () => buildDepartment(company, { Name }))),
  };
}

/** Header refs of the i-th seeded invoice: a term on each, a class on every other, a department on every third. */
export function invoiceShapeRefs(shapes: CompanyShapes, index: number): Record<string, unknown> {
  return {
    SalesTermRef: { value: shapes.terms[index % shapes.terms.length] },
    ...(index % 2 === 0 ? { ClassRef: { value: shapes.classes[(index / 2) % shapes.classes.length] } } : {}),
    ...(index % 3 === 0 ? { DepartmentRef: { value: shapes.departments[(index / 3) % shapes.departments.length] } } : {}),
  };
}

/** Every fifth invoice is billed from an estimate (created first, with the same lines): the LinkedTxn to put on it. */
export function estimateFor(company: Company, index: number, customerId: string, lines: unknown[]): Record<string, unknown> {
  if (index % 5 !== 0) return {};
  const estimate = buildEstimate(company, { CustomerRef: { value: customerId }, Line: lines, TxnStatus: 'Accepted' });
  company.put('Estimate', estimate);
  return { LinkedTxn: [{ TxnId: estimate.Id, TxnType: 'Estimate' }] };
}

/** Every fourth invoice's customer gets a credit memo of a tenth of it, which the invoice's payment applies. */
export function creditMemoFor(company: Company, index: number, invoice: QboEntity): QboEntity | undefined {
  if (index % 4 !== 1) return undefined;
  const line = (invoice.Line as Array<{ DetailType: string; SalesItemLineDetail?: { ItemRef: { value: string } } }>).find((l) => l.DetailType === 'SalesItemLineDetail');
  const credit = round2(((invoice.TotalAmt as number) ?? 0) / 10);
  if (!line?.SalesItemLineDetail || credit <= 0) return undefined;
  // A goodwill credit carries no tax: NON in the US, a code outside the tax elsewhere (every line needs one there).
  const noTax = company.settings.country === 'US' ? 'NON' : ([...company.collection('TaxCode').values()].find((c) => c.Taxable === false)?.Id ?? 'NON');
  const memo = buildCreditMemo(company, {
    CustomerRef: invoice.CustomerRef,
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: credit, Description: 'Goodwill credit', SalesItemLineDetail: { ItemRef: line.SalesItemLineDetail.ItemRef, Qty: 1, UnitPrice: credit, TaxCodeRef: { value: noTax } } }],
  });
  company.put('CreditMemo', memo);
  return memo;
}
