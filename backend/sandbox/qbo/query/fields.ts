/**
 * Which properties each entity lets a query filter and sort on ("Filterable" in Intuit's schema),
 * and how values compare. Anything else in WHERE/ORDERBY is a QueryValidationError.
 */
import type { EntityName, QboEntity } from '../state/types.ts';

export type FieldKind = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'ref' | 'email';

const META = { 'MetaData.CreateTime': 'datetime', 'MetaData.LastUpdatedTime': 'datetime' } as const;

export const QUERYABLE: Record<EntityName, Record<string, FieldKind>> = {
  Customer: {
    Id: 'id', DisplayName: 'string', GivenName: 'string', MiddleName: 'string', FamilyName: 'string', CompanyName: 'string',
    FullyQualifiedName: 'string', PrimaryEmailAddr: 'email', Active: 'boolean', Balance: 'number', Job: 'boolean', ParentRef: 'ref', ...META,
  },
  Vendor: { Id: 'id', DisplayName: 'string', GivenName: 'string', FamilyName: 'string', CompanyName: 'string', PrimaryEmailAddr: 'email', Active: 'boolean', Balance: 'number', ...META },
  Employee: { Id: 'id', DisplayName: 'string', GivenName: 'string', FamilyName: 'string', PrimaryEmailAddr: 'email', Active: 'boolean', ...META },
  Item: { Id: 'id', Name: 'string', Sku: 'string', Type: 'string', Active: 'boolean', FullyQualifiedName: 'string', UnitPrice: 'number', QtyOnHand: 'number', ...META },
  Account: { Id: 'id', Name: 'string', AccountType: 'string', AccountSubType: 'string', Classification: 'string', Active: 'boolean', FullyQualifiedName: 'string', CurrentBalance: 'number', ...META },
  Invoice: { Id: 'id', DocNumber: 'string', TxnDate: 'date', DueDate: 'date', CustomerRef: 'ref', Balance: 'number', TotalAmt: 'number', ...META },
  Payment: { Id: 'id', TxnDate: 'date', CustomerRef: 'ref', TotalAmt: 'number', ...META },
  CreditMemo: { Id: 'id', DocNumber: 'string', TxnDate: 'date', CustomerRef: 'ref', Balance: 'number', TotalAmt: 'number', ...META },
  Estimate: { Id: 'id', DocNumber: 'string', TxnDate: 'date', CustomerRef: 'ref', TxnStatus: 'string', TotalAmt: 'number', ...META },
  Term: { Id: 'id', Name: 'string', Active: 'boolean', ...META },
  Class: { Id: 'id', Name: 'string', Active: 'boolean', FullyQualifiedName: 'string', ...META },
  Department: { Id: 'id', Name: 'string', Active: 'boolean', FullyQualifiedName: 'string', ...META },
  TaxCode: { Id: 'id', Name: 'string', Active: 'boolean', Taxable: 'boolean', ...META },
  TaxRate: { Id: 'id', Name: 'string', Active: 'boolean', RateValue: 'number', ...META },
  Preferences: { ...META },
  CompanyInfo: { ...META },
};

/** Intuit's own examples spell it `Metadata.LastUpdatedTime`; both spellings are accepted. */
export function canonicalField(field: string): string {
  return field.replace(/^Metadata\./, 'MetaData.');
}

export function fieldValue(record: QboEntity, field: string, kind: FieldKind): unknown {
  let value: unknown = record;
  for (const part of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (kind === 'ref') return (value as { value?: string } | undefined)?.value;
  if (kind === 'email') return (value as { Address?: string } | undefined)?.Address;
  return value;
}

/** Normalises a stored or literal value so that <, =, > compare the way QBO does. */
export function comparable(value: unknown, kind: FieldKind): string | number | boolean | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  switch (kind) {
    case 'id':
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true || value === 'true';
    case 'datetime': {
      const ms = Date.parse(String(value));
      return Number.isNaN(ms) ? undefined : ms;
    }
    case 'date':
      return String(value).slice(0, 10);
    default:
      return String(value).toLowerCase();
  }
}
