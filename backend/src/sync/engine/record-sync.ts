/**
 * One record, one pass: read the changed record, check what may stop it (filters, the record's own
 * exclusion, an echo of our own write, a failure that stands, a locked field), find its counterpart,
 * decide what both sides must end with (decision/decide-pair.ts), then write and record
 * (execute-decision.ts). Used for webhooks, catch-up and backfill.
 */
import type { DBSyncRecord } from '../../db/sync-records.ts';
import type { HubSpotRecord, MappedValues, QboRecord, Side } from '../types.ts';
import { fingerprint } from '../mappings/fingerprint.ts';
import { cataloguesFor } from '../mappings/catalogues.ts';
import { matchesFilters } from '../filters/matches-filters.ts';
import { RecordFailure, type AdapterSession, type ObjectAdapter } from './adapter.ts';
import { recordRowFor } from './record-store.ts';
import { PassMemo } from './pass-memo.ts';
import { readFilterValue, relatedForFilters, valuesFor } from './record-values.ts';
import { RecordPass, type AnyRecord, type RecordSyncResult } from './record-pass.ts';
import { findCounterpart, readSide } from './counterpart.ts';
import { archivedInHubSpot, reverseDeleted } from './record-removals.ts';
import { decidePair } from './decision/decide-pair.ts';
import { executeDecision } from './execute-decision.ts';
import { failureStands, recordBasis } from './failure-policy.ts';
import { inactiveInQbo } from '../removals/inactive-in-qbo.ts';
import { alreadyVoided, voidedInHubSpot, voidedInQbo } from '../removals/voided.ts';

export type { RecordSyncAction, RecordSyncResult } from './record-pass.ts';

/** Whether a sync of this direction takes changes made on `side`. */
export function syncFlowsFrom(direction: string, side: Side): boolean {
  return direction === 'two_way' || (side === 'hubspot' ? direction === 'hubspot_to_qbo' : direction === 'qbo_to_hubspot');
}

const flowsFrom = (session: AdapterSession, side: Side): boolean => syncFlowsFrom(session.definition.direction, side);

/** `preloaded`: the source record when the caller already read it (catch-up and backfill pages). */
export async function syncRecord(pageOrPassSession: AdapterSession, adapter: ObjectAdapter, side: Side, id: string, runId: number | null = null, preloaded?: AnyRecord): Promise<RecordSyncResult> {
  // Outside a page the record's pass has a memo of its own: what it read before its write is not read again after it.
  const session = pageOrPassSession.memo ? pageOrPassSession : { ...pageOrPassSession, memo: new PassMemo() };
  if (!flowsFrom(session, side)) return { action: 'ignored', recordId: null };
  const source = preloaded ?? (await readSide(session, adapter, side, id));
  if (!source && side === 'qbo' && adapter.archiveHubSpot) return reverseDeleted(session, adapter, id, runId);
  if (source && side === 'hubspot' && (source as HubSpotRecord).archived && adapter.onHubSpotArchived) return archivedInHubSpot(session, adapter, source as HubSpotRecord, runId);
  if (!source || (side === 'hubspot' && (source as HubSpotRecord).archived)) return { action: 'ignored', recordId: null };
  const row = await recordRowFor(session.ctx.db, session.portalId, adapter.objectType, side, id);
  const pass = new RecordPass(session, adapter, side, source, row, runId);
  try {
    return await syncPair(pass);
  } catch (err) {
    if (err instanceof RecordFailure) return pass.fail(err.reasonCode, err.message);
    // A passing failure: counted and backed off on the record; the job (or the pass) retries.
    await pass.failTransiently(err).catch(() => undefined);
    throw err;
  }
}

async function syncPair(pass: RecordPass): Promise<RecordSyncResult> {
  const { session, adapter, side, target, source } = pass;

  // A linked record voided on either side, or made inactive in QuickBooks (removals/).
  const removal = removalOf(pass);
  if (removal) return removal;

  // Filters (R8): the rule that excluded the record is named on it.
  const filtered = await filterOutcome(session, adapter, side, source);
  if (!filtered.included) {
    // A two-way pair last synced from the other side stays synced: this side's filter only decides
    // whether this side's changes are sent, not whether the pair is synced (the other side's filter let it through).
    const r = pass.row;
    const pairedFromOtherSide = r.state === 'synced' && r.hubspot_id !== null && r.qbo_id !== null && session.definition.direction === 'two_way' && r.last_direction === (side === 'hubspot' ? 'to_hubspot' : 'to_qbo');
    if (pairedFromOtherSide) return { action: 'unchanged', recordId: r.id, reasonCode: 'filtered_out' };
    return pass.exclude('filtered_out', `Excluded by the sync filter: ${filtered.rule}.`);
  }

  // A reason of the record's own (R21: a payment applied to several invoices); some take back what we wrote.
  const exclusion = adapter.exclusionOf?.(session, side, source) ?? null;
  if (exclusion) {
    const counterpartId = side === 'qbo' ? pass.row.hubspot_id : null;
    const reverse = exclusion.reverse === true && counterpartId !== null && adapter.archiveHubSpot !== undefined;
    if (reverse && counterpartId && pass.row.reason_code !== exclusion.reasonCode) await adapter.archiveHubSpot?.(session, counterpartId);
    return pass.exclude(exclusion.reasonCode, exclusion.message, { action: reverse ? 'delete' : 'exclude', newOutcome: pass.row.state !== 'excluded' || pass.row.reason_code !== exclusion.reasonCode });
  }

  // Echo suppression: the values we last wrote or read on this side are back unchanged (our own
  // write returning as a webhook, or a catch-up re-reading it): nothing to do, no call made.
  const sourceValues = await valuesFor(session, adapter, side, source);
  const sourceFingerprint = fingerprint(sourceValues);
  const sourceBasis = recordBasis(sourceFingerprint, source, side);
  pass.fingerprints[side] = sourceBasis;
  const linkedId = target === 'hubspot' ? pass.row.hubspot_id : pass.row.qbo_id;
  const storedSource = side === 'hubspot' ? pass.row.hubspot_fingerprint : pass.row.qbo_fingerprint;
  if (linkedId && pass.row.state === 'synced' && storedSource === sourceFingerprint) return { action: 'unchanged', recordId: pass.row.id };
  // A failure a person must fix stays put until its inputs change (failure-policy.ts): no call.
  if (failureStands(pass.row, session.definition, side, sourceBasis)) return { action: 'failed', recordId: pass.row.id, reasonCode: pass.row.reason_code ?? undefined };

  // R18: QuickBooks may not change some fields of a record created in HubSpot (an invoice's lines,
  // prices, tax). Such a change is synced neither way; the record says what happened and what to do.
  if (side === 'qbo' && pass.row.origin === 'hubspot') {
    const snapshot = pass.row.qbo_snapshot;
    const locked = [...lockedChanges(session, adapter, snapshot, sourceValues), ...(snapshot && adapter.refusedQboChanges ? adapter.refusedQboChanges(snapshot, sourceValues) : [])];
    if (locked.length > 0) {
      return pass.fail(
        'changed_in_quickbooks',
        `This ${adapter.qboNoun} was created in HubSpot, and its ${locked.join(' and ')} changed in QuickBooks. A ${adapter.hubspotNoun} created in HubSpot cannot take such changes from QuickBooks, so nothing was synced. Undo the change in QuickBooks, or make it on the HubSpot ${adapter.hubspotNoun}.`,
      );
    }
  }

  const counterpart = await findCounterpart(pass);
  if (counterpart.kind === 'ended') return counterpart.result;
  const other = counterpart.kind === 'found' ? counterpart.record : undefined;
  // The linked record was voided or made inactive on the other side: the pass that meets it first acts on it.
  if (other && counterpart.kind === 'found' && !counterpart.newlyLinked) {
    if (target === 'qbo' && adapter.qboInactivation?.isInactive(other as QboRecord)) return inactiveInQbo(pass);
    if (target === 'qbo' && adapter.voiding?.isVoidedInQbo(other as QboRecord)) return voidedInQbo(pass);
    if (target === 'hubspot' && adapter.voiding?.isVoidedInHubSpot(other as HubSpotRecord)) return voidedInHubSpot(pass);
  }
  const otherValues = other ? await valuesFor(session, adapter, target, other) : undefined;
  if (other && otherValues) pass.fingerprints[target] = recordBasis(fingerprint(otherValues), other, target);
  // A customer created from a contact also takes create-only values (its display name, R14).
  const creatingQbo = side === 'hubspot' && !other;
  const hubspotNow = side === 'hubspot' ? (creatingQbo ? await adapter.hubspotValues(session, source as HubSpotRecord, { forCreate: true }) : sourceValues) : otherValues;
  const qboNow = side === 'qbo' ? sourceValues : otherValues;
  // A counterpart outside its own side's filter sends nothing: for this pair the values flow one way.
  const otherIncluded = !other || (await filterOutcome(session, adapter, target, other)).included;
  const decision = decidePair({
    mappings: session.mappings,
    direction: otherIncluded ? session.definition.direction : side === 'hubspot' ? 'hubspot_to_qbo' : 'qbo_to_hubspot',
    winner: session.definition.conflict_winner === 'hubspot' ? 'hubspot' : 'qbo',
    createOnly: adapter.createOnlyMappingIds,
    previous: previousValues(pass.row),
    current: { hubspot: hubspotNow, qbo: qboNow },
  });
  return executeDecision(pass, decision, {
    hubspot: (side === 'hubspot' ? source : other) as HubSpotRecord | undefined,
    qbo: (side === 'qbo' ? source : other) as QboRecord | undefined,
    hubspotValues: side === 'hubspot' ? sourceValues : otherValues,
    qboValues: side === 'qbo' ? sourceValues : otherValues,
    newlyLinked: counterpart.kind === 'found' && counterpart.newlyLinked,
  });
}

/** What a removal (a void, a record made inactive) means for a linked pair; null when there is none. */
function removalOf(pass: RecordPass): Promise<RecordSyncResult> | RecordSyncResult | null {
  const { adapter, side, source, row } = pass;
  // The merged record's pair, set aside by a HubSpot merge (removals/apply-removal.ts): its QuickBooks
  // record is not paired again by a match (that would make a second contact of it).
  if (row.state === 'excluded' && row.reason_code === 'merged_in_hubspot') return { action: 'unchanged', recordId: row.id, reasonCode: row.reason_code };
  if (row.hubspot_id === null || row.qbo_id === null) return null;
  if (side === 'qbo' && adapter.qboInactivation?.isInactive(source as QboRecord)) return inactiveInQbo(pass);
  if (!adapter.voiding) return null;
  // A pair set aside by a void (or a deletion) stays aside, whichever side changes next.
  const voided = alreadyVoided(pass);
  if (voided) return voided;
  if (side === 'qbo' && adapter.voiding.isVoidedInQbo(source as QboRecord)) return voidedInQbo(pass);
  if (side === 'hubspot' && adapter.voiding.isVoidedInHubSpot(source as HubSpotRecord)) return voidedInHubSpot(pass);
  return null;
}

/**
 * Whether a record passes its side's filter groups (HubSpot → QuickBooks for HubSpot records, and back);
 * HubSpot criteria may read associated records (R9: a contact's invoices).
 */
async function filterOutcome(session: AdapterSession, adapter: ObjectAdapter, side: Side, record: AnyRecord): Promise<ReturnType<typeof matchesFilters>> {
  const catalogues = cataloguesFor(adapter.objectType);
  const groups = side === 'hubspot' ? session.filters.toQbo : session.filters.toHubSpot;
  const related = side === 'hubspot' ? await relatedForFilters(session, adapter, groups, record as HubSpotRecord) : undefined;
  return matchesFilters(groups, (property) => readFilterValue(side, record, property), side === 'hubspot' ? catalogues?.hubspot : catalogues?.qbo, related);
}

/** The values stored at the last sync; none when the pair was never synced (then it is a first link). */
function previousValues(row: DBSyncRecord): { hubspot: MappedValues | null; qbo: MappedValues | null } {
  const synced = row.last_synced_at !== null && row.hubspot_id !== null && row.qbo_id !== null;
  return synced ? { hubspot: (row.hubspot_snapshot as MappedValues | null) ?? null, qbo: (row.qbo_snapshot as MappedValues | null) ?? null } : { hubspot: null, qbo: null };
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
