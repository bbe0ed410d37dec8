/** The default mappings of each object type, to tell a toggled default from an edited one. */
import type { FieldMapping, ObjectType } from '../types.ts';
import { defaultCompanyMappings, defaultContactMappings, defaultProductMappings, defaultInvoiceMappings, defaultPaymentMappings } from '@quickbooks-sync/contract/definitions';

export function defaultMappingsOf(objectType: ObjectType): FieldMapping[] {
  if (objectType === 'contacts') return defaultContactMappings();
  if (objectType === 'companies') return defaultCompanyMappings();
  if (objectType === 'products') return defaultProductMappings();
  if (objectType === 'invoices') return defaultInvoiceMappings();
  if (objectType === 'payments') return defaultPaymentMappings();
  return [];
}
