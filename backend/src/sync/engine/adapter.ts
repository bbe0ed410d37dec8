/**
 * What differs between object types, and nothing else: how to read, match, map and write one kind
 * of record on each side. The engine (record-sync.ts) is the same for every object type.
 */
import type { AppContext } from '../../jobs/context.ts';
import type { DBSyncDefinition } from '../../db/sync-definitions.ts';
import type { FieldMapping, HubSpotRecord, MappedValues, ObjectType, QboRecord, SyncFilters } from '../types.ts';
import type { PageBatcher } from './page-batcher.ts';
import type { SessionVendors } from './session-vendors.ts';

/** Everything an adapter needs to talk to both systems for one account. */
export interface AdapterSession {
  ctx: AppContext;
  portalId: number;
  definition: DBSyncDefinition;
  mappings: FieldMapping[];
  filters: SyncFilters;
  vendors: SessionVendors;
  /** Set while a page of records runs together: the adapter's vendor calls go out as batches. */
  batcher?: PageBatcher;
}

export type MatchResult<T> = { kind: 'none' } | { kind: 'one'; record: T } | { kind: 'many'; records: T[] };

/** A write that failed for a reason a person can fix; recorded on the record, never retried. */
export class RecordFailure extends Error {
  constructor(
    public readonly reasonCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'RecordFailure';
  }
}

export interface ObjectAdapter {
  objectType: ObjectType;
  /** Words for messages: "contact" / "customer". */
  hubspotNoun: string;
  qboNoun: string;
  /** Mappings written only when the record is created on the other side, never on updates. */
  createOnlyMappingIds: string[];

  /** The HubSpot properties every read asks for: mapped, filtered on, and what matching and the record view need. */
  hubspotReadProperties(session: AdapterSession): string[];
  readHubSpot(session: AdapterSession, id: string): Promise<HubSpotRecord | undefined>;
  readQbo(session: AdapterSession, id: string): Promise<QboRecord | undefined>;

  /** The matching key (e-mail for contacts, SKU for products); null = cannot be matched. */
  hubspotMatchKey(record: HubSpotRecord): string | null;
  qboMatchKey(record: QboRecord): string | null;
  findQboMatches(session: AdapterSession, key: string): Promise<QboRecord[]>;
  findHubSpotMatches(session: AdapterSession, key: string): Promise<HubSpotRecord[]>;

  /**
   * `forCreate`: also compute create-only values that cost extra calls (a contact's primary company
   * name for the customer's display name); comparisons never need them.
   */
  hubspotValues(session: AdapterSession, record: HubSpotRecord, options?: { forCreate?: boolean }): Promise<MappedValues>;
  qboValues(session: AdapterSession, record: QboRecord): MappedValues;
  /** For the record view: a name and e-mail a person recognises. */
  describeHubSpot(record: HubSpotRecord): { displayName: string | null; email: string | null };
  describeQbo(record: QboRecord): { displayName: string | null; email: string | null };

  /** Creates in QBO; `requestId` makes a retry after a crash return the same entity. */
  createQbo(session: AdapterSession, values: MappedValues, requestId: string): Promise<QboRecord>;
  updateQbo(session: AdapterSession, values: MappedValues, existing: QboRecord): Promise<QboRecord>;
  /** Creates or updates in HubSpot, keyed by the QBO id (a unique property), so a retry never duplicates. */
  upsertHubSpot(session: AdapterSession, values: MappedValues, qboId: string, existingId: string | null): Promise<HubSpotRecord>;
}
