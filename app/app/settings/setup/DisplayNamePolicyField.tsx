import { Select } from '@hubspot/ui-extensions';
import { DISPLAY_NAME_POLICIES, DISPLAY_NAME_POLICY_LABELS, DISPLAY_NAME_POLICY_OPTION, displayNamePolicyOf } from '@quickbooks-sync/contract/definitions';
import type { Settings } from './setup-draft.ts';

const choices = DISPLAY_NAME_POLICIES.map((value) => ({ value, label: DISPLAY_NAME_POLICY_LABELS[value] }));

/** Contacts sending customers to QuickBooks: what happens when R14's display name is taken (the default fails, as R14 says). */
export function DisplayNamePolicyField({ settings, onChange }: { settings: Settings; onChange: (next: Settings) => void }) {
  return (
    <Select
      label="When a customer's display name is already taken in QuickBooks"
      name={DISPLAY_NAME_POLICY_OPTION}
      testId="display-name-policy"
      value={displayNamePolicyOf(settings.options)}
      options={choices}
      onChange={(value) => onChange({ ...settings, options: { ...settings.options, [DISPLAY_NAME_POLICY_OPTION]: String(value) } })}
    />
  );
}
