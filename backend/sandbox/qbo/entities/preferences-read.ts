/** Reads the Preferences values other entity rules depend on (numbering, closed books, custom fields). */
import type { Company } from '../state/company.ts';

interface NamedValue {
  Name?: string;
  BooleanValue?: boolean;
  StringValue?: string;
}

function salesForms(company: Company): Record<string, unknown> {
  return (company.get('Preferences', '1')?.SalesFormsPrefs as Record<string, unknown> | undefined) ?? {};
}

export function customTxnNumbers(company: Company): boolean {
  return salesForms(company).CustomTxnNumbers === true;
}

export function bookCloseDate(company: Company): string | undefined {
  const prefs = company.get('Preferences', '1')?.AccountingInfoPrefs as { BookCloseDate?: string } | undefined;
  return prefs?.BookCloseDate;
}

/** Enabled legacy sales-form custom fields: DefinitionId (slot) → Name. */
export function customFieldDefinitions(company: Company): Map<string, string> {
  const groups = (salesForms(company).CustomField as Array<{ CustomField?: NamedValue[] }> | undefined) ?? [];
  const values = groups.flatMap((g) => g.CustomField ?? []);
  const out = new Map<string, string>();
  for (const slot of ['1', '2', '3']) {
    const enabled = values.find((v) => v.Name === `SalesFormsPrefs.UseSalesCustom${slot}`)?.BooleanValue === true;
    const name = values.find((v) => v.Name === `SalesFormsPrefs.SalesCustomName${slot}`)?.StringValue;
    if (enabled && name !== undefined) out.set(slot, name);
  }
  return out;
}
