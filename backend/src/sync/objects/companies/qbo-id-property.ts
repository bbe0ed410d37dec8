/**
 * `qbo_customer_id` on companies: the unique company property holding the linked QBO customer id
 * (companies mode). Writes from QBO are upserts keyed by it, so a retry never adds a second company.
 */
import type { QboLinkProperty } from '../qbo-link-property.ts';
import { QBO_CUSTOMER_ID_PROPERTY } from '../contacts/qbo-id-property.ts';

export { QBO_CUSTOMER_ID_PROPERTY };

export const COMPANY_CUSTOMER_LINK: QboLinkProperty = {
  objectType: 'companies',
  name: QBO_CUSTOMER_ID_PROPERTY,
  label: 'QuickBooks customer ID',
  description: 'Set by the QuickBooks sync app: the QuickBooks Online customer this company is linked to.',
};
