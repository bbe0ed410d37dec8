/**
 * One record, one pass: read the changed record, decide (filters, matching, echo, conflict), write
 * the other side, and store link, state and activity. Used for webhooks, catch-up and backfill.
 *
 * Idempotent by construction: a QBO create carries a requestid stored on the row before the call, and
 * a HubSpot write is an upsert keyed by the QBO id, so a retry after a crash never duplicates; an
 * unchanged fingerprint (our own write coming back as a webhook) stops the pass before any write.
 */
import { randomUUID } from 'node:crypto';
import type { DBSyncRecord } from '../../db/sync-records.ts';
import type { HubSpotRecord, MappedValues, QboRecord, Side } from '../types.ts';
import { fingerprint } from '../mappings/fingerprint.ts';
import { changedFields, mergeForConflict } from '../mappings/merge.ts';
import { cataloguesFor } from '../mappings/catalogues.ts';
import { matchesFilters } from '../filters/matches-filters.ts';
import { RecordFailure, type AdapterSession, type ObjectAdapter, type RecordPair } from './adapter.ts';
import { linkRows, recordRowFor, saveRecord } from './record-store.ts';
import { findSyncRecordBySide } from '../../db/sync-records.ts';
import { readFilterValue, relatedForFilters, valuesFor, writableToward } from './record-values.ts';

export type RecordSyncAction = 'created' | 'updated' | 'linked' | 'unchanged' | 'excluded' | 'failed' | 'ignored';

export interface RecordSyncResult {
  action: RecordSyncAction;
  recordId: number | null;
  reasonCode?: string;
}

type AnyRecord = HubSpotRecord | QboRecord;
const other = (side: Side): Side => (side === 'hubspot' ? 'qbo' : 'hubspot');
const idOf = (side: Side, record: AnyRecord): string => (side === 'hubspot' ? (record as HubSpotRecord).id : (record as QboRecord).Id);
const noun = (adapter: ObjectAdapter, side: Side) => (side === 'hubspot' ? `HubSpot ${adapter.hubspotNoun}` : `QuickBooks ${adapter.qboNoun}`);

function flowsFrom(session: AdapterSession, side: Side): boolean {
  const d = session.definition.direction;
  return d === 'two_way' || (side === 'hubspot' ? d === 'hubspot_to_qbo' : d === 'qbo_to_hubspot');
}

async function read(session: AdapterSession, adapter: ObjectAdapter, side: Side, id: string): Promise<AnyRecord | undefined> {
  return side === 'hubspot' ? adapter.readHubSpot(session, id) : adapter.readQbo(session, id);
}

/** `preloaded`: the source record when the caller already read it (catch-up and backfill pages). */
export async function syncRecord(session: AdapterSession, adapter: ObjectAdapter, side: Side, id: string, runId: number | null = null, preloaded?: AnyRecord): Promise<RecordSyncResult> {
  const { db } = session.ctx;
  if (!flowsFrom(session, side)) return { action: 'ignored', recordId: null };
  const source = preloaded ?? (await read(session, adapter, side, id));
  if (!source && side === 'qbo' && adapter.archiveHubSpot) return reverseDeleted(session, adapter, id, runId);
  if (source && side === 'hubspot' && (source as HubSpotRecord).archived && adapter.onHubSpotArchived) return archivedInHubSpot(session, adapter, source as HubSpotRecord, runId);
  if (!source || (side === 'hubspot' && (source as HubSpotRecord).archived)) return { action: 'ignored', recordId: null };
  let row = await recordRowFor(db, session.portalId, adapter.objectType, side, id);
  const described = side === 'hubspot' ? adapter.describeHubSpot(source as HubSpotRecord) : adapter.describeQbo(source as QboRecord);
  const base = { display_name: described.displayName, email: described.email };
  const direction = side === 'hubspot' ? ('to_qbo' as const) : ('to_hubspot' as const);

  const fail = async (reasonCode: string, message: string): Promise<RecordSyncResult> => {
    const changed = row.state !== 'failed' || row.reason_code !== reasonCode;
    row = await saveRecord(db, row, { ...base, state: 'failed', reason_code: reasonCode, message, attempts: row.attempts + 1 }, changed ? { runId, action: 'fail', direction, outcome: 'failure', reasonCode, message } : undefined);
    return { action: 'failed', recordId: row.id, reasonCode };
  };

  // Filters (R8): the rule that excluded the record is named on it.
  const filterGroups = side === 'hubspot' ? session.filters.toQbo : session.filters.toHubSpot;
  const catalogues = cataloguesFor(adapter.objectType);
  const related = side === 'hubspot' ? await relatedForFilters(session, adapter, filterGroups, source as HubSpotRecord) : undefined;
  const filtered = matchesFilters(filterGroups, (property) => readFilterValue(side, source, property), side === 'hubspot' ? catalogues?.hubspot : catalogues?.qbo, related);
  if (!filtered.included) {
    // A two-way pair last synced from the other side stays synced: this side's filter only decides
    // whether this side's changes are sent, not whether the pair is synced (the other side's filter let it through).
    const pairedFromOtherSide = row.state === 'synced' && row.hubspot_id !== null && row.qbo_id !== null && session.definition.direction === 'two_way' && row.last_direction === (side === 'hubspot' ? 'to_hubspot' : 'to_qbo');
    if (pairedFromOtherSide) return { action: 'unchanged', recordId: row.id, reasonCode: 'filtered_out' };
    const message = `Excluded by the sync filter: ${filtered.rule}.`;
    const changed = row.state !== 'excluded' || row.message !== message;
    row = await saveRecord(db, row, { ...base, state: 'excluded', reason_code: 'filtered_out', message }, changed ? { runId, action: 'exclude', direction, outcome: 'skipped', reasonCode: 'filtered_out', message } : undefined);
    return { action: 'excluded', recordId: row.id, reasonCode: 'filtered_out' };
  }

  // A reason of the record's own (R21: a payment applied to several invoices); some take back what we wrote.
  const exclusion = adapter.exclusionOf?.(session, side, source) ?? null;
  if (exclusion) {
    const counterpartId = side === 'qbo' ? row.hubspot_id : null;
    if (exclusion.reverse && counterpartId && adapter.archiveHubSpot && row.reason_code !== exclusion.reasonCode) await adapter.archiveHubSpot(session, counterpartId);
    const changed = row.state !== 'excluded' || row.reason_code !== exclusion.reasonCode;
    row = await saveRecord(
      db,
      row,
      { ...base, state: 'excluded', reason_code: exclusion.reasonCode, message: exclusion.message },
      changed ? { runId, action: exclusion.reverse && counterpartId ? 'delete' : 'exclude', direction, outcome: 'skipped', reasonCode: exclusion.reasonCode, message: exclusion.message } : undefined,
    );
    return { action: 'excluded', recordId: row.id, reasonCode: exclusion.reasonCode };
  }

  // Echo suppression: the values we last wrote or read on this side are back unchanged (our own
  // write returning as a webhook, or a catch-up re-reading it): nothing to do, no call made.
  const target = other(side);
  const linkedId = target === 'hubspot' ? row.hubspot_id : row.qbo_id;
  const sourceValues = await valuesFor(session, adapter, side, source);
  const sourceFingerprint = fingerprint(sourceValues);
  const storedSource = side === 'hubspot' ? row.hubspot_fingerprint : row.qbo_fingerprint;
  if (linkedId && row.state === 'synced' && storedSource === sourceFingerprint) return { action: 'unchanged', recordId: row.id };

  // R18: QuickBooks may not change some fields of a record created in HubSpot (an invoice's lines,
  // prices, tax). Such a change is synced neither way; the record says what happened and what to do.
  const locked =
    side === 'qbo' && row.origin === 'hubspot'
      ? [...lockedChanges(session, adapter, row.qbo_snapshot, sourceValues), ...(row.qbo_snapshot && adapter.refusedQboChanges ? adapter.refusedQboChanges(row.qbo_snapshot, sourceValues) : [])]
      : [];
  if (locked.length > 0) {
    return fail(
      'changed_in_quickbooks',
      `This ${adapter.qboNoun} was created in HubSpot, and its ${locked.join(' and ')} changed in QuickBooks. A ${adapter.hubspotNoun} created in HubSpot cannot take such changes from QuickBooks, so nothing was synced. Undo the change in QuickBooks, or make it on the HubSpot ${adapter.hubspotNoun}.`,
    );
  }

  // The counterpart: linked already, else matched by key (never created when a match exists).
  let counterpart: AnyRecord | undefined = linkedId ? await read(session, adapter, target, linkedId) : undefined;
  if (linkedId && !counterpart) {
    // The linked record was deleted on the other side. Recreating it would undo that deletion;
    // deletions are people's decisions, so the pair stops syncing and says why.
    const message = `The linked ${noun(adapter, target)} #${linkedId} no longer exists, so this record is no longer synced. Restore it, or remove the link to sync this record again.`;
    const changed = row.reason_code !== 'counterpart_deleted';
    row = await saveRecord(db, row, { ...base, state: 'excluded', reason_code: 'counterpart_deleted', message }, changed ? { runId, action: 'exclude', direction, outcome: 'skipped', reasonCode: 'counterpart_deleted', message } : undefined);
    return { action: 'excluded', recordId: row.id, reasonCode: 'counterpart_deleted' };
  }
  if (!counterpart && !adapter.pairsByLinkOnly) {
    const key = side === 'hubspot' ? adapter.hubspotMatchKey(source as HubSpotRecord) : adapter.qboMatchKey(source as QboRecord);
    if (key === null && side === 'hubspot') {
      const message = adapter.noMatchKeyMessage();
      row = await saveRecord(db, row, { ...base, state: 'excluded', reason_code: 'no_match_key', message }, row.reason_code === 'no_match_key' ? undefined : { runId, action: 'exclude', direction, outcome: 'skipped', reasonCode: 'no_match_key', message });
      return { action: 'excluded', recordId: row.id, reasonCode: 'no_match_key' };
    }
    if (key !== null) {
      const matches: AnyRecord[] = target === 'hubspot' ? await adapter.findHubSpotMatches(session, key) : await adapter.findQboMatches(session, key);
      if (matches.length > 1) {
        const names = matches.map((m) => `${noun(adapter, target)} #${idOf(target, m)}`).join(' and ');
        return fail('ambiguous_match', `More than one record matches “${key}”: ${names}. Merge or change them so only one remains; we do not guess.`);
      }
      counterpart = matches[0];
    }
    if (counterpart) {
      // The match may already be linked to another record of this side (two customers sharing one
      // e-mail): linking it again would steal that link back and forth. Don't guess.
      const counterpartId = idOf(target, counterpart);
      const holder = await findSyncRecordBySide(db, session.portalId, adapter.objectType, target, counterpartId);
      const holderSourceId = holder ? (side === 'hubspot' ? holder.hubspot_id : holder.qbo_id) : null;
      if (holder && holderSourceId && holderSourceId !== id) {
        return fail(
          'ambiguous_match',
          `${noun(adapter, target)} #${counterpartId} matches this record but is already linked to ${noun(adapter, side)} #${holderSourceId} (same ${adapter.objectType === 'contacts' ? 'e-mail' : 'key'}). Merge the two ${side === 'hubspot' ? adapter.hubspotNoun : adapter.qboNoun}s or give them different ${adapter.objectType === 'contacts' ? 'e-mail addresses' : 'keys'}; we do not guess.`,
        );
      }
      row = await linkRows(db, row, target, counterpartId);
    }
  }

  const storedTarget = target === 'hubspot' ? row.hubspot_fingerprint : row.qbo_fingerprint;
  const targetValues = counterpart ? await valuesFor(session, adapter, target, counterpart) : undefined;

  // Conflict: both sides changed since the last sync. The configured winner's values are written;
  // its empty values never erase the other side's.
  let writeSide: Side = target;
  let values: MappedValues = sourceValues;
  let conflictDetails: Record<string, unknown> | undefined;
  const targetChanged = counterpart && storedTarget !== null && targetValues && fingerprint(targetValues) !== storedTarget;
  if (counterpart && targetValues && targetChanged && storedSource !== null && session.definition.direction === 'two_way') {
    const winner: Side = session.definition.conflict_winner === 'hubspot' ? 'hubspot' : 'qbo';
    if (winner === side) {
      values = mergeForConflict(sourceValues, targetValues);
    } else {
      writeSide = side;
      values = mergeForConflict(targetValues, sourceValues);
    }
    conflictDetails = { winner, hubspot: side === 'hubspot' ? sourceValues : targetValues, quickbooks: side === 'qbo' ? sourceValues : targetValues };
  }
  const writeTarget = writeSide === target ? counterpart : source;
  const before = writeSide === target ? targetValues : sourceValues;
  // Some fields are set only when the record is created (a QBO customer's display name, R14).
  const allowed = writableToward(session.mappings.filter((m) => !(writeTarget && adapter.createOnlyMappingIds.includes(m.id))), writeSide, values);

  const pair: RecordPair = side === 'hubspot' ? { hubspot: source as HubSpotRecord, qbo: counterpart as QboRecord | undefined } : { qbo: source as QboRecord, hubspot: counterpart as HubSpotRecord | undefined };

  // R17: QuickBooks owns the records it created; HubSpot's edits of them are not sent back.
  if (writeSide === 'qbo' && writeTarget && adapter.qboUpdatesOnlyForHubSpotOrigin && row.origin !== 'hubspot') {
    const message = `Not sent to QuickBooks: this ${adapter.qboNoun} was created in QuickBooks, and only ${adapter.hubspotNoun}s created in HubSpot send their changes to QuickBooks. Make the change in QuickBooks.`;
    const changed = row.reason_code !== 'owned_by_quickbooks' || row.hubspot_fingerprint !== sourceFingerprint;
    row = await saveRecord(
      db,
      row,
      { ...base, state: 'synced', reason_code: 'owned_by_quickbooks', message, hubspot_fingerprint: side === 'hubspot' ? sourceFingerprint : row.hubspot_fingerprint },
      changed ? { runId, action: 'skip', direction: 'to_qbo', outcome: 'skipped', reasonCode: 'owned_by_quickbooks', message } : undefined,
    );
    return { action: 'unchanged', recordId: row.id, reasonCode: 'owned_by_quickbooks' };
  }

  let written: AnyRecord;
  let createNote: string | null = null;
  const nothingToWrite = writeTarget !== undefined && before !== undefined && changedFields(pick(before, allowed), allowed).length === 0;
  try {
    if (nothingToWrite) {
      written = writeTarget; // a match that already agrees: link it, write nothing
    } else if (writeSide === 'qbo') {
      if (writeTarget) written = await adapter.updateQbo(session, allowed, writeTarget as QboRecord, pair);
      else {
        // The requestid is stored before the call: a retry after a crash replays the same create.
        const requestId = row.pending_qbo_request_id ?? randomUUID();
        if (!row.pending_qbo_request_id) row = await saveRecord(db, row, { pending_qbo_request_id: requestId });
        const createValues = side === 'hubspot' ? writableToward(session.mappings, 'qbo', await adapter.hubspotValues(session, source as HubSpotRecord, { forCreate: true })) : allowed;
        written = await adapter.createQbo(session, createValues, requestId, pair);
        createNote = adapter.createdNote?.(written, createValues) ?? null;
      }
    } else {
      const qboId = writeSide === target ? idOf(side, source) : idOf(target, counterpart!);
      written = await adapter.upsertHubSpot(session, allowed, qboId, writeTarget ? idOf('hubspot', writeTarget) : null, pair);
    }
  } catch (err) {
    if (err instanceof RecordFailure) {
      // QuickBooks refused the create: nothing exists to replay, and replaying the refusal after the
      // person fixed the cause would keep the record failed forever. The next attempt is a new create.
      if (row.pending_qbo_request_id) row = await saveRecord(db, row, { pending_qbo_request_id: null });
      return fail(err.reasonCode, err.message);
    }
    throw err; // transient: the job retries with backoff
  }

  const writtenValues = await valuesFor(session, adapter, writeSide, written);
  const created = !writeTarget;
  if (created) row = await linkRows(db, row, writeSide, idOf(writeSide, written));
  const hubspotValues = writeSide === 'hubspot' ? writtenValues : side === 'hubspot' ? sourceValues : (targetValues ?? {});
  const qboValues = writeSide === 'qbo' ? writtenValues : side === 'qbo' ? sourceValues : (targetValues ?? {});
  const writtenQbo = writeSide === 'qbo' ? (written as QboRecord) : (side === 'qbo' ? (source as QboRecord) : (counterpart as QboRecord | undefined));
  const changes = changedFields(before ?? {}, writtenValues);
  row = await saveRecord(
    db,
    row,
    {
      ...base,
      origin: row.origin ?? (created ? side === 'hubspot' ? 'hubspot' : 'quickbooks' : null),
      state: 'synced',
      reason_code: null,
      message: createNote,
      attempts: 0,
      hubspot_fingerprint: fingerprint(hubspotValues),
      qbo_fingerprint: fingerprint(qboValues),
      hubspot_snapshot: hubspotValues,
      qbo_snapshot: qboValues,
      qbo_sync_token: writtenQbo?.SyncToken ?? row.qbo_sync_token,
      qbo_updated_at: writtenQbo?.MetaData?.LastUpdatedTime ? new Date(writtenQbo.MetaData.LastUpdatedTime) : row.qbo_updated_at,
      pending_qbo_request_id: null,
      last_direction: writeSide === 'qbo' ? 'to_qbo' : 'to_hubspot',
      last_synced_at: new Date(),
    },
    {
      runId,
      action: conflictDetails ? 'conflict' : created ? 'create' : nothingToWrite ? 'link' : 'update',
      direction: writeSide === 'qbo' ? 'to_qbo' : 'to_hubspot',
      outcome: 'success',
      message: created
        ? `Created ${noun(adapter, writeSide)} #${idOf(writeSide, written)}.${createNote ? ` ${createNote}` : ''}`
        : nothingToWrite
          ? `Linked to ${noun(adapter, writeSide)} #${idOf(writeSide, written)} (same ${adapter.objectType === 'contacts' ? 'e-mail' : 'key'}; nothing to change).`
          : `Updated ${noun(adapter, writeSide)} #${idOf(writeSide, written)}${changes.length ? ` (${changes.map((c) => c.mappingId).join(', ')})` : ''}.`,
      details: { changes, ...(conflictDetails ?? {}) },
    },
  );
  return { action: created ? 'created' : nothingToWrite ? (conflictDetails ? 'updated' : 'linked') : 'updated', recordId: row.id };
}

/** A linked record archived in HubSpot: the adapter says what that means in QuickBooks (an item made inactive). */
async function archivedInHubSpot(session: AdapterSession, adapter: ObjectAdapter, source: HubSpotRecord, runId: number | null): Promise<RecordSyncResult> {
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
  const message = `Archived in HubSpot: ${noun(adapter, 'qbo')} #${written.Id} is now inactive.`;
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
async function reverseDeleted(session: AdapterSession, adapter: ObjectAdapter, qboId: string, runId: number | null): Promise<RecordSyncResult> {
  const { db } = session.ctx;
  const row = await findSyncRecordBySide(db, session.portalId, adapter.objectType, 'qbo', qboId);
  if (!row || row.reason_code === 'deleted_in_quickbooks') return { action: 'ignored', recordId: row?.id ?? null };
  if (row.hubspot_id) await adapter.archiveHubSpot!(session, row.hubspot_id);
  const message = `Deleted in QuickBooks${row.hubspot_id ? `, so the HubSpot ${adapter.hubspotNoun} #${row.hubspot_id} we created for it was archived` : ''}.`;
  await saveRecord(db, row, { state: 'excluded', reason_code: 'deleted_in_quickbooks', message }, { runId, action: 'delete', direction: 'to_hubspot', outcome: 'success', reasonCode: 'deleted_in_quickbooks', message });
  return { action: 'excluded', recordId: row.id, reasonCode: 'deleted_in_quickbooks' };
}

/** The labels of locked fields whose QuickBooks value differs from the one stored at the last sync. */
function lockedChanges(session: AdapterSession, adapter: ObjectAdapter, snapshot: Record<string, unknown> | null, values: MappedValues): string[] {
  const ids = adapter.lockedInQboForHubSpotOrigin ?? [];
  if (!snapshot || ids.length === 0) return [];
  const catalogue = cataloguesFor(adapter.objectType)?.qbo;
  return ids
    .filter((id) => id in values && (snapshot[id] ?? null) !== (values[id] ?? null))
    .map((id) => {
      const qboField = session.mappings.find((m) => m.id === id)?.qboField;
      return ((qboField && catalogue?.[qboField]?.label) || id).toLowerCase();
    });
}

function pick(values: MappedValues, keysOf: MappedValues): MappedValues {
  return Object.fromEntries(Object.keys(keysOf).map((k) => [k, values[k] ?? null]));
}

export type { DBSyncRecord };
