/**
 * Companies mode (issue 16): a HubSpot contact changed, and it may be the billing contact of companies
 * that sync as QuickBooks customers (its e-mail and phone are theirs). Those companies are synced again,
 * so the customer follows within seconds, not at the next catch-up. A company whose billing contact is
 * someone else computes the same values and writes nothing.
 */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { enqueueRecordSync } from './sync-record.ts';

export const syncContactCompaniesJob = defineJob({
  name: 'sync.contact-companies',
  payload: z.object({ portalId: z.number().int().positive(), contactId: z.string().min(1) }),
  handle: async (ctx, { portalId, contactId }) => {
    const loaded = await loadSession(ctx, portalId, 'companies');
    if (!loaded.ok) return;
    const companies = await loaded.session.vendors.hubspot.associatedIds('contacts', 'companies', [contactId]);
    for (const id of companies.get(contactId) ?? []) await enqueueRecordSync(ctx, { portalId, objectType: 'companies', side: 'hubspot', id });
  },
});
