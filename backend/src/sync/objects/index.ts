/** The object adapters the engine knows. An object type without one is not synced yet. */
import type { ObjectAdapter } from '../engine/adapter.ts';
import type { ObjectType } from '../types.ts';
import { contactsAdapter } from './contacts/contacts-adapter.ts';
import { companiesAdapter } from './companies/companies-adapter.ts';
import { productsAdapter } from './products/products-adapter.ts';
import { invoicesAdapter } from './invoices/invoices-adapter.ts';
import { paymentsAdapter } from './payments/payments-adapter.ts';

const adapters: Partial<Record<ObjectType, ObjectAdapter>> = { contacts: contactsAdapter, companies: companiesAdapter, products: productsAdapter, invoices: invoicesAdapter, payments: paymentsAdapter };

export function adapterFor(objectType: ObjectType): ObjectAdapter | undefined {
  return adapters[objectType];
}
