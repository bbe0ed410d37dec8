/**
 * Term, Class and Department (Finance.xsd `Term`, `Class`, `Department`): name lists — never deleted,
 * Active=false instead; `Name` unique per entity (6240), no colon. Class and Department nest through
 * `ParentRef` (`SubClass` / `SubDepartment`), FullyQualifiedName `Parent:Child`. A Term is STANDARD
 * (`DueDays`, optional early-payment `DiscountPercent` within `DiscountDays`) or DATE_DRIVEN
 * (`DayOfMonthDue`, `DueNextMonthDays`); an invoice's `SalesTermRef` sets its DueDate when it has none.
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { EntityName, QboEntity, Ref } from '../state/types.ts';
import { checkName, pick, stamp } from './common.ts';
import { bool, envelopeFields, num, readOnly, refSchema, str } from './schema-kit.ts';

export const termSchema = z.strictObject({
  ...envelopeFields,
  Name: str.optional(),
  Type: z.enum(['STANDARD', 'DATE_DRIVEN']).optional(),
  DueDays: num.optional(),
  DiscountPercent: num.optional(),
  DiscountDays: num.optional(),
  DayOfMonthDue: num.optional(),
  DueNextMonthDays: num.optional(),
  DiscountDayOfMonth: num.optional(),
  Active: bool.optional(),
});

const trackingSchema = (sub: 'SubClass' | 'SubDepartment') =>
  z.strictObject({ ...envelopeFields, Name: str.optional(), [sub]: bool.optional(), ParentRef: refSchema.optional(), Active: bool.optional(), FullyQualifiedName: readOnly });
export const classSchema = trackingSchema('SubClass');
export const departmentSchema = trackingSchema('SubDepartment');

function uniqueName(company: Company, entity: EntityName, input: Record<string, unknown>, existing?: QboEntity): string {
  const name = typeof input.Name === 'string' ? input.Name.trim() : '';
  if (name === '') throw faults.requiredParam('Name');
  checkName(name, 'Name');
  const holder = company.idByName(entity, name);
  if (holder !== undefined && holder !== existing?.Id) throw faults.duplicateName(entity.toLowerCase());
  return name;
}

export function buildTerm(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const name = uniqueName(company, 'Term', input, existing);
  const type = input.Type === 'DATE_DRIVEN' ? 'DATE_DRIVEN' : 'STANDARD';
  if (type === 'STANDARD' && typeof input.DueDays !== 'number') throw faults.requiredParam('DueDays');
  if (type === 'DATE_DRIVEN' && typeof input.DayOfMonthDue !== 'number') throw faults.requiredParam('DayOfMonthDue');
  return {
    ...stamp(company, 'Term', existing),
    ...pick(input, ['DueDays', 'DiscountPercent', 'DiscountDays', 'DayOfMonthDue', 'DueNextMonthDays', 'DiscountDayOfMonth']),
    Name: name,
    Type: type,
    Active: input.Active !== false,
  };
}

function buildTracking(entity: 'Class' | 'Department', sub: 'SubClass' | 'SubDepartment') {
  return (company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity => {
    const name = uniqueName(company, entity, input, existing);
    const parentRef = input.ParentRef as Ref | undefined;
    const parent = parentRef ? company.visible(entity, parentRef.value) : undefined;
    if (parentRef && !parent) throw faults.invalidReference(`ParentRef=${parentRef.value}`);
    return {
      ...stamp(company, entity, existing),
      Name: name,
      [sub]: parent !== undefined,
      ...(parent ? { ParentRef: { value: parent.Id } } : {}),
      FullyQualifiedName: parent ? `${String(parent.FullyQualifiedName)}:${name}` : name,
      Active: input.Active !== false,
    };
  };
}
export const buildClass = buildTracking('Class', 'SubClass');
export const buildDepartment = buildTracking('Department', 'SubDepartment');

/** The DueDate a term gives a transaction dated `txnDate` (YYYY-MM-DD). */
export function dueDateOf(term: QboEntity, txnDate: string): string {
  const date = new Date(`${txnDate}T00:00:00Z`);
  if (term.Type === 'DATE_DRIVEN') {
    const day = Number(term.DayOfMonthDue ?? 1);
    const inNextMonth = date.getUTCDate() > day - Number(term.DueNextMonthDays ?? 0);
    const due = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + (inNextMonth ? 1 : 0), day));
    return due.toISOString().slice(0, 10);
  }
  date.setUTCDate(date.getUTCDate() + Number(term.DueDays ?? 0));
  return date.toISOString().slice(0, 10);
}
