/**
 * Acts on a pair decision (decision/decide-pair.ts): writes each side that must change — QuickBooks
 * first, then HubSpot — and records the pair as synced with what each side holds afterwards (read
 * back from the writes), so the next pass compares against what is really there.
 *
 * Creates are idempotent: a QBO create carries a requestid stored on the row before the call; when a
 * row already carries one (an earlier attempt whose outcome is unknown) the adapter is first asked
 * whether the record exists (the requestid replay window may have passed), so a retry never
 * duplicates. A HubSpot write is an upsert keyed by the QBO id.
 */
import { randomUUID } from 'node:crypto';
import type { HubSpotRecord, MappedValues, QboRecord, Side } from '../types.ts';
import { fingerprint } from '../mappings/fingerprint.ts';
import type { PairDecision } from './decision/decide-pair.ts';
import { RecordFailure, type RecordPair } from './adapter.ts';
import { linkRows, type RecordActivity } from './record-store.ts';
import { valuesFor } from './record-values.ts';
import { idOf, nounOf, type RecordPass, type RecordSyncResult } from './record-pass.ts';

export interface PairNow {
  hubspot?: HubSpotRecord;
  qbo?: QboRecord;
  hubspotValues?: MappedValues;
  qboValues?: MappedValues;
  /** The counterpart was found by its key in this pass (a first link). */
  newlyLinked: boolean;
}

export async function executeDecision(pass: RecordPass, decision: PairDecision, now: PairNow): Promise<RecordSyncResult> {
  const { session, adapter, row } = pass;
  let qbo = now.qbo;
  let hubspot = now.hubspot;
  const activity: RecordActivity[] = [];
  const written: Side[] = [];

  // R17: QuickBooks owns the records it created; HubSpot's edits of them are not sent back.
  const ownedByQbo = decision.qbo.write && !decision.qbo.create && adapter.qboUpdatesOnlyForHubSpotOrigin === true && row.origin !== 'hubspot';
  const writeQbo = decision.qbo.write && !ownedByQbo;
  const writeHubSpot = decision.hubspot.write;
  // A create may write something other than asked (a display name the policy chose): said on the record.
  let createNote: string | null = null;
  /** When QuickBooks' answer to our write was in (its echo happened before it). */
  let qboWrittenAt = 0;

  try {
    if (writeQbo) {
      const pair: RecordPair = { hubspot, qbo };
      if (qbo) qbo = await adapter.updateQbo(session, decision.qbo.values, qbo, pair);
      else {
        qbo = await createQboOnce(pass, decision.qbo.values, pair);
        createNote = adapter.createdNote?.(qbo, decision.qbo.values) ?? null;
      }
      written.push('qbo');
      qboWrittenAt = Date.now();
      // QuickBooks tells of our write by webhook in about a second; the HubSpot write may take longer
      // (a page waits on HubSpot's rate budget). Known now, the echo is recognised from the event
      // alone (webhook-dispatch.ts), without a read, whenever it arrives.
      if (writeHubSpot) await rememberQboWrite(pass, qbo, !now.qbo, qboWrittenAt);
    }
    if (writeHubSpot) {
      if (!qbo) throw new Error('a HubSpot write needs the QuickBooks record it mirrors');
      hubspot = await adapter.upsertHubSpot(session, decision.hubspot.values, qbo.Id, hubspot?.id ?? null, { hubspot, qbo });
      written.push('hubspot');
    }
  } catch (err) {
    if (err instanceof RecordFailure) {
      // QuickBooks refused the create: nothing exists to replay, and replaying the refusal after the
      // person fixed the cause would keep the record failed forever. The next attempt is a new create.
      if (pass.row.pending_qbo_request_id && !now.qbo) await pass.save({ pending_qbo_request_id: null });
      return pass.fail(err.reasonCode, err.message);
    }
    throw err;
  }

  const created = (side: Side) => written.includes(side) && (side === 'qbo' ? !now.qbo : !now.hubspot);
  if (created('qbo') && qbo) pass.row = await linkRows(pass.db, pass.row, 'qbo', qbo.Id);
  if (created('hubspot') && hubspot) pass.row = await linkRows(pass.db, pass.row, 'hubspot', hubspot.id);
  const hubspotValues = written.includes('hubspot') && hubspot ? await valuesFor(session, adapter, 'hubspot', hubspot) : (now.hubspotValues ?? {});
  const qboValues = written.includes('qbo') && qbo ? await valuesFor(session, adapter, 'qbo', qbo) : (now.qboValues ?? {});

  const conflict = decision.conflicts.length > 0 ? { winner: session.definition.conflict_winner === 'hubspot' ? 'hubspot' : 'qbo', fields: decision.conflicts, hubspot: now.hubspotValues, quickbooks: now.qboValues } : undefined;
  for (const side of written) {
    const record = side === 'qbo' ? qbo! : hubspot!;
    const changes = side === 'qbo' ? decision.qbo.changes : decision.hubspot.changes;
    const name = `${nounOf(adapter, side)} #${idOf(side, record)}`;
    activity.push({
      runId: pass.runId,
      action: conflict && activity.length === 0 ? 'conflict' : created(side) ? 'create' : 'update',
      direction: side === 'qbo' ? 'to_qbo' : 'to_hubspot',
      outcome: 'success',
      message: created(side) ? `Created ${name}.${side === 'qbo' && createNote ? ` ${createNote}` : ''}` : `Updated ${name}${changes.length ? ` (${changes.map((c) => c.mappingId).join(', ')})` : ''}.`,
      details: { changes, ...(conflict && activity.length === 0 ? conflict : {}) },
    });
  }
  const ownedMessage = `Not sent to QuickBooks: this ${adapter.qboNoun} was created in QuickBooks, and only ${adapter.hubspotNoun}s created in HubSpot send their changes to QuickBooks. Make the change in QuickBooks.`;
  if (ownedByQbo && row.reason_code !== 'owned_by_quickbooks') activity.push({ runId: pass.runId, action: 'skip', direction: 'to_qbo', outcome: 'skipped', reasonCode: 'owned_by_quickbooks', message: ownedMessage });
  const firstSync = row.state !== 'synced' || now.newlyLinked;
  if (written.length === 0 && firstSync && qbo && hubspot) {
    const name = pass.side === 'hubspot' ? `${nounOf(adapter, 'qbo')} #${qbo.Id}` : `${nounOf(adapter, 'hubspot')} #${hubspot.id}`;
    activity.push({ runId: pass.runId, action: 'link', direction: pass.direction, outcome: 'success', message: `Linked to ${name} (same ${adapter.objectType === 'contacts' ? 'e-mail' : adapter.objectType === 'companies' ? 'name or domain' : 'key'}; nothing to change).`, details: { changes: [] } });
  }

  // The way this pass carried changes: from its source (a two-way pass may write both sides).
  const lastDirection = pass.direction;
  const unchanged = written.length === 0 && !firstSync && row.hubspot_fingerprint === fingerprint(hubspotValues) && row.qbo_fingerprint === fingerprint(qboValues) && row.reason_code === (ownedByQbo ? 'owned_by_quickbooks' : null);
  if (unchanged) return { action: 'unchanged', recordId: row.id };
  await pass.save(
    {
      ...pass.base,
      origin: row.origin ?? (created('qbo') ? 'hubspot' : created('hubspot') ? 'quickbooks' : null),
      state: 'synced',
      reason_code: ownedByQbo ? 'owned_by_quickbooks' : null,
      message: ownedByQbo ? ownedMessage : createNote,
      attempts: 0,
      failure_basis: null,
      retry_after: null,
      hubspot_fingerprint: fingerprint(hubspotValues),
      qbo_fingerprint: fingerprint(qboValues),
      hubspot_snapshot: hubspotValues,
      qbo_snapshot: qboValues,
      qbo_sync_token: qbo?.SyncToken ?? row.qbo_sync_token,
      qbo_updated_at: (qbo && qboVersionHeld(qbo, written.includes('qbo') ? qboWrittenAt : undefined)) ?? row.qbo_updated_at,
      pending_qbo_request_id: null,
      last_direction: lastDirection,
      last_synced_at: written.length > 0 || firstSync ? new Date() : row.last_synced_at,
    },
    activity,
  );
  if (created('qbo') || created('hubspot')) return { action: 'created', recordId: pass.row.id };
  if (written.length > 0) return { action: 'updated', recordId: pass.row.id };
  if (firstSync) return { action: 'linked', recordId: pass.row.id };
  return { action: 'unchanged', recordId: pass.row.id, ...(ownedByQbo ? { reasonCode: 'owned_by_quickbooks' } : {}) };
}

/** Links a created QBO record and stores the version we wrote, before the rest of the pair is written. */
async function rememberQboWrite(pass: RecordPass, qbo: QboRecord, created: boolean, writtenAt: number): Promise<void> {
  if (created) pass.row = await linkRows(pass.db, pass.row, 'qbo', qbo.Id);
  const held = qboVersionHeld(qbo, writtenAt);
  if (held) await pass.save({ qbo_updated_at: held });
}

/**
 * The latest moment of QuickBooks' history the record's version covers, for echo suppression
 * (webhook-dispatch.ts: a change no later than it is one we have). QuickBooks gives LastUpdatedTime to
 * the second, its webhooks to the millisecond: a version we read covers its LastUpdatedTime; a version
 * we wrote covers up to when QuickBooks' answer was in (`writtenAt`), within that second — so our
 * write's echo is known, and a person's edit later in the same second is not taken for it. (A clock of
 * ours ahead of Intuit's by more than the answer's way back could take such an edit for the echo; the
 * next catch-up's CDC still brings it in.)
 */
export function qboVersionHeld(qbo: QboRecord, writtenAt?: number): Date | null {
  const lastUpdated = qbo.MetaData?.LastUpdatedTime ? Date.parse(qbo.MetaData.LastUpdatedTime) : NaN;
  if (Number.isNaN(lastUpdated)) return null;
  if (writtenAt === undefined) return new Date(lastUpdated);
  return new Date(Math.min(Math.max(writtenAt, lastUpdated), Math.floor(lastUpdated / 1000) * 1000 + 999));
}

/**
 * Creates the QBO record once. The requestid is stored before the call, so a retry after a crash
 * replays the same create; when a requestid is already stored the earlier attempt's outcome is
 * unknown, and QBO's replay window may have passed: the adapter looks for the record it would have
 * created first, and links it instead of creating a second.
 */
async function createQboOnce(pass: RecordPass, values: MappedValues, pair: RecordPair): Promise<QboRecord> {
  const { session, adapter } = pass;
  if (pass.row.pending_qbo_request_id && adapter.findCreatedQbo) {
    const existing = await adapter.findCreatedQbo(session, values, pair);
    if (existing) return existing;
  }
  const requestId = pass.row.pending_qbo_request_id ?? randomUUID();
  if (!pass.row.pending_qbo_request_id) await pass.save({ pending_qbo_request_id: requestId });
  return adapter.createQbo(session, values, requestId, pair);
}
