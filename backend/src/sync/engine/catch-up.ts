/**
 * A sync pass over many records: the first sync (a full backfill of both sides, page by page, with a
 * checkpoint so a crash resumes instead of restarting), then catch-up passes that guarantee nothing is
 * missed when a webhook is lost: HubSpot search on last-modified with an overlap window, QBO CDC
 * within its 30-day limit (a full reconcile when the cursor is older). "Sync now" runs one on demand.
 * Idle, a catch-up costs a constant number of calls: one search, one CDC, one batch read of the search's
 * overlap window (search results are read again by id: the index lags writes), and no write.
 */
import type { RunTrigger, RunCounts } from '../../db/sync-runs.ts';
import { finishSyncRun, startSyncRun } from '../../db/sync-runs.ts';
import { getSyncDefinition, updateSyncDefinition } from '../../db/sync-definitions.ts';
import { QBO_CDC_MAX_LOOKBACK_MS } from '../../vendors/quickbooks/cdc.ts';
import type { HubSpotRecord, QboRecord, Side } from '../types.ts';
import type { AdapterSession, ObjectAdapter } from './adapter.ts';
import { syncRecord, type RecordSyncAction } from './record-sync.ts';
import { hubspotObjectOf, qboEntityOf } from './object-names.ts';
import { PageBatcher } from './page-batcher.ts';
import { PassMemo } from './pass-memo.ts';
import { withObjectLock } from './object-lock.ts';
import { wakeWaitingChanges } from './wake-waiting-changes.ts';
import { dueTransientRetries } from '../../db/sync-records.ts';

/** Re-read a little before the cursor: HubSpot search results and QBO timestamps can lag. */
export const CATCH_UP_OVERLAP_MS = 2 * 60 * 1000;
/** How often an enabled sync runs its catch-up (R10: "at regular intervals"). */
export const CATCH_UP_INTERVAL_MS = 5 * 60 * 1000;

/** Records a backfill page syncs together: QuickBooks' query page; HubSpot's list page (see backfill). */
export const BACKFILL_PAGE_SIZE = 1000;
const HUBSPOT_BACKFILL_PAGE_SIZE = 100;

interface BackfillCheckpoint {
  phase: 'qbo' | 'hubspot' | 'done';
  qboStartPosition?: number;
  hubspotAfter?: string;
  startedAt: string;
}

class Tally {
  counts: RunCounts = { created: 0, updated: 0, skipped: 0, failed: 0, excluded: 0 };
  add(action: RecordSyncAction): void {
    if (action === 'created') this.counts.created++;
    else if (action === 'updated' || action === 'linked') this.counts.updated++;
    else if (action === 'failed') this.counts.failed++;
    else if (action === 'excluded') this.counts.excluded++;
    else this.counts.skipped++;
  }
}

/** Disabling or deleting a sync stops a pass in flight at the next page. */
class SyncStopped extends Error {}

/** The process is shutting down: the pass stops at its checkpoint and the job runs again later. */
export class SyncInterrupted extends Error {
  constructor() {
    super('sync pass interrupted by shutdown; it resumes from its checkpoint');
    this.name = 'SyncInterrupted';
  }
}

/**
 * A page of records runs together so their vendor calls go out as batches (page-batcher.ts). Records
 * sharing a matching key run one after another: the second must see what the first linked or created.
 */
/**
 * `rereadById`: the page came from HubSpot search, whose index lags behind writes (a record we just
 * wrote may come back with its old values): each record is read again by id (batched) before deciding.
 */
async function syncPage(session: AdapterSession, adapter: ObjectAdapter, side: Side, records: Array<HubSpotRecord | QboRecord>, runId: number, tally: Tally, rereadById = false): Promise<void> {
  if (session.ctx.shutdown?.aborted) throw new SyncInterrupted();
  const current = await getSyncDefinition(session.ctx.db, session.portalId, adapter.objectType);
  if (current?.id !== session.definition.id || current.status !== 'enabled') throw new SyncStopped();
  const batcher = new PageBatcher();
  const pageSession: AdapterSession = { ...session, batcher, memo: new PassMemo() };
  const idOf = (record: HubSpotRecord | QboRecord) => (side === 'hubspot' ? (record as HubSpotRecord).id : (record as QboRecord).Id);
  // The page holds its own records only (object-lock.ts): an edit of a linked record elsewhere goes
  // through while the page runs; an edit of one of these waits until the page is done with that record.
  const outcomes = await withObjectLock(
    session.ctx.db,
    session.portalId,
    adapter.objectType,
    (claim) =>
      batcher.runAll(
        groupByMatchKey(adapter, side, records).map((group) => async () => {
          for (const record of group) {
            tally.add((await syncRecord(pageSession, adapter, side, idOf(record), runId, rereadById ? undefined : record)).action);
            await claim.release(side, idOf(record));
          }
        }),
      ),
    10 * 60_000,
    { page: { side, ids: records.map(idOf) } },
  );
  await wakeWaitingChanges(session.ctx, session.portalId, adapter.objectType);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason; // transient: the pass fails and its job retries from the checkpoint
}

function groupByMatchKey(adapter: ObjectAdapter, side: Side, records: Array<HubSpotRecord | QboRecord>): Array<Array<HubSpotRecord | QboRecord>> {
  const groups = new Map<string, Array<HubSpotRecord | QboRecord>>();
  records.forEach((record, index) => {
    const key = side === 'hubspot' ? adapter.hubspotMatchKey(record as HubSpotRecord) : adapter.qboMatchKey(record as QboRecord);
    const groupKey = key === null ? `#${index}` : `=${key}`;
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), record]);
  });
  return [...groups.values()];
}

export async function runSyncPass(passSession: AdapterSession, adapter: ObjectAdapter, trigger: RunTrigger): Promise<{ runId: number; counts: RunCounts }> {
  const session: AdapterSession = { ...passSession, passFacts: new PassMemo() };
  const { ctx, portalId, definition } = session;
  // A pass queued as the first sync may find it done by the time it runs (queued behind it): then it is a catch-up.
  const runTrigger: RunTrigger = trigger === 'first_sync' && definition.backfill_completed_at ? 'schedule' : trigger;
  const run = await startSyncRun(ctx.db, { portalId, definitionId: definition.id, objectType: adapter.objectType, trigger: runTrigger });
  const tally = new Tally();
  const startedAt = new Date();
  try {
    await updateSyncDefinition(ctx.db, portalId, definition.id, { last_sync_started_at: startedAt });
    if (!definition.backfill_completed_at) await backfill(session, adapter, run.id, tally);
    else await catchUp(session, adapter, run.id, tally, startedAt);
    await finishSyncRun(ctx.db, portalId, run.id, { status: 'succeeded', counts: tally.counts });
    await updateSyncDefinition(ctx.db, portalId, definition.id, { last_sync_finished_at: new Date(), next_sync_at: new Date(Date.now() + CATCH_UP_INTERVAL_MS) });
  } catch (err) {
    if (err instanceof SyncInterrupted) {
      await finishSyncRun(ctx.db, portalId, run.id, { status: 'cancelled', counts: tally.counts, error: err.message });
      throw err;
    }
    if (err instanceof SyncStopped) {
      await finishSyncRun(ctx.db, portalId, run.id, { status: 'cancelled', counts: tally.counts, error: 'the sync was disabled or deleted' });
      return { runId: run.id, counts: tally.counts };
    }
    await finishSyncRun(ctx.db, portalId, run.id, { status: 'failed', counts: tally.counts, error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  return { runId: run.id, counts: tally.counts };
}

async function backfill(session: AdapterSession, adapter: ObjectAdapter, runId: number, tally: Tally): Promise<void> {
  const { ctx, portalId, definition } = session;
  let checkpoint = (definition.backfill_checkpoint as BackfillCheckpoint | null) ?? { phase: 'qbo', startedAt: new Date().toISOString() };
  const save = async (next: BackfillCheckpoint) => {
    checkpoint = next;
    await updateSyncDefinition(ctx.db, portalId, definition.id, { backfill_checkpoint: next as unknown as Record<string, unknown> });
  };
  const direction = definition.direction;
  if (checkpoint.phase === 'qbo') {
    if (direction !== 'hubspot_to_qbo') {
      const qbo = await session.vendors.qbo();
      for await (const page of qbo.queryAll(qboEntityOf(adapter.objectType), undefined, session.backfillPageSize ?? BACKFILL_PAGE_SIZE, { startPosition: checkpoint.qboStartPosition ?? 1 })) {
        await syncPage(session, adapter, 'qbo', page.records, runId, tally);
        await save({ ...checkpoint, qboStartPosition: page.nextStartPosition });
      }
    }
    await save({ phase: 'hubspot', startedAt: checkpoint.startedAt });
  }
  if (checkpoint.phase === 'hubspot') {
    if (direction !== 'qbo_to_hubspot') {
      const hubspot = session.vendors.hubspot;
      let after = checkpoint.hubspotAfter;
      do {
        // HubSpot lists 100 a call. Several list pages synced together would fill QuickBooks' batches
        // better (a page's 8 creates make a batch of 8), but with 1,000-record pages the benchmark hit
        // the pool's stalled hand-outs more often (db/knex.ts), before the watch there could heal them;
        // not measured again since, so the HubSpot phase syncs one list page at a time unless told.
        const records: HubSpotRecord[] = [];
        do {
          const page = await hubspot.listAll(hubspotObjectOf(adapter.objectType), adapter.hubspotReadProperties(session), after);
          records.push(...page.records);
          after = page.after;
        } while (after && records.length < (session.backfillPageSize ?? HUBSPOT_BACKFILL_PAGE_SIZE));
        await syncPage(session, adapter, 'hubspot', records, runId, tally);
        await save({ ...checkpoint, hubspotAfter: after });
      } while (after);
    }
    await save({ phase: 'done', startedAt: checkpoint.startedAt });
  }
  // Changes made while the backfill ran are picked up by the first catch-up, from its start.
  const since = new Date(checkpoint.startedAt);
  await updateSyncDefinition(ctx.db, portalId, definition.id, { backfill_completed_at: new Date(), hubspot_cursor: since, qbo_cursor: since, last_full_reconcile_at: new Date() });
}

async function catchUp(session: AdapterSession, adapter: ObjectAdapter, runId: number, tally: Tally, startedAt: Date): Promise<void> {
  const { ctx, portalId, definition } = session;
  const patch: Parameters<typeof updateSyncDefinition>[3] = {};
  if (definition.direction !== 'qbo_to_hubspot') {
    const hubspot = session.vendors.hubspot;
    let since = new Date((definition.hubspot_cursor ?? definition.setup_date).getTime() - CATCH_UP_OVERLAP_MS);
    const relatedSince = since;
    let after: string | undefined;
    let newest = definition.hubspot_cursor ?? startedAt;
    for (;;) {
      const page = await hubspot.searchModifiedSince(hubspotObjectOf(adapter.objectType), since, after, adapter.hubspotReadProperties(session));
      await syncPage(session, adapter, 'hubspot', page.records, runId, tally, true);
      for (const r of page.records) if (r.updatedAt > newest) newest = r.updatedAt;
      if (!page.next) break;
      since = page.next.since;
      after = page.next.after;
    }
    // Records whose filter reads associated records (R9: a contact's invoices) can enter it without changing themselves.
    if (adapter.hubspotRecordsWithRelatedChanges) {
      const records = await adapter.hubspotRecordsWithRelatedChanges(session, relatedSince);
      for (let start = 0; start < records.length; start += 100) await syncPage(session, adapter, 'hubspot', records.slice(start, start + 100), runId, tally);
    }
    patch.hubspot_cursor = newest;
  }
  if (definition.direction !== 'hubspot_to_qbo') {
    const qbo = await session.vendors.qbo();
    const cursor = definition.qbo_cursor ?? definition.setup_date;
    const since = new Date(cursor.getTime() - CATCH_UP_OVERLAP_MS);
    const entity = qboEntityOf(adapter.objectType);
    if (Date.now() - since.getTime() < QBO_CDC_MAX_LOOKBACK_MS) {
      const changes = await qbo.cdc([entity], since);
      await syncPage(session, adapter, 'qbo', changes.entities[entity]?.changed ?? [], runId, tally);
      // Deleted in QuickBooks: adapters that take back what they wrote (payments) hear about it, and
      // those whose records QuickBooks only makes inactive (customers: a "deleted" one is read again).
      if (adapter.archiveHubSpot || adapter.qboInactivation) {
        const deleted = changes.entities[entity]?.deleted ?? [];
        await withObjectLock(ctx.db, portalId, adapter.objectType, async () => {
          for (const gone of deleted) tally.add((await syncRecord(session, adapter, 'qbo', gone.Id, runId)).action);
        });
      }
      // Over CDC's 1000-object cap some changes are missing: reconcile them all.
      if (changes.truncated) {
        for await (const page of qbo.queryAll(entity)) await syncPage(session, adapter, 'qbo', page.records, runId, tally);
        patch.last_full_reconcile_at = new Date();
      }
    } else {
      // The cursor is older than CDC can look back: reconcile everything.
      for await (const page of qbo.queryAll(entity)) await syncPage(session, adapter, 'qbo', page.records, runId, tally);
      patch.last_full_reconcile_at = new Date();
    }
    patch.qbo_cursor = startedAt;
  }
  await retryDueRecords(session, adapter, runId, tally);
  await updateSyncDefinition(ctx.db, portalId, definition.id, patch);
}

/**
 * Records whose last attempt failed for a passing reason and whose backed-off retry is due
 * (failure-policy.ts): tried again from the side that failed, whether or not they changed since.
 */
async function retryDueRecords(session: AdapterSession, adapter: ObjectAdapter, runId: number, tally: Tally): Promise<void> {
  const { ctx, portalId } = session;
  const due = await dueTransientRetries(ctx.db, portalId, adapter.objectType, new Date(), 100);
  if (due.length === 0) return;
  await withObjectLock(ctx.db, portalId, adapter.objectType, async () => {
    for (const row of due) {
      const side: Side = row.failure_basis?.side ?? (row.hubspot_id ? 'hubspot' : 'qbo');
      const id = side === 'hubspot' ? row.hubspot_id : row.qbo_id;
      if (!id) continue;
      try {
        tally.add((await syncRecord(session, adapter, side, id, runId)).action);
      } catch {
        // still failing: syncRecord counted the attempt and set the next, later retry
        tally.add('failed');
      }
    }
  });
}
