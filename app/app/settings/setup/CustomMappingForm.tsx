import { useState } from 'react';
import { Button, Flex, Input, Select } from '@hubspot/ui-extensions';
import type { FieldMapping } from '../../shared/syncs-api.ts';

const directions = [
  { value: 'both', label: 'Follow the sync direction' },
  { value: 'to_qbo', label: 'HubSpot → QuickBooks only' },
  { value: 'to_hubspot', label: 'QuickBooks → HubSpot only' },
];

/** Adds or edits one custom mapping (R7). Which fields may be mapped is checked by the backend on save. */
export function CustomMappingForm({ scope, initial, onSubmit, onCancel }: { scope: string; initial: FieldMapping; onSubmit: (m: FieldMapping) => void; onCancel: () => void }) {
  const [mapping, setMapping] = useState(initial);
  return (
    <Flex direction="row" gap="sm" align="end" testId={`custom-mapping-form-${scope}`}>
      <Input label="HubSpot property (internal name)" name="hubspotProperty" value={mapping.hubspotProperty} onChange={(v) => setMapping((m) => ({ ...m, hubspotProperty: v }))} />
      <Input label="QuickBooks field" name="qboField" value={mapping.qboField} onChange={(v) => setMapping((m) => ({ ...m, qboField: v }))} />
      <Select label="Direction" name="mappingDirection" value={mapping.direction} options={directions} onChange={(v) => setMapping((m) => ({ ...m, direction: v as FieldMapping['direction'] }))} />
      <Button testId={`save-mapping-${scope}`} variant="primary" disabled={!mapping.hubspotProperty.trim() || !mapping.qboField.trim()} onClick={() => onSubmit({ ...mapping, hubspotProperty: mapping.hubspotProperty.trim(), qboField: mapping.qboField.trim() })}>
        Save mapping
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </Flex>
  );
}
