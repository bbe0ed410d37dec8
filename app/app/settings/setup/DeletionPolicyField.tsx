import { Select } from '@hubspot/ui-extensions';
import { DELETION_POLICIES, DELETION_POLICY_LABELS, DELETIONS_OPTION, deletionPolicyOf } from '@quickbooks-sync/contract/definitions';
import type { Settings } from './setup-draft.ts';

const choices = DELETION_POLICIES.map((value) => ({ value, label: DELETION_POLICY_LABELS[value] }));

/** Opt-in: a deletion or void on one side reflected on the other (customer made inactive, invoice voided); the default keeps it. */
export function DeletionPolicyField({ scope, settings, onChange }: { scope: string; settings: Settings; onChange: (next: Settings) => void }) {
  return (
    <Select
      label={scope === 'contacts' ? 'When a contact is deleted in HubSpot' : 'When an invoice is deleted or voided (in QuickBooks, or in HubSpot for invoices created there)'}
      name={DELETIONS_OPTION}
      testId={`deletions-${scope}`}
      value={deletionPolicyOf(settings.options)}
      options={choices}
      onChange={(value) => onChange({ ...settings, options: { ...settings.options, [DELETIONS_OPTION]: String(value) } })}
    />
  );
}
