import { DescriptionList, DescriptionListItem, Flex, Heading, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { DIRECTION_LABELS, OBJECT_LABELS, formatTime } from '@quickbooks-sync/ui-shared/format.ts';
import type { SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { SyncActions } from './SyncActions.tsx';

const STATUS = { enabled: ['success', 'Enabled'], disabled: ['warning', 'Disabled'], deleted: ['default', 'Deleted'] } as const;

/** One sync on the CRM syncs view: status, last and next sync, counts, and its actions. */
export function SyncSummary({ api, sync, onEdit, onChanged }: { api: ApiClient; sync: SyncDefinitionView; onEdit: () => void; onChanged: () => void }) {
  const [variant, label] = STATUS[sync.status];
  const running = sync.lastSyncStartedAt !== null && (sync.lastSyncFinishedAt === null || sync.lastSyncFinishedAt < sync.lastSyncStartedAt);
  return (
    <Tile testId={`sync-${sync.objectType}`}>
      <Flex direction="column" gap="sm">
        <Flex direction="row" gap="sm" align="center">
          <Heading>{OBJECT_LABELS[sync.objectType]}</Heading>
          <StatusTag variant={variant} testId={`status-${sync.objectType}`}>{label}</StatusTag>
          {running ? <StatusTag variant="info">Syncing</StatusTag> : null}
        </Flex>
        <DescriptionList direction="row">
          <DescriptionListItem label="Direction"><Text>{DIRECTION_LABELS[sync.direction]}</Text></DescriptionListItem>
          <DescriptionListItem label="Last sync"><Text>{formatTime(sync.lastSyncFinishedAt)}</Text></DescriptionListItem>
          <DescriptionListItem label="Next sync"><Text>{sync.status === 'enabled' ? formatTime(sync.nextSyncAt) : '—'}</Text></DescriptionListItem>
          <DescriptionListItem label="Synced"><Text testId={`synced-${sync.objectType}`}>{String(sync.counts.synced)}</Text></DescriptionListItem>
          <DescriptionListItem label="Failed"><Text testId={`failed-${sync.objectType}`}>{String(sync.counts.failed)}</Text></DescriptionListItem>
          <DescriptionListItem label="Excluded"><Text testId={`excluded-${sync.objectType}`}>{String(sync.counts.excluded)}</Text></DescriptionListItem>
        </DescriptionList>
        {sync.firstSyncCompletedAt === null && sync.status === 'enabled' ? <Text>The first sync has not finished yet.</Text> : null}
        <SyncActions api={api} sync={sync} onEdit={onEdit} onChanged={onChanged} />
      </Flex>
    </Tile>
  );
}
