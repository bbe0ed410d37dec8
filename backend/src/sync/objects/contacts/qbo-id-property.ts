/**
 * `qbo_customer_id`: a unique contact property holding the linked QBO customer id. Writes from QBO are
 * upserts keyed by it, so a retry after a crash finds the contact it created instead of adding one.
 * Created at install (provisioning job) and checked once per process before the first write.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import type { AppContext } from '../../../jobs/context.ts';
import { hubspotClientFor } from '../../../vendors/hubspot/client.ts';

export const QBO_CUSTOMER_ID_PROPERTY = 'qbo_customer_id';

// One check per account and process, shared by the records of a page that all write at once.
const ensured = new Map<number, Promise<void>>();

export function ensureQboIdPropertyFor(ctx: AppContext, portalId: number): Promise<void> {
  let done = ensured.get(portalId);
  if (!done) {
    done = ensureProperty(ctx, portalId);
    ensured.set(portalId, done);
    done.catch(() => ensured.delete(portalId));
  }
  return done;
}

async function ensureProperty(ctx: AppContext, portalId: number): Promise<void> {
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
}

export function ensureQboIdProperty(session: AdapterSession): Promise<void> {
  return ensureQboIdPropertyFor(session.ctx, session.portalId);
}
