/**
 * The CRM webhook subscriptions the sync needs (issue 12): every HubSpot property a mapping may use —
 * default or custom mapping, for every object the sync covers — has a property-change subscription,
 * so an edit to any mapped field reaches the other side near-real-time, not at the next catch-up.
 * HubSpot's webhooks component has no "any property" subscription (propertyChange needs a
 * propertyName), so the list is derived from the field catalogues the mapping editor offers;
 * webhooks-hsmeta.json must hold it (a unit test checks, `npm run hubspot:webhooks` writes it).
 */
import type { FieldCatalogue } from '../sync/mappings/field-catalogue.ts';
import { HUBSPOT_CONTACT_FIELDS } from '../sync/mappings/hubspot-contact-fields.ts';
import { HUBSPOT_COMPANY_FIELDS } from '../sync/mappings/hubspot-company-fields.ts';
import { HUBSPOT_PRODUCT_FIELDS } from '../sync/mappings/hubspot-product-fields.ts';
import { HUBSPOT_INVOICE_FIELDS } from '../sync/mappings/hubspot-invoice-fields.ts';
import { HUBSPOT_PAYMENT_FIELDS } from '../sync/mappings/hubspot-payment-fields.ts';

export interface CrmObjectSubscription {
  subscriptionType: 'object.creation' | 'object.deletion' | 'object.propertyChange' | 'object.merge';
  objectType: string;
  propertyName?: string;
  active: true;
}

/** HubSpot's limit on an app's subscriptions (developers.hubspot.com/docs/api/webhooks, "Limits"). */
export const MAX_APP_SUBSCRIPTIONS = 1000;

/** Objects the sync reads from HubSpot, their catalogue, and whether a deletion (archive) matters to the sync. */
/** `merge`: a HubSpot merge moves the pair's link to the surviving record (sync/removals/). */
const OBJECTS: Array<{ objectType: string; catalogue: FieldCatalogue; deletion: boolean; merge?: boolean }> = [
  { objectType: 'contact', catalogue: HUBSPOT_CONTACT_FIELDS, deletion: true, merge: true },
  // Companies mode of the customers sync (issue 16).
  { objectType: 'company', catalogue: HUBSPOT_COMPANY_FIELDS, deletion: true, merge: true },
  { objectType: 'product', catalogue: HUBSPOT_PRODUCT_FIELDS, deletion: true },
  { objectType: 'invoice', catalogue: HUBSPOT_INVOICE_FIELDS, deletion: true },
  { objectType: 'commerce_payment', catalogue: HUBSPOT_PAYMENT_FIELDS, deletion: false },
];

/** Properties a change of which the sync must hear about: every catalogued one HubSpot stores (computed '@' values are not properties). */
export function watchedProperties(catalogue: FieldCatalogue): string[] {
  return Object.entries(catalogue)
    .filter(([name, info]) => !name.startsWith('@') && !info.readOnly && !info.filterOnly)
    .map(([name]) => name)
    .sort();
}

export function requiredWebhookSubscriptions(): CrmObjectSubscription[] {
  return OBJECTS.flatMap(({ objectType, catalogue, deletion, merge }) => [
    { subscriptionType: 'object.creation' as const, objectType, active: true as const },
    ...watchedProperties(catalogue).map((propertyName) => ({ subscriptionType: 'object.propertyChange' as const, objectType, propertyName, active: true as const })),
    ...(deletion ? [{ subscriptionType: 'object.deletion' as const, objectType, active: true as const }] : []),
    ...(merge ? [{ subscriptionType: 'object.merge' as const, objectType, active: true as const }] : []),
  ]);
}
