/**
 * A linked record voided on one side (an invoice). Voiding keeps the record on both sides; the sync
 * never deletes one. Each is written to the record's activity, and the pair stops syncing (a voided
 * invoice takes no more changes).
 * - Voided in QuickBooks → its HubSpot invoice voided, when the sync propagates deletions or copies the
 *   invoice status (the default mappings do); otherwise kept, and the record says so.
 * - Voided in HubSpot, for an invoice created in HubSpot (HubSpot owns it, R17) → its QuickBooks invoice
 *   voided when the sync propagates deletions; refused by QuickBooks (a payment applied) → a failure
 *   on the record naming the fix. An invoice QuickBooks owns is never voided from HubSpot.
 */
import { deletionPolicyOf } from '@quickbooks-sync/contract/definitions';
import type { RecordPass, RecordSyncResult } from '../engine/record-pass.ts';
import type { QboRecord } from '../types.ts';

const VOIDED = ['voided_in_hubspot', 'voided_in_quickbooks', 'deleted_in_quickbooks'];
/** A pair a void (or a deletion) already set aside. */
export const alreadyVoided = (pass: RecordPass): RecordSyncResult | null =>
  pass.row.state === 'excluded' && pass.row.reason_code !== null && VOIDED.includes(pass.row.reason_code) ? { action: 'unchanged', recordId: pass.row.id, reasonCode: pass.row.reason_code } : null;

export async function voidedInQbo(pass: RecordPass): Promise<RecordSyncResult> {
  const done = alreadyVoided(pass);
  if (done) return done;
  const { session, adapter, row } = pass;
  const voiding = adapter.voiding!;
  const hubspot = `HubSpot ${adapter.hubspotNoun} #${row.hubspot_id ?? '?'}`;
  const propagate = deletionPolicyOf(session.definition.options) === 'propagate' || voiding.voidedStatusSynced(session);
  if (!propagate || !row.hubspot_id) {
    return pass.exclude('voided_in_quickbooks', `Voided in QuickBooks. ${hubspot} is kept as it is (this sync does not reflect voids); void it in HubSpot too if it should not be collected.`, { newOutcome: true });
  }
  const current = await adapter.readHubSpot(session, row.hubspot_id);
  if (current && !voiding.isVoidedInHubSpot(current)) await voiding.voidHubSpot(session, row.hubspot_id);
  return pass.exclude('voided_in_quickbooks', `Voided in QuickBooks, so ${hubspot} was voided too (kept, never deleted).`, { action: 'delete', newOutcome: true });
}

export async function voidedInHubSpot(pass: RecordPass): Promise<RecordSyncResult> {
  const done = alreadyVoided(pass);
  if (done) return done;
  const { session, adapter, row } = pass;
  const voiding = adapter.voiding!;
  const qboId = row.qbo_id ?? '?';
  const qbo = `QuickBooks ${adapter.qboNoun} #${qboId}`;
  if (row.origin !== 'hubspot') {
    return pass.exclude('voided_in_hubspot', `Voided in HubSpot, but this ${adapter.qboNoun} came from QuickBooks, which owns it: ${qbo} is kept as it is. Void it in QuickBooks if it should not be collected.`, { newOutcome: true });
  }
  if (deletionPolicyOf(session.definition.options) !== 'propagate') {
    return pass.exclude('voided_in_hubspot', `Voided in HubSpot. ${qbo} is kept as it is (this sync does not reflect voids); void it in QuickBooks too if it should not be collected.`, { newOutcome: true });
  }
  const counterpart = row.qbo_id ? await adapter.readQbo(session, row.qbo_id) : undefined;
  let written: QboRecord | undefined = counterpart;
  if (counterpart && !voiding.isVoidedInQbo(counterpart)) written = await voiding.voidQbo(session, counterpart); // a refusal is the record's failure
  if (written) {
    // What we wrote, so its webhook is recognised as our own.
    await pass.save({ qbo_sync_token: written.SyncToken, qbo_updated_at: written.MetaData?.LastUpdatedTime ? new Date(written.MetaData.LastUpdatedTime) : row.qbo_updated_at });
  }
  const message = counterpart ? `Voided in HubSpot, so ${qbo} was voided too (kept with zero amounts, never deleted).` : `Voided in HubSpot; ${qbo} no longer exists.`;
  return pass.exclude('voided_in_hubspot', message, { action: 'delete', newOutcome: true });
}
