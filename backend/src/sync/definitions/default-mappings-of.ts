/** The default mappings of each object type, to tell a toggled default from an edited one. */
import type { FieldMapping, ObjectType } from '../types.ts';
import { defaultContactMappings } from '../objects/contacts/default-mappings.ts';
import { defaultProductMappings } from '../objects/products/default-mappings.ts';
import { defaultInvoiceMappings } from '../objects/invoices/default-mappings.ts';
import { defaultPaymentMappings } from '../objects/payments/default-mappings.ts';

export function defaultMappingsOf(objectType: ObjectType): FieldMapping[] {
  if (objectType === 'contacts') return defaultContactMappings();
  if (objectType === 'products') return defaultProductMappings();
  if (objectType === 'invoices') return defaultInvoiceMappings();
  if (objectType === 'payments') return defaultPaymentMappings();
  return [];
}
