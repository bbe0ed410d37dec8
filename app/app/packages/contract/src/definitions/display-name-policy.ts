/**
 * What the contacts sync does when the display name R14 gives a new customer is already used by another
 * customer, vendor or employee (QuickBooks error 6240). `fail` (the default, R14's behaviour): the
 * record fails with a message naming the holder and the fix. `resolve` (opt-in): the customer is named
 * "Company — First Last", and when that is taken too, that name with the contact's HubSpot record id,
 * e.g. "Acme — Ann Lee (1000042)". Deterministic: the same contact always gets the same name; an
 * existing customer is never renamed.
 */
export const DISPLAY_NAME_POLICY_OPTION = 'displayNameClash';
export const DISPLAY_NAME_POLICIES = ['fail', 'resolve'] as const;
export type DisplayNamePolicy = (typeof DISPLAY_NAME_POLICIES)[number];
export const DEFAULT_DISPLAY_NAME_POLICY: DisplayNamePolicy = 'fail';

export const DISPLAY_NAME_POLICY_LABELS: Record<DisplayNamePolicy, string> = {
  fail: 'Stop and show the clash on the record (recommended)',
  resolve: 'Use "Company — First Last", then add the HubSpot record ID',
};

export function displayNamePolicyOf(options: Readonly<Record<string, unknown>> | undefined): DisplayNamePolicy {
  const value = options?.[DISPLAY_NAME_POLICY_OPTION];
  return (DISPLAY_NAME_POLICIES as readonly unknown[]).includes(value) ? (value as DisplayNamePolicy) : DEFAULT_DISPLAY_NAME_POLICY;
}
