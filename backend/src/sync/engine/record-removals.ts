/**
 * Records gone from one side: a linked record archived in HubSpot (the adapter says what that means in
 * QuickBooks: an item made inactive) and a QuickBooks record deleted (what we wrote for it in HubSpot
 * is taken back, for adapters that do so: payments). Nothing is ever recreated.
 */
import type { HubSpotRecord, QboRecord } from '../types.ts';
import { findSyncRecordBySide } from '../../db/sync-records.ts';
import { fingerprint } from '../mappings/fingerprint.ts';
import { RecordFailure, type AdapterSession, type ObjectAdapter } from './adapter.ts';
import { saveRecord } from './record-store.ts';
import { valuesFor } from './record-values.ts';
import { nounOf, type RecordSyncResult } from './record-pass.ts';

/** A linked record archived in HubSpot: the adapter says what that means in QuickBooks (an item made inactive). */
export async function archivedInHubSpot(session: AdapterSession, adapter: ObjectAdapter, source: HubSpotRecord, runId: number | null): Promise<RecordSyncResult> {
  const { db } = session.ctx;
  const row = await findSyncRecordBySide(db, session.portalId, adapter.objectType, 'hubspot', source.id);
  const counterpart = row?.qbo_id ? await adapter.readQbo(session, row.qbo_id) : undefined;
  if (!row || !counterpart) return { action: 'ignored', recordId: row?.id ?? null };
  let written: QboRecord;
  try {
    written = await adapter.onHubSpotArchived!(session, counterpart);
  } catch (err) {
    if (!(err instanceof RecordFailure)) throw err;
    await saveRecord(db, row, { state: 'failed', reason_code: err.reasonCode, message: err.message }, { runId, action: 'fail', direction: 'to_qbo', outcome: 'failure', reasonCode: err.reasonCode, message: err.message });
    return { action: 'failed', recordId: row.id, reasonCode: err.reasonCode };
  }
  const hubspotValues = await valuesFor(session, adapter, 'hubspot', source);
  const qboValues = await valuesFor(session, adapter, 'qbo', written);
  const unchanged = row.state === 'synced' && row.qbo_fingerprint === fingerprint(qboValues) && row.hubspot_fingerprint === fingerprint(hubspotValues);
  if (unchanged) return { action: 'unchanged', recordId: row.id };
  const message = `Archived in HubSpot: ${nounOf(adapter, 'qbo')} #${written.Id} is now inactive.`;
  await saveRecord(
    db,
    row,
    {
      state: 'synced',
      reason_code: null,
      message: null,
      hubspot_fingerprint: fingerprint(hubspotValues),
      qbo_fingerprint: fingerprint(qboValues),
      hubspot_snapshot: hubspotValues,
      qbo_snapshot: qboValues,
      qbo_sync_token: written.SyncToken,
      qbo_updated_at: written.MetaData?.LastUpdatedTime ? new Date(written.MetaData.LastUpdatedTime) : row.qbo_updated_at,
      last_direction: 'to_qbo',
      last_synced_at: new Date(),
    },
    { runId, action: 'update', direction: 'to_qbo', outcome: 'success', message },
  );
  return { action: 'updated', recordId: row.id };
}

/** A QuickBooks record that is gone (deleted): what we wrote for it in HubSpot is taken back. */
export async function reverseDeleted(session: AdapterSession, adapter: ObjectAdapter, qboId: string, runId: number | null): Promise<RecordSyncResult> {
  const { db } = session.ctx;
  const row = await findSyncRecordBySide(db, session.portalId, adapter.objectType, 'qbo', qboId);
  if (!row || row.reason_code === 'deleted_in_quickbooks') return { action: 'ignored', recordId: row?.id ?? null };
  if (row.hubspot_id) await adapter.archiveHubSpot!(session, row.hubspot_id);
  const message = `Deleted in QuickBooks${row.hubspot_id ? `, so the HubSpot ${adapter.hubspotNoun} #${row.hubspot_id} we created for it was archived` : ''}.`;
  await saveRecord(db, row, { state: 'excluded', reason_code: 'deleted_in_quickbooks', message }, { runId, action: 'delete', direction: 'to_hubspot', outcome: 'success', reasonCode: 'deleted_in_quickbooks', message });
  return { action: 'excluded', recordId: row.id, reasonCode: 'deleted_in_quickbooks' };
}

