import { useState } from 'react';
import { Button, Flex } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { saveSync, type SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { ObjectSection } from '../setup/ObjectSection.tsx';
import { initialDraft, localProblems, problemsFrom, type SectionDraft } from '../setup/setup-draft.ts';

/** R11: edit an existing sync with the same steps as the setup. */
export function SyncEditor({ api, sync, onSaved, onCancel }: { api: ApiClient; sync: SyncDefinitionView; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<SectionDraft>(() => initialDraft(sync.objectType, sync, new Date(sync.setupDate)));
  const [saving, setSaving] = useState(false);
  const save = () => {
    const settings = draft.settings;
    if (!settings) return;
    const problems = localProblems(settings);
    if (problems.length > 0) return setDraft({ ...draft, problems });
    setSaving(true);
    saveSync(api, sync.objectType, settings).then(onSaved, (e: unknown) => {
      setSaving(false);
      setDraft({ ...draft, problems: problemsFrom(e, settings) });
    });
  };
  return (
    <Flex direction="column" gap="sm" testId={`editor-${sync.objectType}`}>
      <ObjectSection api={api} draft={{ ...draft, included: true }} defaultOpen={true} onChange={(next) => setDraft({ ...next, included: true })} />
      <Flex direction="row" gap="sm" justify="end">
        <Button onClick={onCancel}>Cancel</Button>
        <Button testId="save-sync" variant="primary" disabled={saving} onClick={save}>{saving ? 'Saving…' : 'Save'}</Button>
      </Flex>
    </Flex>
  );
}
