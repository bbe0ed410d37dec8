/** The catalogues of both sides for an object type: contacts (or companies) ⇄ customers, products ⇄ items. */
import type { ObjectType } from '../types.ts';
import type { FieldCatalogue, HubSpotPropertyInfo } from './field-catalogue.ts';
import { withCustomProperties } from './field-catalogue.ts';
import { HUBSPOT_CONTACT_FIELDS } from './hubspot-contact-fields.ts';
import { QBO_CUSTOMER_FIELDS } from './qbo-customer-fields.ts';
import { HUBSPOT_COMPANY_FIELDS } from './hubspot-company-fields.ts';
import { HUBSPOT_PRODUCT_FIELDS } from './hubspot-product-fields.ts';
import { QBO_ITEM_FIELDS } from './qbo-item-fields.ts';
import { HUBSPOT_INVOICE_FIELDS } from './hubspot-invoice-fields.ts';
import { QBO_INVOICE_FIELDS } from './qbo-invoice-fields.ts';
import { HUBSPOT_PAYMENT_FIELDS } from './hubspot-payment-fields.ts';
import { QBO_PAYMENT_FIELDS } from './qbo-payment-fields.ts';

export interface ObjectCatalogues {
  hubspot: FieldCatalogue;
  qbo: FieldCatalogue;
  /** How the records are called in messages: "contact" / "customer". */
  hubspotNoun: string;
  qboNoun: string;
}

export function cataloguesFor(objectType: ObjectType, customHubSpotProperties: readonly HubSpotPropertyInfo[] = []): ObjectCatalogues | undefined {
  if (objectType === 'products') {
    return { hubspot: withCustomProperties(HUBSPOT_PRODUCT_FIELDS, customHubSpotProperties), qbo: QBO_ITEM_FIELDS, hubspotNoun: 'product', qboNoun: 'item' };
  }
  if (objectType === 'invoices') {
    return { hubspot: withCustomProperties(HUBSPOT_INVOICE_FIELDS, customHubSpotProperties), qbo: QBO_INVOICE_FIELDS, hubspotNoun: 'invoice', qboNoun: 'invoice' };
  }
  if (objectType === 'payments') {
    return { hubspot: withCustomProperties(HUBSPOT_PAYMENT_FIELDS, customHubSpotProperties), qbo: QBO_PAYMENT_FIELDS, hubspotNoun: 'payment', qboNoun: 'payment' };
  }
  if (objectType === 'companies') {
    return { hubspot: withCustomProperties(HUBSPOT_COMPANY_FIELDS, customHubSpotProperties), qbo: QBO_CUSTOMER_FIELDS, hubspotNoun: 'company', qboNoun: 'customer' };
  }
  if (objectType !== 'contacts') return undefined;
  return {
    hubspot: withCustomProperties(HUBSPOT_CONTACT_FIELDS, customHubSpotProperties),
    qbo: QBO_CUSTOMER_FIELDS,
    hubspotNoun: 'contact',
    qboNoun: 'customer',
  };
}
