/**
 * The QBO Customer body for a contact's mapped values: a create body, or with `existing` a sparse update
 * (Id, SyncToken, sparse: true) touching only mapped fields that flow to QuickBooks.
 */
import type { FieldKind, FieldMapping, MappedValue, MappedValues, QboRecord } from '../../types.ts';
import { QBO_CUSTOMER_FIELDS } from '../../mappings/qbo-customer-fields.ts';
import { setPath } from '../../mappings/object-path.ts';
import { clearableInQbo, qboScalar } from '../../mappings/qbo-scalar.ts';
import { DISPLAY_NAME_MAPPING_ID } from '@quickbooks-sync/contract/definitions';
import { sanitiseQboName } from './display-name.ts';

export function customerFromContact(values: MappedValues, mappings: readonly FieldMapping[], existing?: QboRecord): Record<string, unknown> {
  const body: Record<string, unknown> = existing ? { Id: existing.Id, SyncToken: existing.SyncToken, sparse: true } : {};
  for (const mapping of mappings) {
    if (!mapping.enabled || mapping.direction === 'to_hubspot') continue;
    const field = QBO_CUSTOMER_FIELDS[mapping.qboField];
    if (!field || field.readOnly) continue;
    // R14 names customers *created* from HubSpot. Renaming an existing customer on every contact update
    // would surprise the accountant and risk a DisplayName clash (6240), so updates leave it alone.
    if (mapping.id === DISPLAY_NAME_MAPPING_ID && existing) continue;
    const value = values[mapping.id];
    if (value === undefined) continue;
    const written = qboValue(value, field.kind, mapping.qboField, existing !== undefined);
    if (written !== undefined) setPath(body, mapping.qboField, written, existing);
  }
  return body;
}

/** undefined = leave the field out of the body. */
function qboValue(value: MappedValue, kind: FieldKind, path: string, isUpdate: boolean): unknown {
  if (value === null) {
    // A create has nothing to clear. On update, text is cleared with ''; DisplayName cannot be removed
    // with a sparse update (reference §1.1), and numbers/booleans have no "empty" QBO accepts.
    if (!isUpdate || path === 'DisplayName' || !clearableInQbo(kind)) return undefined;
    return '';
  }
  if (path === 'DisplayName') {
    const name = sanitiseQboName(String(value));
    return name === '' ? undefined : name;
  }
  return qboScalar(value, kind);
}
