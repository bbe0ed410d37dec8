/**
 * `qbo_item_id`: a unique product property holding the linked QBO item id. Writes from QBO are upserts keyed
 * by it, so a retry after a crash finds the product it created instead of adding one. Checked once per
 * account and process before the first write (shared by concurrent writers).
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { hubspotClientFor } from '../../../vendors/hubspot/client.ts';

export const QBO_ITEM_ID_PROPERTY = 'qbo_item_id';

const ensured = new Map<number, Promise<void>>();

export function ensureQboItemIdProperty(session: AdapterSession): Promise<void> {
  let done = ensured.get(session.portalId);
  if (!done) {
    done = hubspotClientFor(session.ctx, session.portalId)
      .ensureProperty('products', {
        name: QBO_ITEM_ID_PROPERTY,
        label: 'QuickBooks item ID',
        type: 'string',
        fieldType: 'text',
        groupName: 'quickbooks_sync',
        groupLabel: 'QuickBooks sync',
        hasUniqueValue: true,
        description: 'Set by the QuickBooks sync app: the QuickBooks Online product or service this product is linked to.',
      })
      .then(() => undefined);
    ensured.set(session.portalId, done);
    done.catch(() => ensured.delete(session.portalId));
  }
  return done;
}
