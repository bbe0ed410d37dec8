import { useState } from 'react';
import { Button, Flex, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { DIRECTION_LABELS, type ActivityEntry } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { formatTime } from '@quickbooks-sync/ui-shared/format.ts';
import { listActivity } from '@quickbooks-sync/ui-shared/records-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';

const OUTCOME = { success: 'success', failure: 'danger', skipped: 'default' } as const;

/** A record's sync activity (R28): what happened, when, which way, the outcome and its message; newest first. */
export function RecordActivity({ api, recordId }: { api: ApiClient; recordId: number }) {
  const first = useApi(() => listActivity(api, recordId), [api, recordId]);
  const [more, setMore] = useState<{ entries: ActivityEntry[]; nextCursor: string | null } | null>(null);
  if (first.state.status === 'loading') return <LoadingView label="Loading activity" testId={`loading-activity-${recordId}`} />;
  if (first.state.status === 'error') return <ErrorView title="The activity could not be loaded" error={first.state.error} onRetry={first.reload} testId={`error-activity-${recordId}`} />;
  const entries = [...first.state.data.entries, ...(more?.entries ?? [])];
  const nextCursor = more ? more.nextCursor : first.state.data.nextCursor;
  if (entries.length === 0) return <Text testId={`activity-empty-${recordId}`}>No sync activity yet.</Text>;
  const loadMore = () => {
    if (!nextCursor) return;
    listActivity(api, recordId, nextCursor).then(
      (page) => setMore({ entries: [...(more?.entries ?? []), ...page.entries], nextCursor: page.nextCursor }),
      () => setMore({ entries: more?.entries ?? [], nextCursor: null }),
    );
  };
  return (
    <Flex direction="column" gap="xs" testId={`activity-${recordId}`}>
      <Table density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>When</TableHeader>
            <TableHeader>What</TableHeader>
            <TableHeader>Direction</TableHeader>
            <TableHeader>Outcome</TableHeader>
            <TableHeader>Message</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id}>
              <TableCell>{formatTime(e.occurredAt)}</TableCell>
              <TableCell>{e.summary}</TableCell>
              <TableCell>{e.direction ? DIRECTION_LABELS[e.direction] : '—'}</TableCell>
              <TableCell><StatusTag variant={OUTCOME[e.outcome]}>{e.outcome}</StatusTag></TableCell>
              <TableCell>{[e.reasonLabel, e.message].filter(Boolean).join(': ') || '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {nextCursor ? <Button size="xs" onClick={loadMore}>Older activity</Button> : null}
    </Flex>
  );
}
