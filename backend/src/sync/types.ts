/**
 * The sync engine's own vocabulary. Vendor shapes are parsed at the vendor boundary; the engine and
 * the object adapters work on these types.
 */
import type { ObjectType, SyncDirection, ConflictWinner } from '../db/sync-definitions.ts';

export type { ObjectType, SyncDirection, ConflictWinner };

/** The two systems, as the engine names them. */
export type Side = 'hubspot' | 'qbo';

/** A scalar value of a mapped field, normalised so both sides compare equal when they mean the same. */
export type MappedValue = string | number | boolean | null;

/** Values of the mapped fields of one record, keyed by mapping id. */
export type MappedValues = Record<string, MappedValue>;

/** What kind of value a field holds; a mapping between incompatible kinds is refused. */
export type FieldKind = 'string' | 'email' | 'phone' | 'number' | 'currency' | 'boolean' | 'date' | 'datetime' | 'enumeration';

/**
 * One field mapping of a sync definition. `qboField` is a dotted path into the QBO entity
 * (e.g. "PrimaryEmailAddr.Address"); `hubspotProperty` a HubSpot property name.
 */
export interface FieldMapping {
  id: string;
  kind: 'default' | 'custom';
  enabled: boolean;
  hubspotProperty: string;
  qboField: string;
  /** Which way values flow for this field; 'both' follows the definition's direction. */
  direction: 'both' | 'to_qbo' | 'to_hubspot';
}

export type FilterOperator = 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS' | 'IN' | 'NOT_IN';

/** A criterion on one property of the source record (HubSpot property name, or QBO field path). */
export interface FilterCriterion {
  property: string;
  operator: FilterOperator;
  value?: string | number | boolean;
  values?: Array<string | number>;
}

/** Criteria ANDed together; a definition's groups are ORed. No groups = everything passes. */
export interface FilterGroup {
  criteria: FilterCriterion[];
}

export interface SyncFilters {
  /** Which HubSpot records go to QuickBooks. */
  toQbo: FilterGroup[];
  /** Which QuickBooks records come to HubSpot. */
  toHubSpot: FilterGroup[];
}

/** A record as read from HubSpot: properties as HubSpot returns them (strings or null). */
export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: Date;
  archived?: boolean;
}

/** A QBO entity as returned by the API (Id, SyncToken, MetaData and its fields). */
export interface QboRecord {
  Id: string;
  SyncToken: string;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
  [field: string]: unknown;
}

/** Why a record was not synced, or failed: stable codes the UI filters on, with a message a person can act on. */
export interface RecordOutcome {
  state: 'synced' | 'failed' | 'excluded';
  reasonCode: string | null;
  message: string | null;
}
