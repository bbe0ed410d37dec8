/**
 * A linked QuickBooks record made inactive (a customer: QuickBooks never deletes one). Always written to
 * the record's activity, and the pair stops syncing while it is inactive (nothing is sent to an inactive
 * customer, nothing of it is copied over the contact). The linked HubSpot record is kept, or archived
 * when the sync opts in (`inactiveCustomers: archive`). Made active again, the pair syncs again on its
 * next change (an archived HubSpot record must be restored first). Generic over the object type: any
 * adapter with `qboInactivation`.
 */
import { inactiveCustomerPolicyOf } from '@quickbooks-sync/contract/definitions';
import type { RecordPass, RecordSyncResult } from '../engine/record-pass.ts';

/** Reasons under which an inactive QuickBooks record is already the record's story. */
const ALREADY_TOLD = ['inactive_in_quickbooks', 'deleted_in_hubspot'];

export async function inactiveInQbo(pass: RecordPass): Promise<RecordSyncResult> {
  const { session, adapter, row } = pass;
  if (row.state === 'excluded' && row.reason_code !== null && ALREADY_TOLD.includes(row.reason_code)) return { action: 'unchanged', recordId: row.id, reasonCode: row.reason_code };
  // A HubSpot → QuickBooks sync never writes to HubSpot, so it never archives there either.
  const archive = inactiveCustomerPolicyOf(session.definition.options) === 'archive' && session.definition.direction !== 'hubspot_to_qbo';
  const hubspot = `HubSpot ${adapter.hubspotNoun} #${row.hubspot_id ?? '?'}`;
  const qbo = `QuickBooks ${adapter.qboNoun} #${row.qbo_id ?? '?'}`;
  if (archive && row.hubspot_id) await adapter.qboInactivation!.archiveHubSpot(session, row.hubspot_id);
  const message = archive
    ? `${qbo} was made inactive in QuickBooks, so ${hubspot} was archived (restore it in HubSpot and make the ${adapter.qboNoun} active to sync them again).`
    : `${qbo} was made inactive in QuickBooks. ${hubspot} is kept as it is and the pair is not synced while the ${adapter.qboNoun} is inactive; make it active in QuickBooks to sync them again.`;
  return pass.exclude('inactive_in_quickbooks', message, { action: archive ? 'delete' : 'exclude', newOutcome: true });
}
