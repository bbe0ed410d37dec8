/**
 * Records of one object type in one account. Ids only grow, so `order` stays sorted by id and list
 * paging (`after` = last id seen) is a binary search. Unique-value properties have an index so a
 * duplicate is caught in O(1) even with 100k records.
 */
import type { ChangeSource } from '../state/changes.ts';
import type { ObjectType } from './object-types.ts';

/** What search sees of a record at some moment (search lags writes when a lag is configured). */
export interface SearchSnapshot {
  properties: ReadonlyMap<string, string>;
  archived: boolean;
  updatedAt: number;
  visibleAt: number;
}

/** One past value of a property (`propertiesWithHistory`). */
export interface HistoryEntry {
  value: string;
  timestamp: number;
  source: ChangeSource;
}

export interface CrmRecord {
  id: string;
  type: ObjectType;
  properties: Map<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  /** Set when this record was merged into another: reads of this id resolve to that record. */
  mergedInto?: string;
  /** Who created the record; the source of every value set at creation. */
  createdSource?: ChangeSource;
  /** Per property, oldest first; only for properties changed after creation (saves memory at 100k records). */
  history?: Map<string, HistoryEntry[]>;
  /** Only set while search lag is on: past states, oldest first. */
  searchHistory?: SearchSnapshot[];
}

export class ObjectCollection {
  readonly records = new Map<string, CrmRecord>();
  readonly order: CrmRecord[] = [];
  private readonly unique = new Map<string, Map<string, string>>();

  constructor(readonly type: ObjectType) {}

  add(record: CrmRecord): void {
    this.records.set(record.id, record);
    this.order.push(record);
  }

  get(id: string): CrmRecord | undefined {
    return this.records.get(id);
  }

  /** Index of the first record whose id is greater than `afterId` (numeric comparison). */
  indexAfter(afterId: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Number((this.order[mid] as CrmRecord).id) <= afterId) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Owner of a unique value among live records, if any. */
  uniqueOwner(property: string, value: string): string | undefined {
    return this.unique.get(property)?.get(value.toLowerCase());
  }

  setUnique(property: string, value: string, id: string): void {
    let index = this.unique.get(property);
    if (!index) {
      index = new Map();
      this.unique.set(property, index);
    }
    index.set(value.toLowerCase(), id);
  }

  deleteUnique(property: string, value: string, id: string): void {
    const index = this.unique.get(property);
    if (index?.get(value.toLowerCase()) === id) index.delete(value.toLowerCase());
  }

  /** Builds the index for a property that just became unique (existing duplicates keep the first). */
  indexProperty(property: string): void {
    for (const record of this.order) {
      const value = record.properties.get(property);
      if (!record.archived && value !== undefined && this.uniqueOwner(property, value) === undefined) {
        this.setUnique(property, value, record.id);
      }
    }
  }
}
