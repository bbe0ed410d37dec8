import { useState } from 'react';
import { Alert, Button, Flex, LoadingSpinner, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { OBJECT_LABELS } from '@quickbooks-sync/ui-shared/format.ts';
import { listSyncs, type ObjectTypeName, type SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { usePolling } from '@quickbooks-sync/ui-shared/use-polling.ts';

/** After "Save and start sync": the first sync of each object, polled until every one has finished (R10). */
export function FirstSyncProgress({ api, objectTypes, onDone }: { api: ApiClient; objectTypes: ObjectTypeName[]; onDone: () => void }) {
  const [syncs, setSyncs] = useState<SyncDefinitionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = syncs?.filter((s) => objectTypes.includes(s.objectType)) ?? [];
  const finished = syncs !== null && started.length === objectTypes.length && started.every((s) => s.firstSyncCompletedAt !== null);
  usePolling(
    () =>
      listSyncs(api).then(
        (r) => {
          setSyncs(r.syncs);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      ),
    2000,
    !finished,
  );
  return (
    <Flex direction="column" gap="sm" testId="first-sync-progress">
      {finished ? <Alert title="First sync finished" variant="success">Records now sync automatically every few minutes; use Sync now for an immediate pass.</Alert> : <LoadingSpinner label="The first sync is running" showLabel={true} />}
      {error ? <Text>{error}</Text> : null}
      <Table bordered={true}>
        <TableHead>
          <TableRow>
            <TableHeader>Sync</TableHeader>
            <TableHeader>First sync</TableHeader>
            <TableHeader>Synced</TableHeader>
            <TableHeader>Failed</TableHeader>
            <TableHeader>Excluded</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {started.map((s) => (
            <TableRow key={s.objectType}>
              <TableCell>{OBJECT_LABELS[s.objectType]}</TableCell>
              <TableCell>{s.firstSyncCompletedAt ? <StatusTag variant="success">Finished</StatusTag> : <StatusTag variant="info">Running</StatusTag>}</TableCell>
              <TableCell>{String(s.counts.synced)}</TableCell>
              <TableCell>{String(s.counts.failed)}</TableCell>
              <TableCell>{String(s.counts.excluded)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button testId="go-to-syncs" variant={finished ? 'primary' : 'secondary'} onClick={onDone}>Go to CRM syncs</Button>
    </Flex>
  );
}
