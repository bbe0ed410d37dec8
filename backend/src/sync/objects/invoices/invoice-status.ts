/**
 * A QuickBooks invoice's status in HubSpot's words. QuickBooks has no status field: a voided invoice
 * keeps its number with zero amounts and the note "Voided"; a paid one has no balance left.
 */
import type { QboRecord } from '../../types.ts';

export type HubSpotInvoiceStatus = 'open' | 'paid' | 'voided';

export function statusOfQboInvoice(invoice: QboRecord): HubSpotInvoiceStatus {
  const total = Number(invoice.TotalAmt ?? 0);
  const balance = Number(invoice.Balance ?? total);
  if (invoice.PrivateNote === 'Voided' && total === 0) return 'voided';
  if (total > 0 && balance <= 0) return 'paid';
  return 'open';
}
