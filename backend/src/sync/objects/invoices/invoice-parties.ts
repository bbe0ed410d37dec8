/**
 * Who an invoice bills, on the other side: the QuickBooks customer of a HubSpot invoice's contact,
 * the HubSpot contact of a QuickBooks invoice's customer, synced first through the contacts sync.
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import { linkedCounterpart, syncedCounterpart, type CounterpartResult } from '../../engine/synced-counterpart.ts';
import { contactsAdapter } from '../contacts/contacts-adapter.ts';
import type { Side } from '../../types.ts';

export const linkedParty = (session: AdapterSession, side: Side, id: string): Promise<string | null> => linkedCounterpart(session, 'contacts', side, id);

export const partyOnOtherSide = (session: AdapterSession, side: Side, id: string): Promise<CounterpartResult> =>
  syncedCounterpart(session, contactsAdapter, side, id, `The invoice's ${side === 'hubspot' ? `HubSpot contact #${id}` : `QuickBooks customer #${id}`}`);
