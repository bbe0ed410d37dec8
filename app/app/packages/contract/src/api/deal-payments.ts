/**
 * The deal card's payment details (R30): GET /api/v1/deals/:dealId/payments — the deal's invoices and
 * their payments as QuickBooks has them (amounts, dates, method, status, reference, link to the invoice
 * in QuickBooks), plus HubSpot's own payments of those invoices (which may still be processing, R20).
 */
import { z } from 'zod';

export const dealIdParamSchema = z.string().regex(/^\d{1,20}$/);

export const dealPaymentSchema = z.object({
  source: z.enum(['quickbooks', 'hubspot']),
  /** QuickBooks payment id, or HubSpot payment id for HubSpot's own payments. */
  id: z.string(),
  amount: z.number(),
  date: z.string().nullable(),
  method: z.string().nullable(),
  /** succeeded for QuickBooks payments (booked); HubSpot's status for its own (processing, succeeded, failed, …). */
  status: z.string(),
  reference: z.string().nullable(),
});
export type DealPayment = z.infer<typeof dealPaymentSchema>;

export const dealInvoiceSchema = z.object({
  hubspotInvoiceId: z.string(),
  qboInvoiceId: z.string().nullable(),
  number: z.string().nullable(),
  /** synced / failed / excluded / not_synced: the invoice's sync state. */
  syncState: z.string(),
  total: z.number().nullable(),
  balance: z.number().nullable(),
  status: z.enum(['open', 'paid', 'voided', 'unknown']),
  dueDate: z.string().nullable(),
  currency: z.string().nullable(),
  /** The invoice in the QuickBooks web app. */
  qboUrl: z.string().nullable(),
  payments: z.array(dealPaymentSchema),
});

export const dealPaymentsResponseSchema = z.object({
  dealId: z.string(),
  invoices: z.array(dealInvoiceSchema),
  totals: z.object({ paid: z.number(), open: z.number(), processing: z.number() }),
});
export type DealPaymentsResponse = z.infer<typeof dealPaymentsResponseSchema>;
