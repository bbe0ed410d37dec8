/**
 * The CRM object types the emulator serves, with the names HubSpot accepts in paths (plural, singular
 * and objectTypeId), the properties returned when a caller asks for none, and the OAuth scopes.
 */
import { HubSpotError } from '../http/errors.ts';

export const OBJECT_TYPES = ['contacts', 'companies', 'deals', 'products', 'line_items', 'invoices', 'commerce_payments'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface ObjectTypeInfo {
  name: ObjectType;
  /** Singular form used in webhook subscription types (`contact.creation`) and error messages. */
  singular: string;
  objectTypeId: string;
  /** Property holding the creation timestamp (invoices and payments use hs_createdate). */
  createdProperty: string;
  /** Returned by get/list/search when the caller passes no `properties`. */
  defaultProperties: readonly string[];
  /** Properties the free-text `query` of search looks at. */
  queryProperties: readonly string[];
  readScopes: readonly string[];
  writeScopes: readonly string[];
  /** Properties that must be present on create. */
  requiredOnCreate: readonly string[];
}

const crmScopes = (name: string, extra: string[] = []): Pick<ObjectTypeInfo, 'readScopes' | 'writeScopes'> => ({
  readScopes: [`crm.objects.${name}.read`, ...extra],
  writeScopes: [`crm.objects.${name}.write`, ...extra],
});

export const OBJECT_TYPE_INFO: Record<ObjectType, ObjectTypeInfo> = {
  contacts: {
    name: 'contacts', singular: 'contact', objectTypeId: '0-1', createdProperty: 'createdate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    queryProperties: ['email', 'firstname', 'lastname', 'phone', 'company'],
    ...crmScopes('contacts'), requiredOnCreate: [],
  },
  companies: {
    name: 'companies', singular: 'company', objectTypeId: '0-2', createdProperty: 'createdate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    queryProperties: ['name', 'domain', 'phone', 'website'],
    ...crmScopes('companies'), requiredOnCreate: [],
  },
  deals: {
    name: 'deals', singular: 'deal', objectTypeId: '0-3', createdProperty: 'createdate',
    defaultProperties: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
    queryProperties: ['dealname'],
    ...crmScopes('deals'), requiredOnCreate: [],
  },
  products: {
    name: 'products', singular: 'product', objectTypeId: '0-7', createdProperty: 'createdate',
    defaultProperties: ['createdate', 'description', 'hs_lastmodifieddate', 'hs_object_id', 'name', 'price'],
    queryProperties: ['name', 'hs_sku', 'description'],
    readScopes: ['e-commerce', 'crm.objects.products.read'], writeScopes: ['e-commerce', 'crm.objects.products.write'],
    requiredOnCreate: [],
  },
  line_items: {
    name: 'line_items', singular: 'line_item', objectTypeId: '0-8', createdProperty: 'createdate',
    defaultProperties: ['amount', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_product_id', 'name', 'price', 'quantity'],
    queryProperties: ['name', 'hs_sku'],
    ...crmScopes('line_items', ['e-commerce']), requiredOnCreate: [],
  },
  invoices: {
    name: 'invoices', singular: 'invoice', objectTypeId: '0-53', createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_number', 'hs_title'],
    ...crmScopes('invoices'), requiredOnCreate: ['hs_currency'],
  },
  commerce_payments: {
    name: 'commerce_payments', singular: 'commerce_payment', objectTypeId: '0-101', createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_reference_number'],
    readScopes: ['crm.objects.commercepayments.read'], writeScopes: ['crm.objects.commercepayments.write'],
    requiredOnCreate: ['hs_initial_amount', 'hs_initiated_date'],
  },
};

const ALIASES = new Map<string, ObjectType>();
for (const info of Object.values(OBJECT_TYPE_INFO)) {
  ALIASES.set(info.name, info.name);
  ALIASES.set(info.singular, info.name);
  ALIASES.set(info.objectTypeId, info.name);
}
// HubSpot also accepts the un-prefixed form for payments.
ALIASES.set('payments', 'commerce_payments');
ALIASES.set('lineitems', 'line_items');

/** Resolves a path segment (`contacts`, `contact`, `0-1`) to an object type, or undefined. */
export function lookupObjectType(segment: string): ObjectType | undefined {
  return ALIASES.get(segment.toLowerCase());
}

/** Like lookupObjectType but answers 400 as HubSpot does for an unknown object type. */
export function resolveObjectType(segment: string): ObjectType {
  const type = lookupObjectType(segment);
  if (!type) {
    throw new HubSpotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${segment}`);
  }
  return type;
}
