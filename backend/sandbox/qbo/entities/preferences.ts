/**
 * Preferences update (POST /preferences with Id "1" + SyncToken). Sparse updates merge inside each
 * section, so a client can flip one flag (e.g. SalesFormsPrefs.CustomTxnNumbers) without resending all.
 */
import { z } from 'zod';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { stamp } from './common.ts';
import { envelopeFields } from './schema-kit.ts';

const section = z.record(z.string(), z.unknown());

export const preferencesSchema = z.strictObject({
  ...envelopeFields,
  AccountingInfoPrefs: section.optional(),
  ProductAndServicesPrefs: section.optional(),
  SalesFormsPrefs: section.optional(),
  EmailMessagesPrefs: section.optional(),
  VendorAndPurchasesPrefs: section.optional(),
  TimeTrackingPrefs: section.optional(),
  TaxPrefs: section.optional(),
  CurrencyPrefs: section.optional(),
  ReportPrefs: section.optional(),
  OtherPrefs: section.optional(),
});

const SECTIONS = Object.keys(preferencesSchema.shape).filter((k) => k.endsWith('Prefs'));

export function buildPreferences(company: Company, body: Record<string, unknown>, existing: QboEntity, sparse: boolean): QboEntity {
  const next: QboEntity = { ...existing, ...stamp(company, 'Preferences', existing) };
  for (const name of SECTIONS) {
    const given = body[name] as Record<string, unknown> | undefined;
    if (given === undefined) continue;
    next[name] = sparse ? { ...(existing[name] as Record<string, unknown>), ...given } : given;
  }
  // Home currency and the tax model are fixed when the company is created.
  next.CurrencyPrefs = { ...(next.CurrencyPrefs as Record<string, unknown>), HomeCurrency: { value: company.settings.homeCurrency } };
  next.TaxPrefs = existing.TaxPrefs;
  return next;
}
