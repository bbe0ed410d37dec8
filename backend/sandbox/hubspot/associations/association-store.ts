/**
 * Associations of one account, stored in both directions (HubSpot always keeps the inverse), plus the
 * account's custom (USER_DEFINED) labels. A labelled association always carries the unlabeled type too,
 * and a record has at most one "Primary" company, as in HubSpot.
 */
import type { ObjectType } from '../objects/object-types.ts';
import { BUILT_IN_ASSOCIATION_TYPES, type AssociationTypeDef } from './association-types.ts';

type Edges = Map<ObjectType, Map<string, Set<number>>>;

export interface AssociationLink {
  toId: string;
  typeIds: number[];
}

export class AssociationStore {
  private readonly edges = new Map<string, Edges>();
  private readonly custom: AssociationTypeDef[] = [];
  private nextCustomTypeId = 1000;

  typesFor(from: ObjectType, to: ObjectType): AssociationTypeDef[] {
    return [...BUILT_IN_ASSOCIATION_TYPES, ...this.custom].filter((d) => d.from === from && d.to === to);
  }

  typeDef(from: ObjectType, to: ObjectType, typeId: number): AssociationTypeDef | undefined {
    return this.typesFor(from, to).find((d) => d.typeId === typeId);
  }

  createLabel(from: ObjectType, to: ObjectType, name: string, label: string, inverseLabel?: string): AssociationTypeDef[] {
    const typeId = this.nextCustomTypeId++;
    const inverseTypeId = from === to && inverseLabel === undefined ? typeId : this.nextCustomTypeId++;
    const forward: AssociationTypeDef = { from, to, typeId, inverseTypeId, label, category: 'USER_DEFINED', name };
    this.custom.push(forward);
    if (inverseTypeId !== typeId) {
      this.custom.push({ from: to, to: from, typeId: inverseTypeId, inverseTypeId: typeId, label: inverseLabel ?? label, category: 'USER_DEFINED', name: `${name}_inverse` });
    }
    return this.typesFor(from, to);
  }

  updateLabel(from: ObjectType, to: ObjectType, typeId: number, label: string, inverseLabel?: string): boolean {
    const def = this.custom.find((d) => d.from === from && d.to === to && d.typeId === typeId);
    if (!def) return false;
    def.label = label;
    const inverse = this.custom.find((d) => d.from === to && d.to === from && d.typeId === def.inverseTypeId);
    if (inverse && inverseLabel !== undefined) inverse.label = inverseLabel;
    return true;
  }

  removeLabel(from: ObjectType, to: ObjectType, typeId: number): boolean {
    const index = this.custom.findIndex((d) => d.from === from && d.to === to && d.typeId === typeId);
    if (index < 0) return false;
    const def = this.custom[index] as AssociationTypeDef;
    this.custom.splice(index, 1);
    const inv = this.custom.findIndex((d) => d.from === to && d.to === from && d.typeId === def.inverseTypeId);
    if (inv >= 0) this.custom.splice(inv, 1);
    return true;
  }

  private typeSet(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, create: boolean): Set<number> | undefined {
    const key = `${fromType}:${fromId}`;
    let edges = this.edges.get(key);
    if (!edges) {
      if (!create) return undefined;
      edges = new Map();
      this.edges.set(key, edges);
    }
    let targets = edges.get(toType);
    if (!targets) {
      if (!create) return undefined;
      targets = new Map();
      edges.set(toType, targets);
    }
    let set = targets.get(toId);
    if (!set && create) {
      set = new Set();
      targets.set(toId, set);
    }
    return set;
  }

  /** Adds the given types (and their inverses, and the unlabeled type). Returns the forward types now present. */
  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, defs: AssociationTypeDef[]): number[] {
    const unlabeled = this.typesFor(fromType, toType).find((d) => d.label === null && d.category === 'HUBSPOT_DEFINED');
    const all = unlabeled && !defs.includes(unlabeled) ? [unlabeled, ...defs] : defs;
    for (const def of all) {
      if (def.label === 'Primary') this.clearPrimary(fromType, fromId, toType, def);
      this.typeSet(fromType, fromId, toType, toId, true)?.add(def.typeId);
      this.typeSet(toType, toId, fromType, fromId, true)?.add(def.inverseTypeId);
    }
    return [...(this.typeSet(fromType, fromId, toType, toId, false) ?? [])];
  }

  /** A record has one primary company: drop the previous one before setting a new one. */
  private clearPrimary(fromType: ObjectType, fromId: string, toType: ObjectType, def: AssociationTypeDef): void {
    for (const link of this.list(fromType, fromId, toType)) {
      if (link.typeIds.includes(def.typeId)) this.removeTypes(fromType, fromId, toType, link.toId, [def.typeId]);
    }
  }

  hasPrimary(fromType: ObjectType, fromId: string, toType: ObjectType, primaryTypeId: number): boolean {
    return this.list(fromType, fromId, toType).some((l) => l.typeIds.includes(primaryTypeId));
  }

  /** Removes specific labels (both directions). Removing the unlabeled type removes the whole association. */
  removeTypes(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeIds: number[]): void {
    const forward = this.typeSet(fromType, fromId, toType, toId, false);
    if (!forward) return;
    for (const typeId of typeIds) {
      const def = this.typeDef(fromType, toType, typeId);
      if (def?.label === null && def.category === 'HUBSPOT_DEFINED') {
        this.remove(fromType, fromId, toType, toId);
        return;
      }
      forward.delete(typeId);
      if (def) this.typeSet(toType, toId, fromType, fromId, false)?.delete(def.inverseTypeId);
    }
  }

  remove(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): boolean {
    const had = this.edges.get(`${fromType}:${fromId}`)?.get(toType)?.delete(toId) ?? false;
    this.edges.get(`${toType}:${toId}`)?.get(fromType)?.delete(fromId);
    return had;
  }

  list(fromType: ObjectType, fromId: string, toType: ObjectType): AssociationLink[] {
    const targets = this.edges.get(`${fromType}:${fromId}`)?.get(toType);
    if (!targets) return [];
    return [...targets.entries()]
      .filter(([, types]) => types.size > 0)
      .map(([toId, types]) => ({ toId, typeIds: [...types].sort((a, b) => a - b) }))
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }

  /** Drops every association of a record (on archive). */
  removeAllFor(type: ObjectType, id: string): void {
    const edges = this.edges.get(`${type}:${id}`);
    if (!edges) return;
    for (const [toType, targets] of edges) {
      for (const toId of targets.keys()) this.edges.get(`${toType}:${toId}`)?.get(type)?.delete(id);
    }
    this.edges.delete(`${type}:${id}`);
  }
}
