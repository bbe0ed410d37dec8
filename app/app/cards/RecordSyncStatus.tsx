import { useState } from 'react';
import { Button, DescriptionList, DescriptionListItem, Flex, Heading, Link, StatusTag, Text } from '@hubspot/ui-extensions';
import { DIRECTION_LABELS, STATE_LABELS, type ObjectTypeName } from '@quickbooks-sync/contract';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { formatTime } from '@quickbooks-sync/ui-shared/format.ts';
import { lookupRecord, retryRecord } from '@quickbooks-sync/ui-shared/records-api.ts';
import { syncNow } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';

const STATE_VARIANT = { synced: 'success', failed: 'danger', excluded: 'warning', pending: 'info' } as const;

/**
 * R31: one HubSpot record's sync state as our backend recorded it: synced / failed / excluded, when it
 * last synced, which way, its QuickBooks link, and for a failure what went wrong and how to fix it.
 * "Sync now" runs the object's catch-up; a failed record can be retried on its own.
 */
export function RecordSyncStatus({ api, objectType, hubspotId, title }: { api: ApiClient; objectType: ObjectTypeName; hubspotId: string; title: string }) {
  const lookup = useApi(() => lookupRecord(api, objectType, hubspotId), [api, objectType, hubspotId]);
  const [note, setNote] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>, done: string) => {
    setNote('Working…');
    action().then(
      () => {
        setNote(done);
        lookup.reload();
      },
      (e: unknown) => setNote(errorMessage(e)),
    );
  };
  const scope = `${objectType}-${hubspotId}`;
  if (lookup.state.status === 'loading') return <LoadingView label="Loading the sync status" testId={`loading-${scope}`} />;
  if (lookup.state.status === 'error') return <ErrorView title="The sync status could not be loaded" error={lookup.state.error} onRetry={lookup.reload} testId={`error-${scope}`} />;
  const record = lookup.state.data.record;
  return (
    <Flex direction="column" gap="xs" testId={`status-${scope}`}>
      <Flex direction="row" gap="sm" align="center">
        <Heading>{title}</Heading>
        {record ? <StatusTag variant={STATE_VARIANT[record.state]} testId={`state-${scope}`}>{STATE_LABELS[record.state]}</StatusTag> : null}
      </Flex>
      {record === null ? (
        <Text testId={`unseen-${scope}`}>Not synced yet: the sync has not seen this record. It is picked up at the next sync if its filters include it.</Text>
      ) : (
        <>
          <DescriptionList direction="row">
            <DescriptionListItem label="Last synced"><Text>{formatTime(record.lastSyncedAt)}</Text></DescriptionListItem>
            <DescriptionListItem label="Direction"><Text>{record.lastDirection ? DIRECTION_LABELS[record.lastDirection] : '—'}</Text></DescriptionListItem>
            <DescriptionListItem label="QuickBooks">
              {record.qboUrl ? <Link testId={`qbo-link-${scope}`} href={{ url: record.qboUrl, external: true }}>{`Open in QuickBooks (${record.qboId ?? ''})`}</Link> : <Text>Not in QuickBooks</Text>}
            </DescriptionListItem>
          </DescriptionList>
          {record.message ? (
            <Text testId={`message-${scope}`}>{record.reasonLabel ? `${record.reasonLabel}: ${record.message}` : record.message}</Text>
          ) : null}
        </>
      )}
      <Flex direction="row" gap="sm" align="center">
        <Button testId={`sync-now-${scope}`} size="xs" onClick={() => act(() => syncNow(api, objectType), 'A sync pass has been queued.')}>Sync now</Button>
        {record?.state === 'failed' && record.retryable ? (
          <Button testId={`retry-${scope}`} size="xs" variant="primary" onClick={() => act(() => retryRecord(api, record.id), 'Retry queued.')}>Retry</Button>
        ) : null}
        {note ? <Text testId={`note-${scope}`}>{note}</Text> : null}
      </Flex>
    </Flex>
  );
}
