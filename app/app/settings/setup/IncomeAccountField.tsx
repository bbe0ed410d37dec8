import { Select } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { listIncomeAccounts } from '@quickbooks-sync/ui-shared/income-accounts-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import type { ObjectTypeName } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import type { Settings } from './setup-draft.ts';

/**
 * Which QuickBooks income account the sales of items we create post to, asked only when the sync writes to
 * QuickBooks: products created from HubSpot (`incomeAccountId`), and for invoices the "Custom line item"
 * item that takes lines matching no product (`customLineIncomeAccountId`, R13). The backend keys are the
 * sync engine's option names.
 */
const FIELD = {
  products: {
    option: 'incomeAccountId',
    label: 'Income account for products created in QuickBooks',
    description: 'Products that come from HubSpot become QuickBooks items that post their sales to this account. Without one, such products fail with this fix named.',
  },
  invoices: {
    option: 'customLineIncomeAccountId',
    label: 'Income account of the "Custom line item"',
    description: 'Invoice lines whose product matches no QuickBooks item go to the item "Custom line item", created with this income account if it does not exist yet.',
  },
} as const;

export const incomeAccountAsked = (objectType: ObjectTypeName, settings: Settings): objectType is keyof typeof FIELD =>
  (objectType === 'products' || objectType === 'invoices') && settings.direction !== 'qbo_to_hubspot';

export function IncomeAccountField({ api, objectType, settings, onChange }: { api: ApiClient; objectType: keyof typeof FIELD; settings: Settings; onChange: (next: Settings) => void }) {
  const accounts = useApi(() => listIncomeAccounts(api), [api]);
  const field = FIELD[objectType];
  if (accounts.state.status === 'loading') return <LoadingView label="Loading your QuickBooks income accounts" testId={`loading-income-accounts-${objectType}`} />;
  if (accounts.state.status === 'error') {
    return <ErrorView title="The QuickBooks income accounts could not be loaded" error={accounts.state.error} onRetry={accounts.reload} testId={`error-income-accounts-${objectType}`} />;
  }
  const chosen = settings.options[field.option];
  return (
    <Select
      label={field.label}
      name={field.option}
      testId={`income-account-${objectType}`}
      description={field.description}
      placeholder="Choose an income account"
      value={typeof chosen === 'string' ? chosen : undefined}
      options={accounts.state.data.accounts.map((a) => ({ value: a.id, label: a.name }))}
      onChange={(value) => onChange({ ...settings, options: { ...settings.options, [field.option]: String(value) } })}
    />
  );
}
