/**
 * `qbo_customer_id`: a unique contact property holding the linked QBO customer id. Writes from QBO are
 * upserts keyed by it, so a retry after a crash finds the contact it created instead of adding one.
 * Ensured once per account and process before the first write (qbo-link-property.ts).
 */
import type { QboLinkProperty } from '../qbo-link-property.ts';

export const QBO_CUSTOMER_ID_PROPERTY = 'qbo_customer_id';

export const CUSTOMER_LINK: QboLinkProperty = {
  objectType: 'contacts',
  name: QBO_CUSTOMER_ID_PROPERTY,
  label: 'QuickBooks customer ID',
  description: 'Set by the QuickBooks sync app: the QuickBooks Online customer this contact is linked to.',
};
