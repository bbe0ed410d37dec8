import { useState } from 'react';
import { Button, Flex, Select } from '@hubspot/ui-extensions';
import type { FieldCatalogueResponse, FieldMapping } from '@quickbooks-sync/ui-shared/syncs-api.ts';

const directions = [
  { value: 'both', label: 'Follow the sync direction' },
  { value: 'to_qbo', label: 'HubSpot → QuickBooks only' },
  { value: 'to_hubspot', label: 'QuickBooks → HubSpot only' },
];

const optionsOf = (fields: FieldCatalogueResponse['hubspot']) =>
  fields.filter((f) => !f.name.startsWith('@') && !f.filterOnly).map((f) => ({ value: f.name, label: f.readOnly ? `${f.label} (read-only)` : f.label }));

/**
 * Adds or edits one custom mapping (R7), choosing from the fields the backend offers for this object.
 * Whether a pair can flow the chosen way (kinds, read-only fields) is checked by the backend on save.
 */
export function CustomMappingForm({ scope, fields, initial, onSubmit, onCancel }: { scope: string; fields: FieldCatalogueResponse; initial: FieldMapping; onSubmit: (m: FieldMapping) => void; onCancel: () => void }) {
  const [mapping, setMapping] = useState(initial);
  return (
    <Flex direction="row" gap="sm" align="end" testId={`custom-mapping-form-${scope}`}>
      <Select label="HubSpot property" name="hubspotProperty" value={mapping.hubspotProperty} options={optionsOf(fields.hubspot)} onChange={(v) => setMapping((m) => ({ ...m, hubspotProperty: String(v) }))} />
      <Select label="QuickBooks field" name="qboField" value={mapping.qboField} options={optionsOf(fields.qbo)} onChange={(v) => setMapping((m) => ({ ...m, qboField: String(v) }))} />
      <Select label="Direction" name="mappingDirection" value={mapping.direction} options={directions} onChange={(v) => setMapping((m) => ({ ...m, direction: v as FieldMapping['direction'] }))} />
      <Button testId={`save-mapping-${scope}`} variant="primary" disabled={!mapping.hubspotProperty || !mapping.qboField} onClick={() => onSubmit(mapping)}>
        Save mapping
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </Flex>
  );
}
