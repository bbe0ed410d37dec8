/**
 * The sync engine's own vocabulary. Vendor shapes are parsed at the vendor boundary; the engine and
 * the object adapters work on these types.
 */
import type { ConflictWinner, FieldMapping, FilterCriterion, FilterGroup, FilterOperator, ObjectType, SyncDirection, SyncFilters } from '@quickbooks-sync/contract/definitions';

// The definition's words are shared with the settings page (the contract package); the rest is the engine's own.
export type { ConflictWinner, FieldMapping, FilterCriterion, FilterGroup, FilterOperator, ObjectType, SyncDirection, SyncFilters };

/** The two systems, as the engine names them. */
export type Side = 'hubspot' | 'qbo';

/** A scalar value of a mapped field, normalised so both sides compare equal when they mean the same. */
export type MappedValue = string | number | boolean | null;

/** Values of the mapped fields of one record, keyed by mapping id. */
export type MappedValues = Record<string, MappedValue>;

/** What kind of value a field holds; a mapping between incompatible kinds is refused. */
export type FieldKind = 'string' | 'email' | 'phone' | 'number' | 'currency' | 'boolean' | 'date' | 'datetime' | 'enumeration';

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
