/**
 * "Retry" on a failed record (R28): queue the record's sync pass now, from the side the failed sync
 * read, and note the request in its activity (a retry that fails the same way records no new entry,
 * so without the note the person would see nothing happen).
 */
import type { AppContext } from '../jobs/context.ts';
import type { Knex } from '../db/knex.ts';
import { findSyncRecordBySide, getSyncRecord, type DBSyncRecord } from '../db/sync-records.ts';
import { getSyncDefinition } from '../db/sync-definitions.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { appendActivity, lastActivityDirection, type Direction } from '../db/sync-activity.ts';
import { enqueueRecordSync } from '../jobs/handlers/sync-record.ts';
import { clearFailureBasis } from '../sync/engine/failure-policy.ts';
import type { RecordSyncNowRequest, RecordSyncNowResponse, RetryResponse } from '@quickbooks-sync/contract';
import { httpErrors } from '../http/errors.ts';
import type { Side } from '../sync/types.ts';

/** Which side to read again: where the failed sync started (a sync to QuickBooks reads HubSpot). */
async function sourceOf(db: Knex, record: DBSyncRecord): Promise<{ side: Side; id: string; direction: Direction } | undefined> {
  const fromHubSpot = record.hubspot_id ? { side: 'hubspot' as const, id: record.hubspot_id, direction: 'to_qbo' as const } : undefined;
  const fromQbo = record.qbo_id ? { side: 'qbo' as const, id: record.qbo_id, direction: 'to_hubspot' as const } : undefined;
  if (!fromHubSpot || !fromQbo) return fromHubSpot ?? fromQbo;
  const direction = (await lastActivityDirection(db, record.portal_id, Number(record.id), 'fail')) ?? record.last_direction;
  if (direction === 'to_hubspot') return fromQbo;
  if (direction === 'to_qbo') return fromHubSpot;
  return record.origin === 'quickbooks' ? fromQbo : fromHubSpot;
}

/**
 * "Sync now" on one record (R31, the sync-status card): queue a pass of this HubSpot record now, whatever
 * its state; a record the sync has not seen yet is read from HubSpot (its filters then decide). A record
 * already known is read from the side its last failed sync started from, like Retry.
 */
export async function syncRecordNow(ctx: AppContext, portalId: number, input: RecordSyncNowRequest, requestedBy: string | undefined): Promise<RecordSyncNowResponse> {
  return ctx.db.transaction(async (trx) => {
    const definition = await getSyncDefinition(trx, portalId, input.objectType);
    if (definition?.status !== 'enabled') throw httpErrors.conflict(`The ${input.objectType} sync is not enabled; enable it to sync its records.`);
    const connection = await getQboConnection(trx, portalId);
    if (connection?.status !== 'connected') throw httpErrors.conflict('QuickBooks is not connected; reconnect it to sync records.');
    const record = await findSyncRecordBySide(trx, portalId, input.objectType, 'hubspot', input.hubspotId);
    const source = record ? ((record.state === 'failed' ? await sourceOf(trx, record) : undefined) ?? { side: 'hubspot' as const, id: input.hubspotId, direction: 'to_qbo' as const }) : { side: 'hubspot' as const, id: input.hubspotId, direction: 'to_qbo' as const };
    if (record) {
      await clearFailureBasis(trx, portalId, Number(record.id));
      await appendActivity(trx, {
        portalId,
        recordId: Number(record.id),
        objectType: input.objectType,
        action: 'retry',
        direction: source.direction,
        outcome: 'success',
        message: requestedBy ? `Sync now requested by ${requestedBy}.` : 'Sync now requested.',
      });
    }
    await enqueueRecordSync({ ...ctx, db: trx }, { portalId, objectType: input.objectType, side: source.side, id: source.id }, trx);
    return { recordId: record ? Number(record.id) : null, queued: true as const };
  });
}

export async function retryRecord(ctx: AppContext, portalId: number, recordId: number, requestedBy: string | undefined): Promise<RetryResponse> {
  return ctx.db.transaction(async (trx) => {
    const record = await getSyncRecord(trx, portalId, recordId);
    if (!record) throw httpErrors.notFound('No such record in this account.');
    if (record.state !== 'failed') throw httpErrors.conflict(`Only failed records can be retried; this one is ${record.state}.`, { state: record.state });
    const definition = await getSyncDefinition(trx, portalId, record.object_type);
    if (definition?.status !== 'enabled') throw httpErrors.conflict(`The ${record.object_type} sync is not enabled; enable it to retry its records.`);
    const connection = await getQboConnection(trx, portalId);
    if (connection?.status !== 'connected') throw httpErrors.conflict('QuickBooks is not connected; reconnect it to retry records.');
    const source = await sourceOf(trx, record);
    if (!source) throw httpErrors.conflict('This record has no id on either side to sync from.');
    // A failure that stands is not retried until its inputs change; Retry is the person saying "try anyway".
    await clearFailureBasis(trx, portalId, recordId);
    await appendActivity(trx, {
      portalId,
      recordId,
      objectType: record.object_type,
      action: 'retry',
      direction: source.direction,
      outcome: 'success',
      message: requestedBy ? `Retry requested by ${requestedBy}.` : 'Retry requested.',
    });
    // Same transaction: the job exists if and only if the note does.
    await enqueueRecordSync({ ...ctx, db: trx }, { portalId, objectType: record.object_type, side: source.side, id: source.id }, trx);
    return { recordId, queued: true as const };
  });
}
