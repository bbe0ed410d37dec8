/**
 * HubSpot's search index trails writes by a few seconds. When an account has a search lag configured,
 * each write records a snapshot that search only sees once `visibleAt` has passed; reads by id always
 * see the live record. With no lag nothing is recorded and search reads live data.
 */
import type { HubSpotAccount } from '../state/account.ts';
import type { CrmRecord, SearchSnapshot } from './collection.ts';

export function recordSearchSnapshot(
  account: HubSpotAccount,
  record: CrmRecord,
  now: number,
  isNew: boolean,
  phase: 'before' | 'after' = 'after',
): void {
  const lag = account.searchLagMs;
  if (phase === 'before') {
    // Remember what search saw before this write, so it keeps seeing that during the lag.
    if (lag > 0 && !isNew && !record.searchHistory) record.searchHistory = [snapshot(record, 0)];
    return;
  }
  if (lag <= 0 && !record.searchHistory) return;
  (record.searchHistory ??= []).push(snapshot(record, now + Math.max(0, lag)));
}

function snapshot(record: CrmRecord, visibleAt: number): SearchSnapshot {
  return { properties: new Map(record.properties), archived: record.archived, updatedAt: record.updatedAt, visibleAt };
}

/** The state of the record as search sees it now, or undefined when search does not know it yet. */
export function searchView(record: CrmRecord, now: number): Omit<SearchSnapshot, 'visibleAt'> | undefined {
  const history = record.searchHistory;
  if (!history) return record;
  let visible = -1;
  for (let i = 0; i < history.length; i++) if ((history[i] as SearchSnapshot).visibleAt <= now) visible = i;
  if (visible < 0) return undefined;
  if (visible > 0) history.splice(0, visible);
  if (history.length === 1 && visible >= 0 && (history[0] as SearchSnapshot).updatedAt === record.updatedAt) {
    // Caught up with the live record: stop tracking.
    delete record.searchHistory;
    return record;
  }
  return history[0];
}

/**
 * The indexer catches up at once: every pending write becomes visible to search. For tests that model
 * "time passed" between a person's edit and a later sync (instead of sleeping through the lag); the
 * lag still applies to every write made after this call.
 */
export function catchUpSearchIndex(account: HubSpotAccount): number {
  let caughtUp = 0;
  for (const collection of account.collections.values()) {
    for (const record of collection.records.values()) {
      if (!record.searchHistory) continue;
      delete record.searchHistory;
      caughtUp++;
    }
  }
  return caughtUp;
}
