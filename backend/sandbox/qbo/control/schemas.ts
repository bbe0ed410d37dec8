/** Request bodies of the control API. */
import { z } from 'zod';
import { ENTITY_NAMES } from '../state/types.ts';

/** QBO's real webhook retry schedule: 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h. */
export const REAL_RETRY_DELAYS_MS = [10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000];

export const webhookSchema = z.strictObject({
  url: z.url(),
  verifierToken: z.string().min(1),
  entities: z.array(z.enum(ENTITY_NAMES)).optional(),
  retryDelaysMs: z.array(z.number().int().min(0)).default(REAL_RETRY_DELAYS_MS),
  batchWindowMs: z.number().int().min(0).default(1000),
});

export const appSchema = z.strictObject({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  name: z.string().optional(),
  redirectUris: z.array(z.url()).default([]),
  webhook: webhookSchema.optional(),
});

export const companySchema = z.strictObject({
  realmId: z.string().regex(/^\d+$/).optional(),
  companyName: z.string().min(1).optional(),
  country: z.string().length(2).optional(),
  homeCurrency: z.string().length(3).optional(),
  multiCurrency: z.boolean().optional(),
  requestIdWindowMs: z.number().int().min(0).optional(),
  salesTaxRatePercent: z.number().min(0).max(100).optional(),
  preferences: z
    .strictObject({
      customTxnNumbers: z.boolean().optional(),
      bookCloseDate: z.iso.date().optional(),
      customFields: z.array(z.string()).max(3).optional(),
      automatedSalesTax: z.boolean().optional(),
    })
    .optional(),
});

export const seedSchema = z.strictObject({
  seed: z.number().int().optional(),
  customers: z.number().int().min(0).max(1_000_000).optional(),
  items: z.number().int().min(0).max(1_000_000).optional(),
  invoices: z.number().int().min(0).max(1_000_000).optional(),
  payments: z.number().int().min(0).max(1_000_000).optional(),
  linesPerInvoice: z.number().int().min(1).max(250).optional(),
  oneInvoicePerPayment: z.boolean().optional(),
  shapes: z.boolean().optional(),
});

export const mintTokenSchema = z.strictObject({
  clientId: z.string(),
  realmId: z.string(),
  scope: z.string().default('com.intuit.quickbooks.accounting'),
});

export const clockSchema = z.strictObject({ advanceMs: z.number().int().min(0) });
