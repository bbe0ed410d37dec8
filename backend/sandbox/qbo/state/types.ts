/** Shapes of the emulator's state. Entities are stored exactly as QBO returns them (JSON objects). */

export const ENTITY_NAMES = [
  'Customer', 'Vendor', 'Employee', 'Item', 'Invoice', 'Payment', 'CreditMemo', 'Estimate', 'Account', 'TaxCode', 'TaxRate', 'Term', 'Class',
  'Department', 'Preferences', 'CompanyInfo',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Name-list entities cannot be deleted, only made inactive; queries default to active ones. */
export const NAME_LIST_ENTITIES: readonly EntityName[] = ['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'TaxCode', 'TaxRate', 'Term', 'Class', 'Department'];
/** Entities that accept `operation=delete` / `operation=void`. */
export const TRANSACTION_ENTITIES: readonly EntityName[] = ['Invoice', 'Payment', 'CreditMemo', 'Estimate'];

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}

export interface MetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

export interface Ref {
  value: string;
  name?: string;
}

export interface QboEntity {
  Id: string;
  SyncToken: string;
  MetaData: MetaData;
  domain: 'QBO';
  sparse: boolean;
  [field: string]: unknown;
}

export interface CompanySettings {
  realmId: string;
  companyName: string;
  /** ISO country code as CompanyInfo.Country reports it (e.g. US, CA, GB, AU). */
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  /** How long a `requestid` response is replayed (emulator clock); later the id is a new request. */
  requestIdWindowMs: number;
  /** Automated sales tax rate the emulator applies (real AST looks it up by address); default 8.25. */
  salesTaxRatePercent?: number;
}

export interface CompanyPreferencesInput {
  customTxnNumbers?: boolean;
  /** YYYY-MM-DD; transactions dated on or before it are rejected (Account Period Closed). */
  bookCloseDate?: string;
  /** Names of the legacy sales-form custom fields, slots 1..3 (DefinitionId = slot). */
  customFields?: string[];
  /** US: automated sales tax (Preferences.TaxPrefs.PartnerTaxEnabled); on unless false. */
  automatedSalesTax?: boolean;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  /** Emulator-clock time of the first response. */
  at?: number;
}

export interface DeletedStub {
  entity: EntityName;
  Id: string;
  at: number;
}

export type ChangeOperation = 'created' | 'updated' | 'deleted' | 'voided';

export interface EntityChange {
  realmId: string;
  entity: EntityName;
  id: string;
  operation: ChangeOperation;
  at: number;
}
