/**
 * The HubSpot-defined properties of each object type the emulator knows. Not the full catalogue (HubSpot
 * has hundreds per object) but every property a sync could plausibly read or write; anything else is
 * rejected with PROPERTY_DOESNT_EXIST, as the real API does for unknown names.
 */
import type { ObjectType } from '../objects/object-types.ts';
import type { PropertyDataType, PropertyDefinition, PropertyOption } from './property-types.ts';

type Spec = [name: string, type: PropertyDataType, opts?: { ro?: boolean; unique?: boolean; options?: string[]; group?: string }];

const FIELD_TYPE: Record<PropertyDataType, string> = {
  string: 'text', number: 'number', date: 'date', datetime: 'date', enumeration: 'select', bool: 'booleancheckbox', phone_number: 'phonenumber',
};

const RO = { ro: true };
const common = (created: string): Spec[] => [
  ['hs_object_id', 'number', RO],
  [created, 'datetime', created === 'createdate' ? {} : RO],
  ['hs_lastmodifieddate', 'datetime', RO],
  ['hubspot_owner_id', 'enumeration', { options: [] }],
  ['hs_merged_object_ids', 'string', RO],
];

const SPECS: Record<ObjectType, Spec[]> = {
  contacts: [
    ...common('createdate'), ['lastmodifieddate', 'datetime', RO],
    ['email', 'string', { unique: true }], ['firstname', 'string'], ['lastname', 'string'], ['phone', 'phone_number'],
    ['mobilephone', 'phone_number'], ['company', 'string'], ['website', 'string'], ['jobtitle', 'string'],
    ['address', 'string'], ['city', 'string'], ['state', 'string'], ['zip', 'string'], ['country', 'string'],
    ['lifecyclestage', 'enumeration', { options: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'] }],
    ['associatedcompanyid', 'number', RO],
  ],
  companies: [
    ...common('createdate'),
    ['name', 'string'], ['domain', 'string'], ['website', 'string'], ['phone', 'phone_number'], ['address', 'string'],
    ['address2', 'string'], ['city', 'string'], ['state', 'string'], ['zip', 'string'], ['country', 'string'],
    ['industry', 'string'], ['description', 'string'], ['numberofemployees', 'number'], ['annualrevenue', 'number'],
  ],
  deals: [
    ...common('createdate'),
    ['dealname', 'string'], ['amount', 'number'], ['closedate', 'datetime'], ['description', 'string'],
    ['dealstage', 'enumeration', { options: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'] }],
    ['pipeline', 'enumeration', { options: ['default'] }], ['deal_currency_code', 'string'],
  ],
  products: [
    ...common('createdate'),
    ['name', 'string'], ['description', 'string'], ['price', 'number'], ['hs_sku', 'string'], ['hs_cost_of_goods_sold', 'number'],
    ['hs_product_type', 'enumeration', { options: ['inventory', 'non_inventory', 'service'] }], ['tax', 'number'],
    ['hs_recurring_billing_period', 'string'], ['recurringbillingfrequency', 'enumeration', { options: ['weekly', 'biweekly', 'monthly', 'quarterly', 'per_six_months', 'annually', 'per_two_years', 'per_three_years', 'per_four_years', 'per_five_years'] }],
    ['hs_url', 'string'], ['hs_folder_id', 'number'],
  ],
  line_items: [
    ...common('createdate'),
    ['name', 'string'], ['description', 'string'], ['quantity', 'number'], ['price', 'number'], ['amount', 'number', RO],
    ['hs_product_id', 'number'], ['hs_sku', 'string'], ['discount', 'number'], ['hs_discount_percentage', 'number'],
    ['tax', 'number'], ['hs_line_item_currency_code', 'string'], ['hs_position_on_quote', 'number'],
  ],
  invoices: [
    ...common('hs_createdate'),
    ['hs_currency', 'string'], ['hs_invoice_status', 'enumeration', { options: ['draft', 'open', 'paid', 'voided'] }],
    ['hs_invoice_date', 'datetime'], ['hs_due_date', 'datetime'], ['hs_number', 'string', RO], ['hs_title', 'string'],
    ['hs_amount_billed', 'number', RO], ['hs_balance_due', 'number', RO], ['hs_amount_paid', 'number', RO],
    ['hs_invoice_billable', 'bool'], ['hs_comments', 'string'], ['hs_purchase_order_number', 'string'],
    ['hs_external_invoice_id', 'string'], ['hs_external_recipient', 'string'], ['hs_external_invoice_status', 'string'],
    ['hs_tax_id', 'string'], ['hs_language', 'string'], ['hs_locale', 'string'],
    // "Invoice source" (HubSpot, Data Sync, legacy QuickBooks integration); set by HubSpot, never by an app.
    ['hs_invoice_source', 'enumeration', { options: ['hubspot', 'data_sync', 'legacy_quickbooks'], ro: true }],
  ],
  commerce_payments: [
    ...common('hs_createdate'),
    ['hs_initial_amount', 'number'], ['hs_initiated_date', 'datetime'], ['hs_currency_code', 'string'],
    ['hs_payment_method', 'enumeration', { options: ['ach', 'card', 'check', 'cash', 'bank_transfer', 'other'] }],
    ['hs_latest_status', 'enumeration', { options: ['processing', 'succeeded', 'failed', 'refunded', 'partially_refunded'] }],
    ['hs_reference_number', 'string'], ['hs_internal_comment', 'string'], ['hs_customer_email', 'string'],
    ['hs_payment_source_name', 'string'], ['hs_fees_amount', 'number'], ['hs_net_amount', 'number', RO],
  ],
};

const EPOCH = '2019-08-06T18:44:30.000Z';

function toOptions(values: string[]): PropertyOption[] {
  return values.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false }));
}

export function defaultPropertyDefinitions(type: ObjectType): PropertyDefinition[] {
  const group = type === 'contacts' ? 'contactinformation' : type === 'companies' ? 'companyinformation' : `${type.replace(/s$/, '')}information`;
  return SPECS[type].map(([name, dataType, opts = {}], i) => ({
    name, label: name, type: dataType, fieldType: FIELD_TYPE[dataType], groupName: opts.group ?? group, description: '',
    options: toOptions(opts.options ?? []), displayOrder: i, hasUniqueValue: opts.unique ?? false, hidden: false,
    formField: !opts.ro, hubspotDefined: true, readOnlyValue: opts.ro ?? false, calculated: false,
    externalOptions: name === 'hubspot_owner_id', createdAt: EPOCH, updatedAt: EPOCH, archived: false,
  }));
}

export function defaultGroupName(type: ObjectType): string {
  return defaultPropertyDefinitions(type)[0]?.groupName ?? 'information';
}
