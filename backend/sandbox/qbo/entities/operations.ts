/**
 * The write/read operations shared by the REST routes and the batch endpoint: create, update (sparse
 * or full, SyncToken-checked), delete and void, dispatched per entity with QBO's rules for each.
 */
import type { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import { NAME_LIST_ENTITIES, type ChangeOperation, type EntityName, type QboEntity } from '../state/types.ts';
import { accountSchema, buildAccount } from './account.ts';
import { existingForWrite, type WriteOptions } from './common.ts';
import { buildCustomer, customerSchema } from './customer.ts';
import { buildEmployee, employeeSchema } from './employee.ts';
import { buildVendor, vendorSchema } from './vendor.ts';
import { buildCreditMemo, buildEstimate, creditMemoSchema, deleteCreditMemo, deleteEstimate, estimateSchema } from './sales-forms.ts';
import { buildClass, buildDepartment, buildTerm, classSchema, departmentSchema, termSchema } from './term-class-department.ts';
import { buildInvoice, deleteInvoice, invoiceSchema, saveInvoice, voidInvoice } from './invoice.ts';
import { buildItem, itemSchema } from './item.ts';
import { deletePayment, paymentSchema, savePayment, voidPayment } from './payment.ts';
import { buildPreferences, preferencesSchema } from './preferences.ts';
import { parseBody } from './schema-kit.ts';

export type Operation = 'create' | 'update' | 'delete' | 'void';

type Builder = (company: Company, input: Record<string, unknown>, existing: QboEntity | undefined, options: WriteOptions) => QboEntity;

interface WritableEntity {
  schema: z.ZodType<Record<string, unknown>>;
  /** Builds and stores the new version; returns it. */
  save: Builder;
  remove?: (company: Company, id: string | undefined, syncToken: string | undefined) => QboEntity;
  void?: (company: Company, id: string | undefined, syncToken: string | undefined) => QboEntity;
}

function storing(entity: EntityName, build: Builder): Builder {
  return (company, input, existing, options) => {
    const record = build(company, input, existing, options);
    company.put(entity, record);
    return record;
  };
}

const WRITABLE: Partial<Record<EntityName, WritableEntity>> = {
  Customer: { schema: customerSchema, save: storing('Customer', (c, i, e) => buildCustomer(c, i, e)) },
  Vendor: { schema: vendorSchema, save: storing('Vendor', (c, i, e) => buildVendor(c, i, e)) },
  Employee: { schema: employeeSchema, save: storing('Employee', (c, i, e) => buildEmployee(c, i, e)) },
  Term: { schema: termSchema, save: storing('Term', (c, i, e) => buildTerm(c, i, e)) },
  Class: { schema: classSchema, save: storing('Class', (c, i, e) => buildClass(c, i, e)) },
  Department: { schema: departmentSchema, save: storing('Department', (c, i, e) => buildDepartment(c, i, e)) },
  Estimate: { schema: estimateSchema, save: storing('Estimate', (c, i, e) => buildEstimate(c, i, e)), remove: deleteEstimate },
  CreditMemo: { schema: creditMemoSchema, save: storing('CreditMemo', (c, i, e) => buildCreditMemo(c, i, e)), remove: deleteCreditMemo },
  Item: { schema: itemSchema, save: storing('Item', (c, i, e) => buildItem(c, i, e)) },
  Account: { schema: accountSchema, save: storing('Account', (c, i, e) => buildAccount(c, i, e)) },
  Invoice: {
    schema: invoiceSchema,
    save: (c, i, e, o) => {
      const invoice = buildInvoice(c, i, e, o);
      saveInvoice(c, invoice, e);
      return invoice;
    },
    remove: deleteInvoice,
    void: voidInvoice,
  },
  Payment: { schema: paymentSchema, save: (c, i, e) => savePayment(c, i, e), remove: deletePayment, void: voidPayment },
};

export interface WriteResult {
  entity: EntityName;
  record: QboEntity;
}

const CHANGE: Record<Operation, ChangeOperation> = { create: 'created', update: 'updated', delete: 'deleted', void: 'voided' };

export function performWrite(company: Company, entity: EntityName, operation: Operation, body: unknown, options: WriteOptions): WriteResult {
  if (entity === 'Preferences') return { entity, record: updatePreferences(company, operation, body) };
  const spec = WRITABLE[entity];
  if (!spec) throw faults.unsupportedOperation(`${operation} on ${entity}`);
  const input = parseBody(spec.schema, body, entity);
  const id = input.Id as string | undefined;
  const syncToken = input.SyncToken as string | undefined;
  let record: QboEntity;
  if (operation === 'delete' || operation === 'void') {
    const handler = operation === 'delete' ? spec.remove : spec.void;
    if (!handler) {
      if (NAME_LIST_ENTITIES.includes(entity)) throw faults.unsupportedOperation(`${operation === 'delete' ? 'Delete' : 'Void'} (${entity} is a list entity: set Active=false instead)`);
      throw faults.unsupportedOperation(operation);
    }
    record = handler(company, id, syncToken);
  } else if (operation === 'update' || (id !== undefined && id !== '')) {
    const existing = existingForWrite(company, entity, id, syncToken);
    const merged = input.sparse === true ? { ...existing, ...input } : input;
    record = spec.save(company, merged, existing, options);
    // A name-list record made inactive is QuickBooks' "delete" of it: the webhook says Delete (README).
    if (NAME_LIST_ENTITIES.includes(entity) && existing.Active !== false && record.Active === false) {
      company.emit(entity, record.Id, 'deleted');
      return { entity, record };
    }
  } else {
    record = spec.save(company, input, undefined, options);
  }
  company.emit(entity, record.Id, CHANGE[operation === 'create' && id ? 'update' : operation]);
  return { entity, record };
}

function updatePreferences(company: Company, operation: Operation, body: unknown): QboEntity {
  // POST /preferences is always an update of the single Preferences record.
  if (operation === 'delete' || operation === 'void') throw faults.unsupportedOperation(`${operation} on Preferences`);
  const input = parseBody(preferencesSchema, body, 'Preferences');
  const existing = existingForWrite(company, 'Preferences', input.Id ?? '1', input.SyncToken);
  const next = buildPreferences(company, input, existing, input.sparse === true);
  company.put('Preferences', next);
  company.emit('Preferences', next.Id, 'updated');
  return next;
}

export function readEntity(company: Company, entity: EntityName, id: string): QboEntity {
  const record = company.get(entity, id);
  if (!record) throw faults.objectNotFound(`${entity} Id=${id}`);
  return record;
}
