/**
 * The customers sync has two modes, chosen at setup (issue 16): QuickBooks customers are HubSpot
 * contacts (the default, as in the spec: R9, R14, R15) or HubSpot companies (B2B: the company is the
 * customer). Each mode is its own sync definition (`contacts` / `companies`); an account has at most one
 * of the two, because both would create customers for the same people.
 *
 * Companies mode, option `billingContactLabel`: the name of the company → contact association label
 * that marks the billing contact (e.g. "Billing contact"); without it, or when no contact has that
 * label, a contact whose primary company it is. With several candidates the lowest record id (the
 * oldest contact) is taken, so the choice never flips between passes.
 */
import type { ObjectType } from './vocabulary.ts';

export const CUSTOMER_MODES = ['contacts', 'companies'] as const satisfies readonly ObjectType[];
export type CustomerMode = (typeof CUSTOMER_MODES)[number];
export const DEFAULT_CUSTOMER_MODE: CustomerMode = 'contacts';

export const CUSTOMER_MODE_LABELS: Record<CustomerMode, string> = {
  contacts: 'HubSpot contacts are QuickBooks customers (recommended)',
  companies: 'HubSpot companies are QuickBooks customers (B2B)',
};

export const isCustomerMode = (objectType: string): objectType is CustomerMode => (CUSTOMER_MODES as readonly string[]).includes(objectType);

/** The other mode: the sync an account may not have at the same time. */
export const otherCustomerMode = (mode: CustomerMode): CustomerMode => (mode === 'contacts' ? 'companies' : 'contacts');

export const BILLING_CONTACT_LABEL_OPTION = 'billingContactLabel';

export function billingContactLabelOf(options: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = options?.[BILLING_CONTACT_LABEL_OPTION];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
