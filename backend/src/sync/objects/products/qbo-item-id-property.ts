/**
 * `qbo_item_id`: a unique product property holding the linked QBO item id. Writes from QBO are upserts keyed
 * by it, so a retry after a crash finds the product it created instead of adding one. Ensured once per
 * account and process before the first write (qbo-link-property.ts).
 */
import type { QboLinkProperty } from '../qbo-link-property.ts';

export const QBO_ITEM_ID_PROPERTY = 'qbo_item_id';

export const ITEM_LINK: QboLinkProperty = {
  objectType: 'products',
  name: QBO_ITEM_ID_PROPERTY,
  label: 'QuickBooks item ID',
  description: 'Set by the QuickBooks sync app: the QuickBooks Online product or service this product is linked to.',
};
