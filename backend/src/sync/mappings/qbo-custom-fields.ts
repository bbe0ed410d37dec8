/**
 * R7: QuickBooks invoice custom fields offered for mapping. Only the first three (the legacy sales-form
 * fields, configured in Preferences.SalesFormsPrefs) are visible through the API, and only those
 * enabled (UseSalesCustomN) with a name can hold values. Pure: reads stored Preferences.
 */
export interface QboCustomField {
  /** The QBO field path a mapping uses ("CustomField.2"). */
  path: string;
  definitionId: string;
  name: string;
}

type NamedValue = { Name?: string; BooleanValue?: boolean; StringValue?: string };

export function qboInvoiceCustomFields(preferences: Record<string, unknown>): QboCustomField[] {
  const salesForms = (preferences.SalesFormsPrefs ?? {}) as { CustomField?: Array<{ CustomField?: NamedValue[] }> };
  const values = (salesForms.CustomField ?? []).flatMap((group) => group.CustomField ?? []);
  const out: QboCustomField[] = [];
  for (const slot of ['1', '2', '3']) {
    const enabled = values.find((v) => v.Name === `SalesFormsPrefs.UseSalesCustom${slot}`)?.BooleanValue === true;
    const name = values.find((v) => v.Name === `SalesFormsPrefs.SalesCustomName${slot}`)?.StringValue?.trim();
    if (enabled && name) out.push({ path: `CustomField.${slot}`, definitionId: slot, name });
  }
  return out;
}
