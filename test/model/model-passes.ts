/**
 * What the model runs (contacts-model.ts, companies-model.ts) do the way the worker does: a webhook's
 * record job with its retries, and "Sync now" catch-ups until one changes nothing.
 */
import type { AppHarness } from '../helpers/app-harness.ts';
import { syncPass, type SyncAccount } from '../helpers/sync-accounts.ts';
import type { ObjectAdapter } from '../../backend/src/sync/engine/adapter.ts';
import { loadSession } from '../../backend/src/sync/engine/session.ts';
import { syncRecord } from '../../backend/src/sync/engine/record-sync.ts';
import { withObjectLock } from '../../backend/src/sync/engine/object-lock.ts';
import type { Side } from '../../backend/src/sync/types.ts';

/** One record job: three attempts; after the last, a failure is left to the catch-up. */
export async function runRecordJob(h: AppHarness, account: SyncAccount, adapter: ObjectAdapter, side: Side, id: string): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const loaded = await loadSession(h.ctx, account.portalId, adapter.objectType);
      if (!loaded.ok) throw new Error(loaded.reason);
      await withObjectLock(h.ctx.db, account.portalId, adapter.objectType, () => syncRecord(loaded.session, adapter, side, id), 30_000);
      return;
    } catch {
      // a job that failed: retried, and after its last attempt left to the catch-up
    }
  }
}

export interface SettleOptions {
  /** Failed catch-ups tolerated in all (a rate limit stops a pass; it runs again once the window passed). */
  maxFailures: number;
  /** Wait after a failed catch-up. */
  retryAfterMs: number;
  /** Called before each catch-up (the run counts them). */
  onCatchUp(): void;
  /** The run's error for what it saw (carries its seed and log). */
  failure(message: string): Error;
}

/** Catch-ups until one changes nothing, at most 8 that ran. */
export async function settleCatchUps(h: AppHarness, account: SyncAccount, adapter: ObjectAdapter, options: SettleOptions): Promise<void> {
  let failures = 0;
  for (let i = 0; i < 8; i++) {
    options.onCatchUp();
    let counts;
    try {
      ({ counts } = await syncPass(h, account, adapter));
    } catch (err) {
      if (++failures > options.maxFailures) throw options.failure(`catch-ups keep failing: ${err instanceof Error ? err.message : String(err)}`);
      i--;
      await new Promise((resolve) => setTimeout(resolve, options.retryAfterMs));
      continue;
    }
    if (counts.created + counts.updated === 0) return;
  }
  throw options.failure('catch-ups did not settle in 8 passes');
}
