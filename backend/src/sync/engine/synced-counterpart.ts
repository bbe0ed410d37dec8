/**
 * A record of another object type that this one depends on, on the other side: an invoice's billing
 * contact, a payment's invoice. When it is not linked yet it is synced first, through its own sync's
 * rules (direction, filters, matching), so one sync never creates another's records on its own.
 */
import type { AdapterSession, ObjectAdapter } from './adapter.ts';
import { findSyncRecordBySide } from '../../db/sync-records.ts';
import { loadSession } from './session.ts';
import { syncRecord } from './record-sync.ts';
import { withObjectLock } from './object-lock.ts';
import type { ObjectType, Side } from '../types.ts';

/** The linked record on the other side of `id`, or null. */
export async function linkedCounterpart(session: AdapterSession, objectType: ObjectType, side: Side, id: string): Promise<string | null> {
  const row = await findSyncRecordBySide(session.ctx.db, session.portalId, objectType, side, id);
  return (side === 'hubspot' ? row?.qbo_id : row?.hubspot_id) ?? null;
}

export type CounterpartResult = { ok: true; id: string } | { ok: false; message: string };

/** `what`: how the message names the record ("The invoice's QuickBooks customer #12"). */
export async function syncedCounterpart(session: AdapterSession, adapter: ObjectAdapter, side: Side, id: string, what: string): Promise<CounterpartResult> {
  const linked = await linkedCounterpart(session, adapter.objectType, side, id);
  if (linked) return { ok: true, id: linked };
  const way = side === 'hubspot' ? 'HubSpot → QuickBooks or two-way' : 'QuickBooks → HubSpot or two-way';
  const loaded = await loadSession(session.ctx, session.portalId, adapter.objectType);
  if (!loaded.ok) return { ok: false, message: `${what} is not synced, and ${loaded.reason}. Set up the ${adapter.objectType} sync (${way}), then retry.` };
  const result = await withObjectLock(session.ctx.db, session.portalId, adapter.objectType, () => syncRecord(loaded.session, adapter, side, id), 30_000);
  const now = await linkedCounterpart(session, adapter.objectType, side, id);
  if (now) return { ok: true, id: now };
  const row = await findSyncRecordBySide(session.ctx.db, session.portalId, adapter.objectType, side, id);
  const why = row?.message ?? (result.action === 'ignored' ? `the ${adapter.objectType} sync does not go that way (it needs ${way}).` : 'it could not be synced.');
  return { ok: false, message: `${what} is not synced: ${why} Fix that, then retry.` };
}
