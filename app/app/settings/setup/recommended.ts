/**
 * The recommended settings (R9) the guided setup pre-fills, before anything is saved. They come from the
 * backend's own pure R9 modules (same source as `POST /syncs/:objectType/recommended`), because the API
 * has no read-only "recommended settings" endpoint: `/recommended` saves and starts the sync at once.
 */
import type { ObjectTypeName, SyncDefinitionInput } from '../../shared/syncs-api.ts';
import { recommendedContactsDefinition } from '../../../../backend/src/sync/definitions/recommended-contacts.ts';
import { recommendedProductsDefinition } from '../../../../backend/src/sync/definitions/recommended-products.ts';
import { recommendedInvoicesDefinition } from '../../../../backend/src/sync/definitions/recommended-invoices.ts';
import { recommendedPaymentsDefinition } from '../../../../backend/src/sync/definitions/recommended-payments.ts';

const RECOMMENDED: Partial<Record<ObjectTypeName, (setupDate: Date) => SyncDefinitionInput>> = {
  contacts: recommendedContactsDefinition,
  products: () => recommendedProductsDefinition(),
  invoices: recommendedInvoicesDefinition,
  payments: recommendedPaymentsDefinition,
};

export function recommendedSettings(objectType: ObjectTypeName, setupDate: Date): SyncDefinitionInput | undefined {
  return RECOMMENDED[objectType]?.(setupDate);
}
