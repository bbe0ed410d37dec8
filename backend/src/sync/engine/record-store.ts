/**
 * Where the engine keeps what it learned about one record: the row in sync_records (link, state,
 * fingerprints, snapshots) and an activity entry, written together in one transaction.
 */
import type { Knex } from '../../db/knex.ts';
import { SYNC_RECORDS, findSyncRecordBySide, insertSyncRecord, updateSyncRecord, type DBSyncRecord } from '../../db/sync-records.ts';
import { SYNC_ACTIVITY, appendActivity, type NewActivity } from '../../db/sync-activity.ts';
import type { ObjectType, Side } from '../types.ts';

const idColumn = (side: Side) => (side === 'hubspot' ? 'hubspot_id' : 'qbo_id');

/** The row for a record seen on `side`, created if this is the first time we see it. */
export async function recordRowFor(db: Knex, portalId: number, objectType: ObjectType, side: Side, id: string): Promise<DBSyncRecord> {
  const found = await findSyncRecordBySide(db, portalId, objectType, side, id);
  if (found) return found;
  await db(SYNC_RECORDS)
    .insert({ portal_id: portalId, object_type: objectType, [idColumn(side)]: id })
    .onConflict(db.raw(`(portal_id, object_type, ${idColumn(side)}) where ${idColumn(side)} is not null`))
    .ignore();
  return (await findSyncRecordBySide(db, portalId, objectType, side, id)) ?? insertSyncRecord(db, { portal_id: portalId, object_type: objectType, [idColumn(side)]: id });
}

/**
 * Makes `row` hold the other side's id too. When that id already has a row of its own (seen before,
 * say excluded), the two rows are the same party: the other row's history moves here and it goes.
 */
export async function linkRows(db: Knex, row: DBSyncRecord, otherSide: Side, otherId: string): Promise<DBSyncRecord> {
  const other = await findSyncRecordBySide(db, row.portal_id, row.object_type, otherSide, otherId);
  if (other && other.id !== row.id) {
    await db(SYNC_ACTIVITY).where({ portal_id: row.portal_id, record_id: other.id }).update({ record_id: row.id });
    await db(SYNC_RECORDS).where({ portal_id: row.portal_id, id: other.id }).delete();
  }
  return (await updateSyncRecord(db, row.portal_id, row.id, { [idColumn(otherSide)]: otherId })) ?? row;
}

export type RecordPatch = Parameters<typeof updateSyncRecord>[3];

export type RecordActivity = Omit<NewActivity, 'portalId' | 'recordId' | 'objectType'>;

/** Saves the record's new state and, when given, its activity entries (one per side written). */
export async function saveRecord(db: Knex, row: DBSyncRecord, patch: RecordPatch, activity?: RecordActivity | RecordActivity[]): Promise<DBSyncRecord> {
  return db.transaction(async (trx) => {
    const saved = (await updateSyncRecord(trx, row.portal_id, row.id, { ...patch, last_attempt_at: new Date() })) ?? row;
    for (const entry of activity === undefined ? [] : Array.isArray(activity) ? activity : [activity]) {
      await appendActivity(trx, { ...entry, portalId: row.portal_id, recordId: row.id, objectType: row.object_type });
    }
    return saved;
  });
}
