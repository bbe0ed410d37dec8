/**
 * The words a sync definition is made of, shared by the engine, the settings API and the settings page:
 * which object, which way, who wins a conflict, field mappings and filter groups.
 */

/**
 * `contacts` and `companies` are the two modes of the customers sync (issue 16): QuickBooks customers are
 * either HubSpot contacts (the default, as in the spec) or HubSpot companies; an account has one of them.
 */
export type ObjectType = 'contacts' | 'companies' | 'products' | 'invoices' | 'payments';
export type SyncDirection = 'hubspot_to_qbo' | 'qbo_to_hubspot' | 'two_way';
export type ConflictWinner = 'hubspot' | 'quickbooks';

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
  values?: (string | number)[];
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
