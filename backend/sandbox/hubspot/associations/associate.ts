/**
 * Creating and removing associations between live records, with HubSpot's checks (both records exist,
 * the type id is valid for the pair) and associationChange events for webhooks.
 */
import { checkLineItemParent } from '../objects/commerce-rules.ts';
import { validationError } from '../http/errors.ts';
import { applyUpdate, type WriteContext } from '../objects/object-writes.ts';
import { lookupRecord } from '../objects/record-lookup.ts';
import type { CreateAssociationsInput } from '../objects/schemas.ts';
import type { ObjectType } from '../objects/object-types.ts';
import type { AssociationTypeDef } from './association-types.ts';

function emitAssociationChange(ctx: WriteContext, fromType: ObjectType, fromId: string, toId: string, def: AssociationTypeDef, removed: boolean): void {
  ctx.state.emit(ctx.account.portalId, {
    kind: 'associationChange', objectType: fromType, objectId: fromId, occurredAt: Date.now(), source: ctx.source,
    association: {
      associationType: def.name.toUpperCase(), fromObjectId: fromId, toObjectId: toId, associationRemoved: removed,
      isPrimaryAssociation: def.label === 'Primary',
    },
  });
}

/** A type id with, when the caller gave one, the category it claims (HubSpot checks they agree). */
export interface TypeRef {
  associationTypeId: number;
  associationCategory?: string;
}

/** Resolves type ids for a pair; throws 400 when one is not defined between these object types. */
export function resolveTypeDefs(ctx: WriteContext, fromType: ObjectType, toType: ObjectType, refs: readonly (TypeRef | number)[]): AssociationTypeDef[] {
  return refs.map((raw) => {
    const ref = typeof raw === 'number' ? { associationTypeId: raw } : raw;
    const def = ctx.account.associations.typeDef(fromType, toType, ref.associationTypeId);
    if (!def) throw validationError(`${ref.associationTypeId} is not a valid association type between ${fromType} and ${toType}`);
    if (ref.associationCategory !== undefined && ref.associationCategory !== def.category) {
      throw validationError(`association type ${ref.associationTypeId} is ${def.category}, not ${ref.associationCategory}`);
    }
    return def;
  });
}

/** HubSpot mirrors a contact's primary company in the read-only `associatedcompanyid` property. */
function syncPrimaryCompany(ctx: WriteContext, typeA: ObjectType, idA: string, typeB: ObjectType, idB: string): void {
  const contactId = typeA === 'contacts' && typeB === 'companies' ? idA : typeB === 'contacts' && typeA === 'companies' ? idB : undefined;
  if (contactId === undefined) return;
  const contact = lookupRecord(ctx.account, 'contacts', contactId);
  if (!contact) return;
  const primary = ctx.account.associations.list('contacts', contactId, 'companies').find((l) => l.typeIds.includes(1));
  applyUpdate(ctx, contact, new Map([['associatedcompanyid', primary?.toId ?? null]]));
}

/** Associates two live records; throws 400 if either is missing. Returns the forward type ids present. */
export function associate(ctx: WriteContext, fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, defs: AssociationTypeDef[]): number[] {
  if (!lookupRecord(ctx.account, fromType, fromId)) throw validationError(`No ${fromType} with ID ${fromId} exists`);
  if (!lookupRecord(ctx.account, toType, toId)) throw validationError(`No ${toType} with ID ${toId} exists`);
  checkLineItemParent(ctx.account, fromType, fromId, toType, toId);
  const before = new Set(ctx.account.associations.list(fromType, fromId, toType).find((l) => l.toId === toId)?.typeIds ?? []);
  const after = ctx.account.associations.associate(fromType, fromId, toType, toId, defs);
  for (const typeId of after) {
    if (before.has(typeId)) continue;
    const def = ctx.account.associations.typeDef(fromType, toType, typeId);
    if (def) emitAssociationChange(ctx, fromType, fromId, toId, def, false);
  }
  syncPrimaryCompany(ctx, fromType, fromId, toType, toId);
  return after;
}

export function dissociate(ctx: WriteContext, fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeIds?: number[]): void {
  const link = ctx.account.associations.list(fromType, fromId, toType).find((l) => l.toId === toId);
  if (!link) return;
  if (typeIds) ctx.account.associations.removeTypes(fromType, fromId, toType, toId, typeIds);
  else ctx.account.associations.remove(fromType, fromId, toType, toId);
  const remaining = new Set(ctx.account.associations.list(fromType, fromId, toType).find((l) => l.toId === toId)?.typeIds ?? []);
  for (const typeId of link.typeIds) {
    if (remaining.has(typeId)) continue;
    const def = ctx.account.associations.typeDef(fromType, toType, typeId);
    if (def) emitAssociationChange(ctx, fromType, fromId, toId, def, true);
  }
  syncPrimaryCompany(ctx, fromType, fromId, toType, toId);
}

/**
 * Validates the `associations` of a create input before anything is written: the target type is implied
 * by the association type id, as in HubSpot. Returns a function applying them to the new record.
 */
export function planCreateAssociations(ctx: WriteContext, fromType: ObjectType, input: CreateAssociationsInput | undefined): (fromId: string) => void {
  const planned: { toType: ObjectType; toId: string; defs: AssociationTypeDef[] }[] = [];
  for (const assoc of input ?? []) {
    const defs = assoc.types.map((t) => {
      const def = findDefFrom(ctx, fromType, t.associationTypeId);
      if (!def) throw validationError(`${t.associationTypeId} is not a valid association type id for ${fromType}`);
      if (def.category !== t.associationCategory) throw validationError(`association type ${t.associationTypeId} is ${def.category}, not ${t.associationCategory}`);
      return def;
    });
    const toType = (defs[0] as AssociationTypeDef).to;
    if (defs.some((d) => d.to !== toType)) throw validationError('All association types of one association must target the same object type');
    if (!lookupRecord(ctx.account, toType, assoc.to.id)) throw validationError(`No ${toType} with ID ${assoc.to.id} exists`, { context: { ids: [assoc.to.id] } });
    planned.push({ toType, toId: assoc.to.id, defs });
  }
  return (fromId) => {
    for (const p of planned) associate(ctx, fromType, fromId, p.toType, p.toId, p.defs);
  };
}

function findDefFrom(ctx: WriteContext, fromType: ObjectType, typeId: number): AssociationTypeDef | undefined {
  for (const toType of ctx.account.collections.keys()) {
    const def = ctx.account.associations.typeDef(fromType, toType, typeId);
    if (def) return def;
  }
  return undefined;
}
