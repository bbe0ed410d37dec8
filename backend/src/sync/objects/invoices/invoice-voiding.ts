/**
 * Voiding invoices (issue 16): both systems keep a voided invoice (QuickBooks with zero amounts and the
 * note "Voided", HubSpot with the status "voided"); neither is ever deleted by the sync. QuickBooks
 * refuses to void an invoice with a payment applied or dated in a closed period: that is a per-record
 * failure saying what to do.
 */
import type { AdapterSession, ObjectAdapter } from '../../engine/adapter.ts';
import { RecordFailure } from '../../engine/adapter.ts';
import type { QboRecord } from '../../types.ts';
import { COMPUTED_QBO_INVOICE_STATUS } from '@quickbooks-sync/contract/definitions';
import { QboApiError } from '../../../vendors/quickbooks/errors.ts';
import { statusOfQboInvoice } from './invoice-status.ts';

function voidRefused(err: unknown, invoice: QboRecord): never {
  if (err instanceof QboApiError && err.code === '6200') {
    throw new RecordFailure('void_refused', `QuickBooks refused to void invoice #${invoice.Id}: it is dated in a closed period. Reopen the period in QuickBooks (or void it there with the books' owner), then sync again.`);
  }
  if (err instanceof QboApiError && err.kind === 'validation') {
    const payment = /payment/i.test(err.message) ? ' A payment is applied to it: remove the payment from the invoice (or delete it) in QuickBooks first, then sync again.' : ' Fix it in QuickBooks, or void the invoice there.';
    throw new RecordFailure('void_refused', `QuickBooks refused to void invoice #${invoice.Id} (${err.detail ?? err.message}).${payment}`);
  }
  throw err;
}

export const invoiceVoiding: NonNullable<ObjectAdapter['voiding']> = {
  isVoidedInHubSpot: (invoice) => invoice.properties.hs_invoice_status === 'voided',
  isVoidedInQbo: (invoice) => statusOfQboInvoice(invoice) === 'voided',
  // The status flows to HubSpot when it is mapped that way and the sync reads QuickBooks at all.
  voidedStatusSynced: (session: AdapterSession) =>
    session.definition.direction !== 'hubspot_to_qbo' && session.mappings.some((m) => m.enabled && m.qboField === COMPUTED_QBO_INVOICE_STATUS && m.direction !== 'to_qbo'),
  voidHubSpot: async (session, hubspotId) => {
    const [result] = await session.vendors.hubspot.batchUpdate('invoices', [{ id: hubspotId, properties: { hs_invoice_status: 'voided' } }]);
    if (!result || result.ok) return;
    if (result.error.retryable) throw result.error;
    throw new RecordFailure('hubspot_rejected', `HubSpot refused to void invoice #${hubspotId}: ${result.error.message}`);
  },
  voidQbo: async (session, invoice) => {
    const qbo = await session.vendors.qbo();
    try {
      return await qbo.void('Invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken });
    } catch (err) {
      return voidRefused(err, invoice);
    }
  },
};
