import { Input, Select } from '@hubspot/ui-extensions';
import { BILLING_CONTACT_LABEL_OPTION, billingContactLabelOf, CUSTOMER_MODE_LABELS, CUSTOMER_MODES, type CustomerMode } from '@quickbooks-sync/contract/definitions';
import type { Settings } from './setup-draft.ts';

const choices = CUSTOMER_MODES.map((value) => ({ value, label: CUSTOMER_MODE_LABELS[value] }));

/**
 * Issue 16: what a QuickBooks customer is in HubSpot, chosen at setup — contacts (the default, as in the
 * spec) or companies (B2B). Choosing switches the section to that sync's recommended settings.
 */
export function CustomerModeField({ mode, onChange }: { mode: CustomerMode; onChange: (mode: CustomerMode) => void }) {
  return (
    <Select
      label="QuickBooks customers are"
      name="customerMode"
      testId="customer-mode"
      description="Companies: the company is the customer; its billing contact gives the e-mail and phone, and invoices bill the company."
      value={mode}
      options={choices}
      onChange={(value) => onChange(value === 'companies' ? 'companies' : 'contacts')}
    />
  );
}

/** Companies mode: the association label that marks a company's billing contact; empty uses the primary contact. */
export function BillingContactLabelField({ settings, onChange }: { settings: Settings; onChange: (next: Settings) => void }) {
  return (
    <Input
      label="Billing contact's association label"
      name={BILLING_CONTACT_LABEL_OPTION}
      testId="billing-contact-label"
      description="The company → contact association label of the contact who pays (for example “Billing contact”). Empty: a contact whose primary company it is."
      value={billingContactLabelOf(settings.options) ?? ''}
      onChange={(value) => {
        const { [BILLING_CONTACT_LABEL_OPTION]: _dropped, ...rest } = settings.options;
        onChange({ ...settings, options: value.trim() === '' ? rest : { ...rest, [BILLING_CONTACT_LABEL_OPTION]: value } });
      }}
    />
  );
}
