import { Select } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { listTaxCodes } from '@quickbooks-sync/ui-shared/tax-codes-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import type { ObjectTypeName } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { TAX_CODE_OPTION } from '@quickbooks-sync/contract/definitions';
import type { Settings } from './setup-draft.ts';

/**
 * R22: a QuickBooks company outside the US needs a tax code on every invoice line. When invoices go to
 * QuickBooks, the backend says whether the connected company is such a one and lists its codes: then the
 * default code of invoice lines is asked (a product whose QuickBooks item has its own sales tax code keeps
 * that one). US companies (automated sales tax) get nothing to choose: the field stays empty.
 */
export const taxCodeAsked = (objectType: ObjectTypeName, settings: Settings): boolean => objectType === 'invoices' && settings.direction !== 'qbo_to_hubspot';

const percent = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(3).replace(/0+$/, '')} %`;

export function TaxCodeField({ api, settings, onChange }: { api: ApiClient; settings: Settings; onChange: (next: Settings) => void }) {
  const codes = useApi(() => listTaxCodes(api), [api]);
  if (codes.state.status === 'loading') return <LoadingView label="Loading your QuickBooks tax codes" testId="loading-tax-codes" />;
  if (codes.state.status === 'error') return <ErrorView title="The QuickBooks tax codes could not be loaded" error={codes.state.error} onRetry={codes.reload} testId="error-tax-codes" />;
  if (!codes.state.data.required) return null;
  const chosen = settings.options[TAX_CODE_OPTION];
  return (
    <Select
      label="Tax code of invoice lines"
      name={TAX_CODE_OPTION}
      testId="tax-code-invoices"
      required
      description={`QuickBooks companies in ${codes.state.data.country ?? 'this country'} need a tax code on every invoice line; QuickBooks computes the tax and HubSpot shows it on the line items. A product whose QuickBooks item has its own sales tax code keeps that one.`}
      placeholder="Choose a tax code"
      value={typeof chosen === 'string' ? chosen : undefined}
      options={codes.state.data.codes.map((c) => ({ value: c.id, label: `${c.name} (${percent(c.ratePercent)})` }))}
      onChange={(value) => onChange({ ...settings, options: { ...settings.options, [TAX_CODE_OPTION]: String(value) } })}
    />
  );
}
