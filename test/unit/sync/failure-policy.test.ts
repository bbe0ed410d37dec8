/** When a failed record is tried again (engine/failure-policy.ts): standing failures and capped backoff. */
import { describe, expect, it } from 'vitest';
import { TRANSIENT_RETRY_BASE_MS, TRANSIENT_RETRY_CAP_MS, TEMPORARY_ERROR, definitionFingerprint, failureBasis, failureStands, nextTransientAttempt, recordBasis } from '../../../backend/src/sync/engine/failure-policy.ts';
import type { DBSyncDefinition } from '../../../backend/src/db/sync-definitions.ts';
import type { DBSyncRecord } from '../../../backend/src/db/sync-records.ts';

const definition = { direction: 'two_way', conflict_winner: 'hubspot', field_mappings: [{ id: 'email' }], filters: {}, options: {}, hubspot_cursor: new Date(1), updated_at: new Date(1) } as unknown as DBSyncDefinition;
const qbo = (syncToken: string) => ({ Id: '7', SyncToken: syncToken });
const failedRow = (over: Partial<DBSyncRecord> = {}) => ({ state: 'failed', reason_code: 'display_name_taken', failure_basis: failureBasis(definition, 'qbo', { hubspot: null, qbo: recordBasis('fp', qbo('0'), 'qbo') }), ...over }) as DBSyncRecord;

describe('failure policy', () => {
  it('a permanent failure stands while the record and the definition are what they were', () => {
    expect(failureStands(failedRow(), definition, 'qbo', recordBasis('fp', qbo('0'), 'qbo'))).toBe(true);
  });
  it('it is tried again when the mapped values or the version change, from the other side, or after a definition change', () => {
    expect(failureStands(failedRow(), definition, 'qbo', recordBasis('other', qbo('0'), 'qbo'))).toBe(false);
    expect(failureStands(failedRow(), definition, 'qbo', recordBasis('fp', qbo('1'), 'qbo'))).toBe(false);
    expect(failureStands(failedRow(), definition, 'hubspot', 'anything')).toBe(false);
    expect(failureStands(failedRow(), { ...definition, conflict_winner: 'quickbooks' }, 'qbo', recordBasis('fp', qbo('0'), 'qbo'))).toBe(false);
  });
  it('Retry (no basis) and passing failures never stand', () => {
    expect(failureStands(failedRow({ failure_basis: null }), definition, 'qbo', recordBasis('fp', qbo('0'), 'qbo'))).toBe(false);
    expect(failureStands(failedRow({ reason_code: TEMPORARY_ERROR }), definition, 'qbo', recordBasis('fp', qbo('0'), 'qbo'))).toBe(false);
  });
  it("the definition's fingerprint ignores its cursors and timestamps", () => {
    expect(definitionFingerprint({ ...definition, hubspot_cursor: new Date(2), updated_at: new Date(3) })).toBe(definitionFingerprint(definition));
  });
  it('passing failures back off exponentially, capped at an hour', () => {
    const now = new Date(0);
    const delays = [1, 2, 3, 4, 8, 20].map((attempts) => nextTransientAttempt(attempts, now).getTime());
    expect(delays.slice(0, 4)).toEqual([1, 2, 4, 8].map((k) => k * TRANSIENT_RETRY_BASE_MS));
    expect(delays[4]).toBe(Math.min(TRANSIENT_RETRY_CAP_MS, 128 * TRANSIENT_RETRY_BASE_MS));
    expect(delays[5]).toBe(TRANSIENT_RETRY_CAP_MS);
  });
});
