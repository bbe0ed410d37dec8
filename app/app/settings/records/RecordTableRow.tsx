import { useState } from 'react';
import { Button, Flex, Link, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import type { RecordColumnKey, RecordRow } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { retryRecord } from '@quickbooks-sync/ui-shared/records-api.ts';
import { RecordActivity } from './RecordActivity.tsx';
import { cellText } from './record-cells.ts';

/** One record: the chosen columns, links to both systems, Retry when failed, and its activity when expanded. */
export function RecordTableRow({ api, record, columns, onRetried }: { api: ApiClient; record: RecordRow; columns: RecordColumnKey[]; onRetried: () => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const retry = () => {
    setNote('Retrying…');
    retryRecord(api, record.id).then(
      () => {
        setNote('Retry queued.');
        onRetried();
      },
      (e: unknown) => setNote(errorMessage(e)),
    );
  };
  return (
    <>
      <TableRow>
        {columns.map((c) => (
          <TableCell key={c}>{cellText(record, c)}</TableCell>
        ))}
        <TableCell>
          <Flex direction="row" gap="xs" align="center">
            <Button testId={`expand-${record.id}`} size="xs" variant="transparent" onClick={() => setOpen(!open)}>{open ? 'Hide activity' : 'Activity'}</Button>
            {record.state === 'failed' && record.retryable ? <Button testId={`retry-${record.id}`} size="xs" onClick={retry}>Retry</Button> : null}
            {record.hubspotUrl ? <Link href={{ url: record.hubspotUrl, external: true }}>HubSpot</Link> : null}
            {record.qboUrl ? <Link href={{ url: record.qboUrl, external: true }}>QuickBooks</Link> : null}
            {note ? <Text testId={`note-${record.id}`}>{note}</Text> : null}
          </Flex>
        </TableCell>
      </TableRow>
      {open ? (
        <TableRow>
          <TableCell colSpan={columns.length + 1}>
            <RecordActivity api={api} recordId={record.id} />
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}
