import { useState } from 'react';
import { Button, Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text, Toggle } from '@hubspot/ui-extensions';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import type { FieldCatalogueResponse, FieldMapping, ObjectTypeName } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import type { ApiResource } from '@quickbooks-sync/ui-shared/use-api.ts';
import { CustomMappingForm } from './CustomMappingForm.tsx';

const DIRECTION_WORDS: Record<FieldMapping['direction'], string> = { both: 'Follows the sync', to_qbo: 'HubSpot → QuickBooks', to_hubspot: 'QuickBooks → HubSpot' };

function newCustomId(existing: FieldMapping[]): string {
  let n = existing.filter((m) => m.kind === 'custom').length + 1;
  while (existing.some((m) => m.id === `custom_${n}`)) n += 1;
  return `custom_${n}`;
}

/** R7: each default mapping can be switched off; custom ones can be added, edited and deleted. */
interface Props {
  scope: ObjectTypeName;
  fields: ApiResource<FieldCatalogueResponse>;
  mappings: FieldMapping[];
  onChange: (next: FieldMapping[]) => void;
}

export function MappingsEditor({ scope, fields, mappings, onChange }: Props) {
  const [editing, setEditing] = useState<FieldMapping | null>(null);
  const catalogue = fields.state.status === 'ready' ? fields.state.data : null;
  const labelOf = (side: 'hubspot' | 'qbo', name: string) => catalogue?.[side].find((f) => f.name === name)?.label ?? name;
  const replace = (m: FieldMapping) => onChange(mappings.some((x) => x.id === m.id) ? mappings.map((x) => (x.id === m.id ? m : x)) : [...mappings, m]);
  return (
    <Flex direction="column" gap="sm">
      <Heading>Field mappings</Heading>
      <Table bordered={true} testId={`mappings-${scope}`}>
        <TableHead>
          <TableRow>
            <TableHeader>HubSpot</TableHeader>
            <TableHeader>QuickBooks</TableHeader>
            <TableHeader>Direction</TableHeader>
            <TableHeader>Sync this field</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {mappings.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{labelOf('hubspot', m.hubspotProperty)}</TableCell>
              <TableCell>{labelOf('qbo', m.qboField)}</TableCell>
              <TableCell>{DIRECTION_WORDS[m.direction]}</TableCell>
              <TableCell>
                {m.kind === 'default' ? (
                  <Toggle testId={`mapping-${scope}-${m.id}`} label={`Sync ${m.hubspotProperty}`} labelDisplay="hidden" checked={m.enabled} onChange={(enabled) => replace({ ...m, enabled })} />
                ) : (
                  <Flex direction="row" gap="xs">
                    <Button testId={`edit-mapping-${scope}-${m.id}`} size="xs" onClick={() => setEditing(m)}>Edit</Button>
                    <Button testId={`delete-mapping-${scope}-${m.id}`} size="xs" variant="destructive" onClick={() => onChange(mappings.filter((x) => x.id !== m.id))}>Delete</Button>
                  </Flex>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && fields.state.status === 'loading' ? <LoadingView label="Loading the fields you can map" testId={`loading-fields-${scope}`} /> : null}
      {editing && fields.state.status === 'error' ? <ErrorView title="The fields could not be loaded" error={fields.state.error} onRetry={fields.reload} testId={`error-fields-${scope}`} /> : null}
      {editing && catalogue ? (
        <CustomMappingForm key={editing.id} scope={scope} fields={catalogue} initial={editing} onCancel={() => setEditing(null)} onSubmit={(m) => { replace(m); setEditing(null); }} />
      ) : null}
      {editing ? null : (
        <Flex direction="row" gap="sm" align="center">
          <Button testId={`add-mapping-${scope}`} onClick={() => setEditing({ id: newCustomId(mappings), kind: 'custom', enabled: true, hubspotProperty: '', qboField: '', direction: 'both' })}>Add custom mapping</Button>
          <Text variant="microcopy">Custom mappings are available on every plan.</Text>
        </Flex>
      )}
    </Flex>
  );
}
