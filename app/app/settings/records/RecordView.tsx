import { useState } from 'react';
import { EmptyState, Flex, Table, TableBody, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { RECORD_COLUMNS, type RecordColumnKey, type RecordFilters } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { getObjectView, listRecords } from '@quickbooks-sync/ui-shared/records-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { RecordFiltersBar } from './RecordFiltersBar.tsx';
import { RecordTableRow } from './RecordTableRow.tsx';

const PAGE_SIZE = 25;
const DEFAULT_COLUMNS = RECORD_COLUMNS.filter((c) => c.defaultVisible).map((c) => c.key);

/**
 * R28: records with their sync state, filtered and paged on the server. Pages go forward by the opaque
 * cursor the backend returns; the cursors seen so far let a person go back.
 */
export function RecordView({ api, initialFilters, pageSize = PAGE_SIZE }: { api: ApiClient; initialFilters: RecordFilters; pageSize?: number }) {
  const [filters, setFilters] = useState<RecordFilters>(initialFilters);
  const [columns, setColumns] = useState<RecordColumnKey[]>(DEFAULT_COLUMNS);
  // cursors[i] opens page i + 1 (page 1 has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(1);
  const records = useApi(() => listRecords(api, filters, { cursor: cursors[page - 1], limit: pageSize }), [api, filters, page, pageSize]);
  const reasons = useApi(() => getObjectView(api, filters.objectType), [api, filters.objectType]);

  const changeFilters = (update: (current: RecordFilters) => RecordFilters) => {
    setFilters(update);
    setCursors([undefined]);
    setPage(1);
  };
  const nextCursor = records.state.status === 'ready' ? records.state.data.nextCursor : null;
  const pageCount = nextCursor ? Math.max(cursors.length, page + 1) : page;
  const goTo = (target: number) => {
    if (target === page + 1 && nextCursor) setCursors([...cursors.slice(0, page), nextCursor]);
    else if (target > cursors.length) return;
    setPage(target);
  };

  return (
    <Flex direction="column" gap="md" testId="record-view">
      <RecordFiltersBar
        filters={filters}
        reasons={reasons.state.status === 'ready' ? reasons.state.data.objects.flatMap((o) => o.reasons) : []}
        columns={columns}
        onFilters={changeFilters}
        onColumns={(next) => setColumns(next.length > 0 ? next : DEFAULT_COLUMNS)}
      />
      <ExportPanel api={api} filters={filters} columns={columns} />
      {records.state.status === 'loading' ? <LoadingView label="Loading records" /> : null}
      {records.state.status === 'error' ? <ErrorView title="The records could not be loaded" error={records.state.error} onRetry={records.reload} testId="error-records" /> : null}
      {records.state.status === 'ready' && records.state.data.records.length === 0 ? (
        <EmptyState title="No records match" testId="records-empty" layout="vertical">
          <Text>Change the filters, or wait for the next sync.</Text>
        </EmptyState>
      ) : null}
      {records.state.status === 'ready' && records.state.data.records.length > 0 ? (
        <Table bordered={true} paginated={true} page={page} pageCount={pageCount} onPageChange={goTo} testId="records">
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableHeader key={c}>{RECORD_COLUMNS.find((x) => x.key === c)?.label ?? c}</TableHeader>
              ))}
              <TableHeader>Actions</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {records.state.data.records.map((r) => (
              <RecordTableRow key={r.id} api={api} record={r} columns={columns} onRetried={records.reload} />
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Flex>
  );
}
