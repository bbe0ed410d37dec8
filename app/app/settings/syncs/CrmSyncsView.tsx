import { useState } from 'react';
import { Button, EmptyState, Flex, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import type { ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { SETUP_OBJECTS } from '@quickbooks-sync/ui-shared/format.ts';
import type { ObjectTypeName, SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { ConnectionSection } from '../connection/ConnectionSection.tsx';
import { SyncEditor } from './SyncEditor.tsx';
import { SyncSummary } from './SyncSummary.tsx';

interface Props {
  api: ApiClient;
  connection: ConnectionStatus;
  syncs: SyncDefinitionView[];
  onChanged: () => void;
  /** Opens the guided setup (for objects not set up yet). */
  onSetUp: () => void;
}

/** R10/R11: the account's syncs after setup, each with its status and actions; Edit opens the setup's editor. */
export function CrmSyncsView({ api, connection, syncs, onChanged, onSetUp }: Props) {
  const [editing, setEditing] = useState<ObjectTypeName | null>(null);
  const live = syncs.filter((s) => s.status !== 'deleted');
  const edited = live.find((s) => s.objectType === editing);
  const notSetUp = SETUP_OBJECTS.filter((o) => !live.some((s) => s.objectType === o));
  return (
    <Flex direction="column" gap="md" testId="crm-syncs">
      <ConnectionSection api={api} connection={connection} onChanged={onChanged} />
      {live.length === 0 ? (
        <EmptyState title="No syncs set up" testId="no-syncs" layout="vertical">
          <Text>Choose which records sync between HubSpot and QuickBooks.</Text>
          <Button testId="open-setup" variant="primary" onClick={onSetUp}>Open the guided setup</Button>
        </EmptyState>
      ) : edited ? (
        <SyncEditor api={api} sync={edited} onCancel={() => setEditing(null)} onSaved={() => { setEditing(null); onChanged(); }} />
      ) : (
        <>
          {live.map((s) => (
            <SyncSummary key={s.objectType} api={api} sync={s} onEdit={() => setEditing(s.objectType)} onChanged={onChanged} />
          ))}
          {notSetUp.length > 0 ? <Button testId="open-setup" onClick={onSetUp}>Set up another sync</Button> : null}
        </>
      )}
    </Flex>
  );
}
