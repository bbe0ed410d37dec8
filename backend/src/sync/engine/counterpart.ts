/**
 * The other record of the pair: the linked one, else the one matching by key (never created when a
 * match exists). A linked record that is gone, an ambiguous match or a match already linked elsewhere
 * end the pass with the reason on the record.
 */
import { findSyncRecordBySide } from '../../db/sync-records.ts';
import type { HubSpotRecord, QboRecord, Side } from '../types.ts';
import type { AdapterSession, ObjectAdapter } from './adapter.ts';
import { linkRows } from './record-store.ts';
import { idOf, nounOf, type AnyRecord, type RecordPass, type RecordSyncResult } from './record-pass.ts';

export type CounterpartLookup = { kind: 'found'; record: AnyRecord; newlyLinked: boolean } | { kind: 'none' } | { kind: 'ended'; result: RecordSyncResult };

export async function readSide(session: AdapterSession, adapter: ObjectAdapter, side: Side, id: string): Promise<AnyRecord | undefined> {
  return side === 'hubspot' ? adapter.readHubSpot(session, id) : adapter.readQbo(session, id);
}

export async function findCounterpart(pass: RecordPass): Promise<CounterpartLookup> {
  const { session, adapter, side, target, source } = pass;
  const linkedId = target === 'hubspot' ? pass.row.hubspot_id : pass.row.qbo_id;
  if (linkedId) {
    const linked = await readSide(session, adapter, target, linkedId);
    if (linked) return { kind: 'found', record: linked, newlyLinked: false };
    // Its deletion is already written on the record (removals/apply-removal.ts): nothing new to say.
    if (pass.row.state === 'excluded' && (pass.row.reason_code === 'deleted_in_hubspot' || pass.row.reason_code === 'deleted_in_quickbooks')) {
      return { kind: 'ended', result: { action: 'unchanged', recordId: pass.row.id, reasonCode: pass.row.reason_code } };
    }
    // The linked record was deleted on the other side. Recreating it would undo that deletion;
    // deletions are people's decisions, so the pair stops syncing and says why.
    const message = `The linked ${nounOf(adapter, target)} #${linkedId} no longer exists, so this record is no longer synced. Restore it, or remove the link to sync this record again.`;
    return { kind: 'ended', result: await pass.exclude('counterpart_deleted', message, { newOutcome: pass.row.reason_code !== 'counterpart_deleted' }) };
  }
  if (adapter.pairsByLinkOnly) return { kind: 'none' };
  const key = side === 'hubspot' ? adapter.hubspotMatchKey(source as HubSpotRecord) : adapter.qboMatchKey(source as QboRecord);
  if (key === null) {
    if (side === 'qbo') return { kind: 'none' };
    return { kind: 'ended', result: await pass.exclude('no_match_key', adapter.noMatchKeyMessage(), { newOutcome: pass.row.reason_code !== 'no_match_key' }) };
  }
  const matches: AnyRecord[] = target === 'hubspot' ? await adapter.findHubSpotMatches(session, key) : await adapter.findQboMatches(session, key);
  if (matches.length > 1) {
    const names = matches.map((m) => `${nounOf(adapter, target)} #${idOf(target, m)}`).join(' and ');
    return { kind: 'ended', result: await pass.fail('ambiguous_match', `More than one record matches “${key}”: ${names}. Merge or change them so only one remains; we do not guess.`) };
  }
  const match = matches[0];
  if (!match) return { kind: 'none' };
  // The match may already be linked to another record of this side (two customers sharing one
  // e-mail): linking it again would steal that link back and forth. Don't guess.
  const matchId = idOf(target, match);
  const holder = await findSyncRecordBySide(pass.db, session.portalId, adapter.objectType, target, matchId);
  const holderSourceId = holder ? (side === 'hubspot' ? holder.hubspot_id : holder.qbo_id) : null;
  if (holder && holderSourceId && holderSourceId !== idOf(side, source)) {
    const sameWhat = adapter.objectType === 'contacts' ? 'e-mail' : 'key';
    const different = adapter.objectType === 'contacts' ? 'e-mail addresses' : 'keys';
    return {
      kind: 'ended',
      result: await pass.fail(
        'ambiguous_match',
        `${nounOf(adapter, target)} #${matchId} matches this record but is already linked to ${nounOf(adapter, side)} #${holderSourceId} (same ${sameWhat}). Merge the two ${side === 'hubspot' ? adapter.hubspotNoun : adapter.qboNoun}s or give them different ${different}; we do not guess.`,
      ),
    };
  }
  pass.row = await linkRows(pass.db, pass.row, target, matchId);
  return { kind: 'found', record: match, newlyLinked: true };
}
