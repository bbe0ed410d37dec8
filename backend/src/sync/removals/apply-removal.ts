/**
 * What a removal means for the pair (issue 16, opt-in per sync except merges):
 * - HubSpot merge: the link follows the surviving record. When the survivor has no pair of its own,
 *   the merged record's pair becomes the survivor's (no second customer is created for it); when it
 *   has one, the merged record's pair is set aside (excluded, both customers named) — we never merge
 *   or delete accounting records.
 * - HubSpot contact deleted, deletions "propagate": its customer is made inactive (never deleted).
 * - QuickBooks invoice deleted, deletions "propagate": its HubSpot invoice is voided (never deleted).
 * - By default ("keep") the other side is kept as it is, and the record says so.
 * Each is written to the record's activity. Generic over the object type: what a deletion does comes
 * from the adapter (`qboInactivation`, `voiding`). Voids and records made inactive in QuickBooks are
 * not deletions: the record pass meets them (inactive-in-qbo.ts, voided.ts).
 */
import { deletionPolicyOf } from '@quickbooks-sync/contract/definitions';
import type { AdapterSession } from '../engine/adapter.ts';
import { findSyncRecordBySide, updateSyncRecord, type DBSyncRecord } from '../../db/sync-records.ts';
import { appendActivity } from '../../db/sync-activity.ts';
import type { RemovalChange } from './removal-change.ts';
import { enqueueRecordSync } from '../../jobs/handlers/sync-record.ts';
import { adapterFor } from '../objects/index.ts';

export type RemovalOutcome = 'relinked' | 'set_aside' | 'deactivated' | 'voided' | 'kept' | 'ignored';

type Patch = Parameters<typeof updateSyncRecord>[3];
type Entry = { action: 'link' | 'exclude' | 'delete'; direction: 'to_qbo' | 'to_hubspot' | null; outcome: 'success' | 'skipped'; reasonCode: string; message: string };

/** The record's new state and its activity entry, together or not at all. */
async function record(session: AdapterSession, row: DBSyncRecord, patch: Patch, entry: Entry): Promise<void> {
  await session.ctx.db.transaction(async (trx) => {
    await updateSyncRecord(trx, session.portalId, row.id, patch);
    await appendActivity(trx, { portalId: session.portalId, recordId: row.id, objectType: row.object_type, ...entry });
  });
}

async function applyMerge(session: AdapterSession, change: Extract<RemovalChange, { kind: 'merged' }>): Promise<RemovalOutcome> {
  const { db } = session.ctx;
  let outcome: RemovalOutcome = 'ignored';
  for (const mergedId of change.mergedIds) {
    const merged = await findSyncRecordBySide(db, session.portalId, change.objectType, 'hubspot', mergedId);
    if (!merged) continue;
    const survivor = await findSyncRecordBySide(db, session.portalId, change.objectType, 'hubspot', change.primaryId);
    if (!survivor || (survivor.qbo_id === null && merged.qbo_id !== null)) {
      // The survivor's own unpaired row (if any) gives way to the pair that exists.
      if (survivor) await db('sync_records').where({ portal_id: session.portalId, id: survivor.id }).delete();
      await record(session, merged, { hubspot_id: change.primaryId, hubspot_fingerprint: null, hubspot_snapshot: null, qbo_fingerprint: null, qbo_snapshot: null, state: 'pending', reason_code: null, message: null }, {
        action: 'link', direction: null, outcome: 'success', reasonCode: 'merged_in_hubspot',
        message: `HubSpot merged ${session.definition.object_type === 'contacts' ? 'contact' : 'record'} #${mergedId} into #${change.primaryId}: the link${merged.qbo_id ? ` to QuickBooks #${merged.qbo_id}` : ''} follows #${change.primaryId}.`,
      });
      // The survivor's values (its own and what the merge filled in) go to the customer now, as a first
      // link (no baseline): nothing the customer has is erased because the survivor lacks it.
      await enqueueRecordSync(session.ctx, { portalId: session.portalId, objectType: change.objectType, side: 'hubspot', id: change.primaryId });
      outcome = 'relinked';
      continue;
    }
    const message = `HubSpot merged #${mergedId} into #${change.primaryId}, which is already paired with QuickBooks #${survivor.qbo_id ?? '?'}. QuickBooks #${merged.qbo_id ?? '?'} is no longer synced; merge or make it inactive in QuickBooks if it is the same ${change.objectType === 'contacts' ? 'customer' : 'record'}.`;
    await record(session, merged, { hubspot_id: null, state: 'excluded', reason_code: 'merged_in_hubspot', message }, { action: 'exclude', direction: null, outcome: 'skipped', reasonCode: 'merged_in_hubspot', message });
    outcome = 'set_aside';
  }
  return outcome;
}

async function applyDeletion(session: AdapterSession, change: Extract<RemovalChange, { kind: 'deleted' }>): Promise<RemovalOutcome> {
  const { db } = session.ctx;
  const row = await findSyncRecordBySide(db, session.portalId, change.objectType, change.side, change.id);
  if (!row) return 'ignored';
  // Our own archive of a record made inactive in QuickBooks (inactive-in-qbo.ts) coming back, or a
  // deletion already written on the record: already told.
  if (row.state === 'excluded' && (row.reason_code === 'inactive_in_quickbooks' || row.reason_code === (change.side === 'hubspot' ? 'deleted_in_hubspot' : 'deleted_in_quickbooks'))) return 'kept';
  const adapter = adapterFor(change.objectType);
  if (deletionPolicyOf(session.definition.options) !== 'propagate') return keep(session, row, change, adapter);
  if (adapter?.qboInactivation && change.side === 'hubspot' && row.qbo_id) {
    await adapter.qboInactivation.makeInactive(session, row.qbo_id);
    const message = `Deleted in HubSpot: QuickBooks ${adapter.qboNoun} #${row.qbo_id} was made inactive (never deleted; reactivate it in QuickBooks to keep using it).`;
    await record(session, row, { state: 'excluded', reason_code: 'deleted_in_hubspot', message }, { action: 'delete', direction: 'to_qbo', outcome: 'success', reasonCode: 'deleted_in_hubspot', message });
    return 'deactivated';
  }
  if (adapter?.voiding && change.side === 'qbo' && row.hubspot_id) {
    // Transient or refused: the job retries, then the failure is logged.
    await adapter.voiding.voidHubSpot(session, row.hubspot_id);
    const message = `Deleted in QuickBooks: HubSpot ${adapter.hubspotNoun} #${row.hubspot_id} was voided (never deleted).`;
    await record(session, row, { state: 'excluded', reason_code: 'deleted_in_quickbooks', message }, { action: 'delete', direction: 'to_hubspot', outcome: 'success', reasonCode: 'deleted_in_quickbooks', message });
    return 'voided';
  }
  return 'kept';
}

/**
 * The default: the other side is kept as it is, and the record says so (set aside: its counterpart is
 * gone). Only pairs whose other side a propagated deletion would have changed are noted.
 */
async function keep(session: AdapterSession, row: DBSyncRecord, change: Extract<RemovalChange, { kind: 'deleted' }>, adapter: ReturnType<typeof adapterFor>): Promise<RemovalOutcome> {
  const other = change.side === 'hubspot' ? row.qbo_id : row.hubspot_id;
  const acts = change.side === 'hubspot' ? adapter?.qboInactivation : adapter?.voiding;
  if (!adapter || !acts || !other) return 'kept';
  const where = change.side === 'hubspot' ? 'HubSpot' : 'QuickBooks';
  const otherNoun = change.side === 'hubspot' ? `QuickBooks ${adapter.qboNoun}` : `HubSpot ${adapter.hubspotNoun}`;
  const reasonCode = change.side === 'hubspot' ? 'deleted_in_hubspot' : 'deleted_in_quickbooks';
  const message = `Deleted in ${where}: ${otherNoun} #${other} is kept as it is (this sync does not reflect deletions) and no longer synced.`;
  await record(session, row, { state: 'excluded', reason_code: reasonCode, message }, { action: 'exclude', direction: change.side === 'hubspot' ? 'to_qbo' : 'to_hubspot', outcome: 'skipped', reasonCode, message });
  return 'kept';
}

export function applyRemoval(session: AdapterSession, change: RemovalChange): Promise<RemovalOutcome> {
  return change.kind === 'merged' ? applyMerge(session, change) : applyDeletion(session, change);
}
