/**
 * The recommended settings (R9) the guided setup pre-fills, before anything is saved. They come from the
 * contract package's pure R9 builders, the ones `POST /syncs/:objectType/recommended` saves, so the page
 * shows exactly what the backend would create, without a round trip and without saving anything.
 */
import type { ObjectTypeName, SyncDefinitionInput } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { recommendedCompaniesDefinition, recommendedContactsDefinition, recommendedProductsDefinition, recommendedInvoicesDefinition, recommendedPaymentsDefinition } from '@quickbooks-sync/contract/definitions';

const RECOMMENDED: Partial<Record<ObjectTypeName, (setupDate: Date) => SyncDefinitionInput>> = {
  contacts: recommendedContactsDefinition,
  companies: recommendedCompaniesDefinition,
  products: () => recommendedProductsDefinition(),
  invoices: recommendedInvoicesDefinition,
  payments: recommendedPaymentsDefinition,
};

export function recommendedSettings(objectType: ObjectTypeName, setupDate: Date): SyncDefinitionInput | undefined {
  return RECOMMENDED[objectType]?.(setupDate);
}
