/**
 * Deletions, opt-in per sync (default: a deletion on one side never touches the other, as R-spec'd
 * data sync does). `deletions: 'propagate'`:
 * - contacts: a HubSpot contact deleted → its QuickBooks customer made inactive (never deleted);
 * - invoices: a QuickBooks invoice deleted or voided → its HubSpot invoice voided (never deleted); an
 *   invoice created in HubSpot and voided there → its QuickBooks invoice voided.
 * Merges in HubSpot are not deletions: the link always follows the surviving record.
 *
 * `inactiveCustomers: 'archive'` (contacts): a QuickBooks customer made inactive (QuickBooks never
 * deletes customers) → its HubSpot contact archived. By default the contact is kept; either way the
 * pair stops syncing and the record's activity says so.
 */
export const DELETIONS_OPTION = 'deletions';
export const DELETION_POLICIES = ['keep', 'propagate'] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];

export const DELETION_POLICY_LABELS: Record<DeletionPolicy, string> = {
  keep: 'Keep the other side as it is (recommended)',
  propagate: 'Reflect it on the other side (make the customer inactive / void the invoice; never delete)',
};

/** The object types where "propagate" means something. */
export const DELETION_OBJECTS = ['contacts', 'invoices'] as const;

export function deletionPolicyOf(options: Readonly<Record<string, unknown>> | undefined): DeletionPolicy {
  return options?.[DELETIONS_OPTION] === 'propagate' ? 'propagate' : 'keep';
}

export const INACTIVE_CUSTOMERS_OPTION = 'inactiveCustomers';
export const INACTIVE_CUSTOMER_POLICIES = ['keep', 'archive'] as const;
export type InactiveCustomerPolicy = (typeof INACTIVE_CUSTOMER_POLICIES)[number];

export const INACTIVE_CUSTOMER_POLICY_LABELS: Record<InactiveCustomerPolicy, string> = {
  keep: 'Keep the HubSpot record (recommended)',
  archive: 'Archive the HubSpot record (restore it from HubSpot’s recycling bin)',
};

/** The object types whose QuickBooks side is a customer that can be made inactive. */
export const INACTIVE_CUSTOMER_OBJECTS = ['contacts'] as const;

export function inactiveCustomerPolicyOf(options: Readonly<Record<string, unknown>> | undefined): InactiveCustomerPolicy {
  return options?.[INACTIVE_CUSTOMERS_OPTION] === 'archive' ? 'archive' : 'keep';
}
