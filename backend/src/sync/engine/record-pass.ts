/**
 * What one record's pass knows as it goes (the source read, its row, each side's fingerprint once
 * computed) and how it ends when it does not sync: failed (permanently or for a passing reason) or
 * excluded, with the reason on the record and one activity entry when the outcome is new.
 */
import type { DBSyncRecord } from '../../db/sync-records.ts';
import type { HubSpotRecord, QboRecord, Side } from '../types.ts';
import type { AdapterSession, ObjectAdapter } from './adapter.ts';
import { saveRecord, type RecordActivity } from './record-store.ts';
import { TEMPORARY_ERROR, failureBasis, nextTransientAttempt } from './failure-policy.ts';

export type RecordSyncAction = 'created' | 'updated' | 'linked' | 'unchanged' | 'excluded' | 'failed' | 'ignored';

export interface RecordSyncResult {
  action: RecordSyncAction;
  recordId: number | null;
  reasonCode?: string;
}

export type AnyRecord = HubSpotRecord | QboRecord;
export const otherSide = (side: Side): Side => (side === 'hubspot' ? 'qbo' : 'hubspot');
export const idOf = (side: Side, record: AnyRecord): string => (side === 'hubspot' ? (record as HubSpotRecord).id : (record as QboRecord).Id);
export const nounOf = (adapter: ObjectAdapter, side: Side): string => (side === 'hubspot' ? `HubSpot ${adapter.hubspotNoun}` : `QuickBooks ${adapter.qboNoun}`);

export class RecordPass {
  readonly target: Side;
  readonly direction: 'to_qbo' | 'to_hubspot';
  readonly base: { display_name: string | null; email: string | null };
  /** Each side's record basis (failure-policy.ts recordBasis), once the pass has read it. */
  readonly fingerprints: { hubspot: string | null; qbo: string | null } = { hubspot: null, qbo: null };

  constructor(
    readonly session: AdapterSession,
    readonly adapter: ObjectAdapter,
    readonly side: Side,
    readonly source: AnyRecord,
    public row: DBSyncRecord,
    readonly runId: number | null,
  ) {
    this.target = otherSide(side);
    this.direction = side === 'hubspot' ? 'to_qbo' : 'to_hubspot';
    const described = side === 'hubspot' ? adapter.describeHubSpot(source as HubSpotRecord) : adapter.describeQbo(source as QboRecord);
    this.base = { display_name: described.displayName, email: described.email };
  }

  get db() {
    return this.session.ctx.db;
  }

  async save(patch: Parameters<typeof saveRecord>[2], activity?: RecordActivity | RecordActivity[]): Promise<DBSyncRecord> {
    this.row = await saveRecord(this.db, this.row, patch, activity);
    return this.row;
  }

  /** A failure a person must fix: recorded with what the inputs were, so it is not retried until they change. */
  async fail(reasonCode: string, message: string): Promise<RecordSyncResult> {
    const changed = this.row.state !== 'failed' || this.row.reason_code !== reasonCode;
    await this.save(
      { ...this.base, state: 'failed', reason_code: reasonCode, message, attempts: this.row.attempts + 1, retry_after: null, failure_basis: failureBasis(this.session.definition, this.side, this.fingerprints) },
      changed ? { runId: this.runId, action: 'fail', direction: this.direction, outcome: 'failure', reasonCode, message } : undefined,
    );
    return { action: 'failed', recordId: this.row.id, reasonCode };
  }

  /** A failure for a passing reason: counted and given a backed-off time for the next attempt; the error goes on. */
  async failTransiently(err: unknown): Promise<void> {
    const attempts = this.row.reason_code === TEMPORARY_ERROR ? this.row.attempts + 1 : 1;
    const retryAfter = nextTransientAttempt(attempts);
    const why = err instanceof Error ? err.message : String(err);
    const message = `Not synced yet: ${why}. This is usually temporary; attempt ${attempts} failed, the next is due at ${retryAfter.toISOString().slice(11, 16)} UTC.`;
    await this.save(
      { ...this.base, state: 'failed', reason_code: TEMPORARY_ERROR, message, attempts, retry_after: retryAfter, failure_basis: failureBasis(this.session.definition, this.side, this.fingerprints) },
      attempts === 1 ? { runId: this.runId, action: 'fail', direction: this.direction, outcome: 'failure', reasonCode: TEMPORARY_ERROR, message } : undefined,
    );
  }

  async exclude(reasonCode: string, message: string, options: { action?: 'exclude' | 'delete'; newOutcome?: boolean } = {}): Promise<RecordSyncResult> {
    const changed = options.newOutcome ?? (this.row.state !== 'excluded' || this.row.reason_code !== reasonCode || this.row.message !== message);
    await this.save(
      { ...this.base, state: 'excluded', reason_code: reasonCode, message, retry_after: null },
      changed ? { runId: this.runId, action: options.action ?? 'exclude', direction: this.direction, outcome: 'skipped', reasonCode, message } : undefined,
    );
    return { action: 'excluded', recordId: this.row.id, reasonCode };
  }
}
