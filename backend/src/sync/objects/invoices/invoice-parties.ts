/**
 * Who an invoice bills, on the other side: the QuickBooks customer of a HubSpot invoice's contact,
 * the HubSpot contact of a QuickBooks invoice's customer. Parties are synced by the contacts sync; an
 * invoice whose party is not linked yet has it synced first, through that sync's own rules (its
 * direction, filters, matching), so an invoice never creates a customer or contact on its own.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { findSyncRecordBySide } from '../../../db/sync-records.ts';
import { loadSession } from '../../engine/session.ts';
import { syncRecord } from '../../engine/record-sync.ts';
import { withObjectLock } from '../../engine/object-lock.ts';
import { contactsAdapter } from '../contacts/contacts-adapter.ts';
import type { Side } from '../../types.ts';

/** The linked party on the other side of `id` (a contact or customer), or null. */
export async function linkedParty(session: AdapterSession, side: Side, id: string): Promise<string | null> {
  const row = await findSyncRecordBySide(session.ctx.db, session.portalId, 'contacts', side, id);
  return (side === 'hubspot' ? row?.qbo_id : row?.hubspot_id) ?? null;
}

export type PartyResult = { ok: true; id: string } | { ok: false; message: string };

/** The linked party, syncing the party through the contacts sync first when it is not linked yet. */
export async function partyOnOtherSide(session: AdapterSession, side: Side, id: string): Promise<PartyResult> {
  const linked = await linkedParty(session, side, id);
  if (linked) return { ok: true, id: linked };
  const what = side === 'hubspot' ? `HubSpot contact #${id}` : `QuickBooks customer #${id}`;
  const contacts = await loadSession(session.ctx, session.portalId, 'contacts');
  if (!contacts.ok) {
    return { ok: false, message: `The invoice's ${what} is not synced, and ${contacts.reason}. Set up the contacts sync (${side === 'hubspot' ? 'HubSpot → QuickBooks or two-way' : 'QuickBooks → HubSpot or two-way'}), then retry this invoice.` };
  }
  const result = await withObjectLock(session.ctx.db, session.portalId, 'contacts', () => syncRecord(contacts.session, contactsAdapter, side, id), 30_000);
  const now = await linkedParty(session, side, id);
  if (now) return { ok: true, id: now };
  const row = await findSyncRecordBySide(session.ctx.db, session.portalId, 'contacts', side, id);
  const why = row?.message ?? (result.action === 'ignored' ? `the contacts sync does not send ${side === 'hubspot' ? 'contacts to QuickBooks' : 'customers to HubSpot'}` : 'it could not be synced');
  return { ok: false, message: `The invoice's ${what} is not synced: ${why} Fix that, then retry this invoice.` };
}
