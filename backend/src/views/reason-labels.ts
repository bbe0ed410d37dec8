/**
 * Words for the reason codes the sync records on a record (failed or excluded), as people read them
 * in the object and record views and in exports. Codes are stable; a code an object adapter adds
 * before it gets a label here still reads sensibly ("display_name_taken" → "Display name taken").
 */
const LABELS: Record<string, string> = {
  filtered_out: 'Excluded by the sync filter',
  no_match_key: 'No e-mail (or SKU) to match on',
  counterpart_deleted: 'Deleted on the other side',
  ambiguous_match: 'More than one possible match',
  display_name_taken: 'Display name already used in QuickBooks',
  temporary_error: 'Temporary error (will retry)',
  qbo_rejected: 'Refused by QuickBooks',
  hubspot_rejected: 'Refused by HubSpot',
  hubspot_conflict: 'Conflicts with another HubSpot record',
  merged_in_hubspot: 'Merged in HubSpot',
  deleted_in_hubspot: 'Deleted in HubSpot',
  deleted_in_quickbooks: 'Deleted in QuickBooks',
  inactive_in_quickbooks: 'Made inactive in QuickBooks',
  voided_in_hubspot: 'Voided in HubSpot',
  voided_in_quickbooks: 'Voided in QuickBooks',
  void_refused: 'QuickBooks refused to void it',
};

export function reasonLabel(code: string): string;
export function reasonLabel(code: string | null): string | null;
export function reasonLabel(code: string | null): string | null {
  if (code === null) return null;
  const known = LABELS[code];
  if (known) return known;
  const words = code.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
