/**
 * Deletions, opt-in per sync (default: a deletion on one side never touches the other, as R-spec'd
 * data sync does). `deletions: 'propagate'`:
 * - contacts / companies: a HubSpot contact or company deleted → its QuickBooks customer made inactive
 *   (never deleted);
 * - invoices: a QuickBooks invoice deleted → its HubSpot invoice voided (never deleted).
 * Merges in HubSpot are not deletions: the link always follows the surviving record.
 */
export const DELETIONS_OPTION = 'deletions';
export const DELETION_POLICIES = ['keep', 'propagate'] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];

export const DELETION_POLICY_LABELS: Record<DeletionPolicy, string> = {
  keep: 'Keep the other side as it is (recommended)',
  propagate: 'Reflect it on the other side (make the customer inactive / void the invoice; never delete)',
};

/** The object types where "propagate" means something. */
export const DELETION_OBJECTS = ['contacts', 'companies', 'invoices'] as const;

export function deletionPolicyOf(options: Readonly<Record<string, unknown>> | undefined): DeletionPolicy {
  return options?.[DELETIONS_OPTION] === 'propagate' ? 'propagate' : 'keep';
}
