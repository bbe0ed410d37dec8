/**
 * `qbo_customer_id`: a unique contact property holding the linked QBO customer id. Writes from QBO are
 * upserts keyed by it, so a retry after a crash finds the contact it created instead of adding one.
 * Created at install (provisioning job) and checked once per process before the first write.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import type { AppContext } from '../../../jobs/context.ts';
import { hubspotClientFor } from '../../../vendors/hubspot/client.ts';

export const QBO_CUSTOMER_ID_PROPERTY = 'qbo_customer_id';

const ensured = new Set<number>();

export async function ensureQboIdPropertyFor(ctx: AppContext, portalId: number): Promise<void> {
  if (ensured.has(portalId)) return;
  await hubspotClientFor(ctx, portalId).ensureProperty('contacts', {
    name: QBO_CUSTOMER_ID_PROPERTY,
    label: 'QuickBooks customer ID',
    type: 'string',
    fieldType: 'text',
    groupName: 'quickbooks_sync',
    groupLabel: 'QuickBooks sync',
    hasUniqueValue: true,
    description: 'Set by the QuickBooks sync app: the QuickBooks Online customer this contact is linked to.',
  });
  ensured.add(portalId);
}

export function ensureQboIdProperty(session: AdapterSession): Promise<void> {
  return ensureQboIdPropertyFor(session.ctx, session.portalId);
}
