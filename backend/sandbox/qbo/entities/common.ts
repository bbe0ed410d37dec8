/** Helpers shared by the entity modules: stamping, SyncToken checks, reference validation. */
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { EntityName, QboEntity, Ref } from '../state/types.ts';

export interface WriteOptions {
  /** `include=allowduplicatedocnum` was on the request. */
  allowDuplicateDocNum: boolean;
}

/** Id/SyncToken/MetaData for a new record or the next version of an existing one. */
export function stamp(company: Company, entity: EntityName, existing?: QboEntity): QboEntity {
  const now = company.now();
  if (!existing) {
    return { Id: company.allocateId(entity), SyncToken: '0', MetaData: { CreateTime: now, LastUpdatedTime: now }, domain: 'QBO', sparse: false };
  }
  return {
    Id: existing.Id,
    SyncToken: String(Number(existing.SyncToken) + 1),
    MetaData: { CreateTime: existing.MetaData.CreateTime, LastUpdatedTime: now },
    domain: 'QBO',
    sparse: false,
  };
}

/** Looks up the record an update/delete names and enforces the optimistic-lock SyncToken. */
export function existingForWrite(company: Company, entity: EntityName, id: string | undefined, syncToken: string | undefined): QboEntity {
  if (id === undefined || id === '') throw faults.requiredParam('Id');
  const existing = company.visible(entity, id);
  if (!existing) throw faults.objectNotFound(`${entity} Id=${id}`);
  if (syncToken === undefined || syncToken === '') throw faults.requiredParam('SyncToken');
  if (syncToken !== existing.SyncToken) throw faults.staleObject();
  return existing;
}

/** A reference must point at an existing, active record (610 for inactive, 2500 for unknown). */
export function resolveRef(company: Company, entity: EntityName, ref: Ref | undefined, field: string): QboEntity {
  if (!ref || ref.value === '') throw faults.requiredParam(field);
  const target = company.visible(entity, ref.value);
  if (!target) throw faults.invalidReference(`${entity} assigned to this transaction has been deleted or does not exist (${field}=${ref.value}).`);
  if (target.Active === false) throw faults.objectNotFound(`${field}=${ref.value} is inactive`);
  return target;
}

export function refTo(target: QboEntity, nameField = 'Name'): Ref {
  const name = target[nameField];
  return typeof name === 'string' ? { value: target.Id, name } : { value: target.Id };
}

/** Copies the defined keys of `source` listed in `fields` (QBO omits fields without a value). */
export function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = source[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Names may not contain ':' (it separates parent and child in FullyQualifiedName). */
export function checkName(value: string, field: string): void {
  if (value.includes(':')) throw faults.businessValidation(`${field} can not contain a colon (:).`);
  if (value.trim() === '') throw faults.requiredParam(field);
}
