/**
 * QuickBooks never deletes a customer, it makes it inactive (Active=false). How the removals tell, make
 * one inactive (a contact deleted in HubSpot, opted in) and archive the contact of one made inactive in
 * QuickBooks (opted in). Shared by every adapter whose QuickBooks side is a customer.
 */
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import type { QboRecord } from '../../types.ts';

export function customerInactivation(hubspotObject: string): NonNullable<ObjectAdapter['qboInactivation']> {
  return {
    isInactive: (customer: QboRecord) => customer.Active === false,
    makeInactive: async (session: AdapterSession, customerId: string) => {
      const qbo = await session.vendors.qbo();
      const customer = (await qbo.read<QboRecord>('Customer', customerId)).Customer;
      if (!customer || customer.Active === false) return customer;
      return qbo.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, Active: false });
    },
    archiveHubSpot: (session: AdapterSession, hubspotId: string) => session.vendors.hubspot.batchArchive(hubspotObject, [hubspotId]),
  };
}
