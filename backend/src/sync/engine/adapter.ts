/**
 * What differs between object types, and nothing else: how to read, match, map and write one kind
 * of record on each side. The engine (record-sync.ts) is the same for every object type.
 */
import type { AppContext } from '../../jobs/context.ts';
import type { DBSyncDefinition } from '../../db/sync-definitions.ts';
import type { QboConnection } from '../../db/qbo-connections.ts';
import type { RelatedRelation } from '@quickbooks-sync/contract/definitions';
import type { FieldMapping, HubSpotRecord, MappedValues, ObjectType, QboRecord, Side, SyncFilters } from '../types.ts';
import type { PageBatcher } from './page-batcher.ts';
import type { PassMemo } from './pass-memo.ts';
import type { SessionVendors } from './session-vendors.ts';

/** Everything an adapter needs to talk to both systems for one account. */
export interface AdapterSession {
  ctx: AppContext;
  portalId: number;
  definition: DBSyncDefinition;
  /** The QuickBooks company as it was when the session started (country, home currency, preferences). */
  connection: QboConnection;
  mappings: FieldMapping[];
  filters: SyncFilters;
  vendors: SessionVendors;
  /** Set while a page of records runs together: the adapter's vendor calls go out as batches. */
  batcher?: PageBatcher;
  /** What this page (or this record's pass) already read or wrote, so it is not read again (pass-memo.ts). */
  memo?: PassMemo;
  /**
   * Facts that hold for a whole sync pass, across its pages: only what the pass itself made (the
   * display names it gave the customers it created), never a read that could go stale.
   */
  passFacts?: PassMemo;
  /** Records a backfill page syncs together (default BACKFILL_PAGE_SIZE, 1,000; at most QuickBooks' 1,000 a query). */
  backfillPageSize?: number;
}

export interface RecordExclusion {
  reasonCode: string;
  message: string;
  reverse?: boolean;
}

/** The two records of a pair as the pass read them (either may not exist yet). */
export interface RecordPair {
  hubspot?: HubSpotRecord;
  qbo?: QboRecord;
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
  /**
   * Records pair only through links, never by a matching key (invoices): a record without a
   * counterpart is created on the other side, and the match functions are never called.
   */
  pairsByLinkOnly?: boolean;
  /** R17: updates reach QuickBooks only for records created in HubSpot; QuickBooks owns the others. */
  qboUpdatesOnlyForHubSpotOrigin?: boolean;
  /**
   * R18: mappings QuickBooks may not change on records created in HubSpot (an invoice's lines, tax).
   * Such a change is not synced either way; it is shown on the record as a sync issue.
   */
  lockedInQboForHubSpotOrigin?: string[];
  /** R18 beyond "changed at all": changes QuickBooks may not make, by their direction (a payment removed, not added). */
  refusedQboChanges?(before: Readonly<Record<string, unknown>>, after: MappedValues): string[];

  /** The HubSpot properties every read asks for: mapped, filtered on, and what matching and the record view need. */
  /**
   * A reason of the record's own not to sync it (a payment applied to several invoices, R21), beyond
   * the filters. `reverse`: what we wrote for it in HubSpot is taken back (a voided payment).
   */
  exclusionOf?(session: AdapterSession, side: Side, record: HubSpotRecord | QboRecord): RecordExclusion | null;
  /**
   * A linked record archived in HubSpot: what it means in QuickBooks (a product archived → its item
   * made inactive). Without it, archiving in HubSpot is a deletion and is not propagated.
   */
  onHubSpotArchived?(session: AdapterSession, counterpart: QboRecord): Promise<QboRecord>;
  /** Takes back what we wrote in HubSpot for a record deleted or voided in QuickBooks (payments). */
  archiveHubSpot?(session: AdapterSession, hubspotId: string): Promise<void>;
  /**
   * Records QuickBooks never deletes, only makes inactive (a customer): how to tell, and how to archive
   * the linked HubSpot record when the sync opts in (removals/inactive-in-qbo.ts).
   */
  qboInactivation?: {
    isInactive(record: QboRecord): boolean;
    /** Makes the QuickBooks record inactive (never deleted); undefined when it no longer exists. */
    makeInactive(session: AdapterSession, qboId: string): Promise<QboRecord | undefined>;
    archiveHubSpot(session: AdapterSession, hubspotId: string): Promise<void>;
  };
  /**
   * Records either side can void (invoices): how to tell on each side, and how to void the linked one
   * when the sync propagates deletions (removals/voided.ts). Voiding keeps the record; nothing is deleted.
   */
  voiding?: {
    isVoidedInHubSpot(record: HubSpotRecord): boolean;
    isVoidedInQbo(record: QboRecord): boolean;
    /** Whether a QuickBooks void reaches HubSpot without the deletions option (a status mapping copies it). */
    voidedStatusSynced(session: AdapterSession): boolean;
    voidHubSpot(session: AdapterSession, hubspotId: string): Promise<void>;
    /** Refusals a person must act on (a payment applied) are RecordFailures. */
    voidQbo(session: AdapterSession, counterpart: QboRecord): Promise<QboRecord>;
  };

  hubspotReadProperties(session: AdapterSession): string[];
  /**
   * The associated records a HubSpot-side filter reads (R9: a contact's invoices), each as its
   * properties; without it, criteria on associated records are never met.
   */
  /**
   * Catch-up: HubSpot records that did not change themselves but whose filter's associated records did
   * since `since` (a contact whose invoice was finalised, R9), read with hubspotReadProperties.
   */
  hubspotRecordsWithRelatedChanges?(session: AdapterSession, since: Date): Promise<HubSpotRecord[]>;
  relatedHubSpotRecords?(session: AdapterSession, record: HubSpotRecord, relation: RelatedRelation, properties: string[]): Promise<Array<Record<string, string | null>>>;
  readHubSpot(session: AdapterSession, id: string): Promise<HubSpotRecord | undefined>;
  readQbo(session: AdapterSession, id: string): Promise<QboRecord | undefined>;

  /** The matching key (e-mail for contacts, SKU for products); null = cannot be matched. */
  hubspotMatchKey(record: HubSpotRecord): string | null;
  /** Why a HubSpot record without a matching key is not sent to QuickBooks, and what to do. */
  noMatchKeyMessage(): string;
  qboMatchKey(record: QboRecord): string | null;
  /** `source`: the record being matched, for adapters that match on more than the key (a company's domain). */
  findQboMatches(session: AdapterSession, key: string, source?: HubSpotRecord): Promise<QboRecord[]>;
  findHubSpotMatches(session: AdapterSession, key: string, source?: QboRecord): Promise<HubSpotRecord[]>;

  /**
   * `forCreate`: also compute create-only values that cost extra calls (a contact's primary company
   * name for the customer's display name); comparisons never need them.
   */
  hubspotValues(session: AdapterSession, record: HubSpotRecord, options?: { forCreate?: boolean }): Promise<MappedValues>;
  qboValues(session: AdapterSession, record: QboRecord): MappedValues | Promise<MappedValues>;
  /** For the record view: a name and e-mail a person recognises. */
  describeHubSpot(record: HubSpotRecord): { displayName: string | null; email: string | null };
  describeQbo(record: QboRecord): { displayName: string | null; email: string | null };

  /**
   * Creates in QBO; `requestId` makes a retry after a crash return the same entity. `pair`: the records
   * of the pair as read, for adapters whose writes need more than mapped values (an invoice's lines).
   */
  createQbo(session: AdapterSession, values: MappedValues, requestId: string, pair?: RecordPair): Promise<QboRecord>;
  /**
   * The QBO record an earlier create attempt with an unknown outcome may have made, found by a field
   * that is unique to it (an invoice's DocNumber), for when QBO's requestid replay window has passed.
   * Adapters that pair by a matching key need none: the match is looked up before any create.
   */
  findCreatedQbo?(session: AdapterSession, values: MappedValues, pair?: RecordPair): Promise<QboRecord | undefined>;
  /** A word for the record and its activity when a create wrote something other than asked (a display name the policy chose). */
  createdNote?(written: QboRecord, values: MappedValues): string | null;
  updateQbo(session: AdapterSession, values: MappedValues, existing: QboRecord, pair?: RecordPair): Promise<QboRecord>;
  /** Creates or updates in HubSpot, keyed by the QBO id (a unique property), so a retry never duplicates. */
  upsertHubSpot(session: AdapterSession, values: MappedValues, qboId: string, existingId: string | null, pair?: RecordPair): Promise<HubSpotRecord>;
}
