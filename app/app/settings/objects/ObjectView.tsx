import { useState } from 'react';
import { Button, EmptyState, Flex, MultiSelect, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { ObjectTypeName, RecordFilters, RecordStateName } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { OBJECT_LABELS } from '@quickbooks-sync/ui-shared/format.ts';
import { getObjectView } from '@quickbooks-sync/ui-shared/records-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import { ReasonList } from './ReasonList.tsx';

const COUNT_COLUMNS: readonly { key: RecordStateName; label: string }[] = [
  { key: 'synced', label: 'Synced' },
  { key: 'failed', label: 'Failed' },
  { key: 'excluded', label: 'Excluded' },
  { key: 'pending', label: 'Pending' },
];
const objectOptions = [{ value: 'all', label: 'All objects' }, ...Object.entries(OBJECT_LABELS).map(([value, label]) => ({ value, label }))];

/** R27: per object, how many records are synced, failed and excluded (and why); a count opens those records. */
export function ObjectView({ api, onOpenRecords }: { api: ApiClient; onOpenRecords: (filters: RecordFilters) => void }) {
  const [objectType, setObjectType] = useState<ObjectTypeName | undefined>(undefined);
  const [columns, setColumns] = useState<RecordStateName[]>(['synced', 'failed', 'excluded']);
  const view = useApi(() => getObjectView(api, objectType), [api, objectType]);
  const shown = COUNT_COLUMNS.filter((c) => columns.includes(c.key));
  return (
    <Flex direction="column" gap="md" testId="object-view">
      <Flex direction="row" gap="md">
        <Select label="Object" name="objectType" testId="object-filter" value={objectType ?? 'all'} options={objectOptions} onChange={(v) => setObjectType(v === 'all' ? undefined : (v as ObjectTypeName))} />
        <MultiSelect label="Columns" name="columns" testId="object-columns" value={columns} options={COUNT_COLUMNS.map((c) => ({ value: c.key, label: c.label }))} onChange={(v) => setColumns(v as RecordStateName[])} />
      </Flex>
      {view.state.status === 'loading' ? <LoadingView label="Counting records" /> : null}
      {view.state.status === 'error' ? <ErrorView title="The object view could not be loaded" error={view.state.error} onRetry={view.reload} /> : null}
      {view.state.status === 'ready' && view.state.data.objects.every((o) => o.total === 0) ? (
        <EmptyState title="No records synced yet" testId="objects-empty" layout="vertical">
          <Text>Counts appear here once a sync has run.</Text>
        </EmptyState>
      ) : null}
      {view.state.status === 'ready' && view.state.data.objects.some((o) => o.total > 0) ? (
        <>
          <Table bordered={true} testId="object-counts">
            <TableHead>
              <TableRow>
                <TableHeader>Object</TableHeader>
                {shown.map((c) => <TableHeader key={c.key}>{c.label}</TableHeader>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {view.state.data.objects.map((o) => (
                <TableRow key={o.objectType}>
                  <TableCell>{OBJECT_LABELS[o.objectType]}</TableCell>
                  {shown.map((c) => (
                    <TableCell key={c.key}>
                      <Button testId={`count-${o.objectType}-${c.key}`} variant="transparent" size="xs" onClick={() => onOpenRecords({ objectType: o.objectType, state: c.key })}>
                        {String(o.counts[c.key])}
                      </Button>
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ReasonList objects={view.state.data.objects} onOpenRecords={onOpenRecords} />
        </>
      ) : null}
    </Flex>
  );
}
