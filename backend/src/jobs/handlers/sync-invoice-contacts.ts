/**
 * A HubSpot invoice changed (created, finalised, voided) and the contacts sync filters on the contacts'
 * invoices (R9): its contacts are synced again, so a contact enters (or leaves) the filter within
 * seconds of its invoice, not at the next catch-up.
 */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { contactIdsOfInvoices } from '../../sync/objects/contacts/contact-invoices.ts';
import { enqueueRecordSync } from './sync-record.ts';

export const syncInvoiceContactsJob = defineJob({
  name: 'sync.invoice-contacts',
  payload: z.object({ portalId: z.number().int().positive(), invoiceId: z.string().min(1) }),
  handle: async (ctx, { portalId, invoiceId }) => {
    const loaded = await loadSession(ctx, portalId, 'contacts');
    if (!loaded.ok) return;
    for (const id of await contactIdsOfInvoices(loaded.session, [invoiceId])) await enqueueRecordSync(ctx, { portalId, objectType: 'contacts', side: 'hubspot', id });
  },
});
