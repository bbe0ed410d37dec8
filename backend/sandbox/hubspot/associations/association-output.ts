/** Output shapes of the v4 associations API. */
import type { AssociationLink } from './association-store.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { ObjectType } from '../objects/object-types.ts';
import { OBJECT_TYPE_INFO } from '../objects/object-types.ts';

export interface AssociationTypeOut {
  category: string;
  typeId: number;
  label: string | null;
}

export function typesOut(account: HubSpotAccount, from: ObjectType, to: ObjectType, typeIds: readonly number[]): AssociationTypeOut[] {
  return typeIds.map((typeId) => {
    const def = account.associations.typeDef(from, to, typeId);
    return { category: def?.category ?? 'HUBSPOT_DEFINED', typeId, label: def?.label ?? null };
  });
}

/** `MultiAssociatedObjectWithLabel`: HubSpot returns toObjectId as a number. */
export function linkOut(account: HubSpotAccount, from: ObjectType, to: ObjectType, link: AssociationLink) {
  return { toObjectId: Number(link.toId), associationTypes: typesOut(account, from, to, link.typeIds) };
}

/** `LabelsBetweenObjectPair` for the labelled PUT. */
export function labelsBetween(account: HubSpotAccount, from: ObjectType, fromId: string, to: ObjectType, toId: string, typeIds: readonly number[]) {
  return {
    fromObjectTypeId: OBJECT_TYPE_INFO[from].objectTypeId,
    fromObjectId: Number(fromId),
    toObjectTypeId: OBJECT_TYPE_INFO[to].objectTypeId,
    toObjectId: Number(toId),
    labels: typesOut(account, from, to, typeIds).map((t) => t.label).filter((l): l is string => l !== null),
  };
}

/** Paginates a list of links with an opaque `after` cursor (the index of the next link). */
export function pageLinks<T>(items: readonly T[], after: string | undefined, limit: number): { page: T[]; next?: string } {
  const start = after !== undefined && /^\d+$/.test(after) ? Number(after) : 0;
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return end < items.length ? { page, next: String(end) } : { page };
}
