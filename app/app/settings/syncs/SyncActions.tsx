import { useState } from 'react';
import { Button, Flex, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { deleteSync, setSyncEnabled, syncNow, type SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';

/** R10/R11 on one sync: Sync now, Edit, Disable / Enable, Delete (after a confirmation). */
export function SyncActions({ api, sync, onEdit, onChanged }: { api: ApiClient; sync: SyncDefinitionView; onEdit: () => void; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const run = (action: () => Promise<unknown>, done: string | null) => {
    setBusy(true);
    action().then(
      () => {
        setBusy(false);
        setNote(done);
        onChanged();
      },
      (e: unknown) => {
        setBusy(false);
        setNote(errorMessage(e));
      },
    );
  };
  const t = sync.objectType;
  if (confirmDelete) {
    return (
      <Flex direction="column" gap="xs" testId={`confirm-delete-${t}`}>
        <Text>Delete this sync? Records stop syncing. Links between records are kept, so setting it up again never creates duplicates.</Text>
        <Flex direction="row" gap="sm">
          <Button testId={`confirm-delete-button-${t}`} variant="destructive" disabled={busy} onClick={() => run(() => deleteSync(api, t), null)}>Delete sync</Button>
          <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
        </Flex>
      </Flex>
    );
  }
  const enabled = sync.status === 'enabled';
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="sm">
        <Button testId={`sync-now-${t}`} variant="primary" disabled={busy || !enabled} onClick={() => run(() => syncNow(api, t), 'A sync pass has been queued.')}>Sync now</Button>
        <Button testId={`edit-${t}`} disabled={busy} onClick={onEdit}>Edit</Button>
        <Button testId={`toggle-${t}`} disabled={busy} onClick={() => run(() => setSyncEnabled(api, t, !enabled), enabled ? 'Sync disabled.' : 'Sync enabled.')}>{enabled ? 'Disable' : 'Enable'}</Button>
        <Button testId={`delete-${t}`} variant="destructive" disabled={busy} onClick={() => setConfirmDelete(true)}>Delete</Button>
      </Flex>
      {note ? <Text testId={`note-${t}`}>{note}</Text> : null}
    </Flex>
  );
}
