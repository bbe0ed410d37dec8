import { Select } from '@hubspot/ui-extensions';
import { INACTIVE_CUSTOMER_POLICIES, INACTIVE_CUSTOMER_POLICY_LABELS, INACTIVE_CUSTOMERS_OPTION, inactiveCustomerPolicyOf } from '@quickbooks-sync/contract/definitions';
import type { Settings } from './setup-draft.ts';

const choices = INACTIVE_CUSTOMER_POLICIES.map((value) => ({ value, label: INACTIVE_CUSTOMER_POLICY_LABELS[value] }));

/** Opt-in: a QuickBooks customer made inactive archives its HubSpot record; the default keeps it (both are in the activity). */
export function InactiveCustomersField({ scope, settings, onChange }: { scope: string; settings: Settings; onChange: (next: Settings) => void }) {
  return (
    <Select
      label="When a customer is made inactive in QuickBooks"
      name={INACTIVE_CUSTOMERS_OPTION}
      testId={`inactive-customers-${scope}`}
      value={inactiveCustomerPolicyOf(settings.options)}
      options={choices}
      onChange={(value) => onChange({ ...settings, options: { ...settings.options, [INACTIVE_CUSTOMERS_OPTION]: String(value) } })}
    />
  );
}
