/**
 * When a failed record is tried again (README, "Failures and retries").
 *
 * - A permanent failure (a refusal a person must fix: a display-name clash, an ambiguous match, a
 *   validation error) stays put: a pass that sees the same record with the same inputs — the same
 *   definition and, on the side it reads, the same mapped values — does nothing and makes no call.
 *   It is tried again when the record changes on either side, the definition changes, or a person
 *   presses Retry (which clears the basis).
 * - A failure for a passing reason (a vendor outage, throttling past the client's retries) is tried
 *   again after an exponential, capped delay; the attempt counter is shown on the record.
 */
import { createHash } from 'node:crypto';
import type { DBSyncDefinition } from '../../db/sync-definitions.ts';
import type { Knex } from '../../db/knex.ts';
import { SYNC_RECORDS, type DBSyncRecord, type FailureBasis } from '../../db/sync-records.ts';
import type { HubSpotRecord, QboRecord, Side } from '../types.ts';

/** First retry after a passing failure, doubled per attempt up to the cap. */
export const TRANSIENT_RETRY_BASE_MS = 30_000;
export const TRANSIENT_RETRY_CAP_MS = 60 * 60_000;
/** The reason code of a record whose last attempt failed for a passing reason. */
export const TEMPORARY_ERROR = 'temporary_error';

/** The definition's settings that decide a record's outcome (not its cursors and timestamps). */
export function definitionFingerprint(definition: DBSyncDefinition): string {
  const settings = { direction: definition.direction, winner: definition.conflict_winner, mappings: definition.field_mappings, filters: definition.filters, options: definition.options };
  return createHash('sha256').update(JSON.stringify(settings), 'utf8').digest('hex');
}

export function failureBasis(definition: DBSyncDefinition, side: Side, records: { hubspot: string | null; qbo: string | null }): FailureBasis {
  return { definition: definitionFingerprint(definition), side, ...records };
}

/**
 * What a side's record is, for the basis: its mapped values and its version (QBO's SyncToken, HubSpot's
 * last-modified time), so any edit of the record — mapped or not — counts as a change.
 */
export function recordBasis(valuesFingerprint: string, record: HubSpotRecord | QboRecord, side: Side): string {
  const version = side === 'qbo' ? String((record as QboRecord).SyncToken) : (record as HubSpotRecord).updatedAt.toISOString();
  return createHash('sha256').update(`${valuesFingerprint}:${version}`, 'utf8').digest('hex');
}

/** A permanent failure whose inputs are what this pass sees: the pass stops before any call. */
export function failureStands(row: DBSyncRecord, definition: DBSyncDefinition, side: Side, sourceBasis: string): boolean {
  if (row.state !== 'failed' || row.reason_code === TEMPORARY_ERROR || !row.failure_basis) return false;
  const basis = row.failure_basis;
  return basis.definition === definitionFingerprint(definition) && basis[side] === sourceBasis;
}

/** Retry and Sync now: the person asks for another attempt whatever the inputs. */
export async function clearFailureBasis(db: Knex, portalId: number, recordId: number): Promise<void> {
  await db(SYNC_RECORDS).where({ portal_id: portalId, id: recordId }).update({ failure_basis: null, retry_after: null });
}

/** When the next attempt after `attempts` passing failures is due. */
export function nextTransientAttempt(attempts: number, now = new Date()): Date {
  const delay = Math.min(TRANSIENT_RETRY_CAP_MS, TRANSIENT_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}
