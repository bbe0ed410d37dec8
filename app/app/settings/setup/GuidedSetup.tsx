import { useState } from 'react';
import { Button, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import type { ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { SETUP_OBJECTS } from '@quickbooks-sync/ui-shared/format.ts';
import { saveSync, type ObjectTypeName, type SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { ConnectionSection } from '../connection/ConnectionSection.tsx';
import { FirstSyncProgress } from './FirstSyncProgress.tsx';
import { ObjectSection } from './ObjectSection.tsx';
import { SetupChecks } from './SetupChecks.tsx';
import { initialDraft, localProblems, problemsFrom, type SectionDraft } from './setup-draft.ts';

interface Props {
  api: ApiClient;
  connection: ConnectionStatus;
  syncs: SyncDefinitionView[];
  onConnectionChanged: () => void;
  /** Setup saved and the first sync watched (or skipped): show the CRM syncs. */
  onFinished: () => void;
}

/**
 * R4: the page right after install. Connect QuickBooks, then one section per object pre-filled with the
 * recommended settings (R9); "Save and start sync" checks every section, saves each included one (the
 * backend validates and starts its first sync) and then shows the first sync's progress.
 */
export function GuidedSetup({ api, connection, syncs, onConnectionChanged, onFinished }: Props) {
  const [drafts, setDrafts] = useState<SectionDraft[]>(() => SETUP_OBJECTS.map((o) => initialDraft(o, syncs.find((s) => s.objectType === o), new Date())));
  const [phase, setPhase] = useState<'editing' | 'saving' | { started: ObjectTypeName[] }>('editing');
  const connected = connection.quickbooks?.status === 'connected';
  const included = drafts.filter((d) => d.included && d.settings !== null);

  const save = async () => {
    // Every section is checked here before anything is saved. The API has no validate-only call, so a problem
    // only the server can see (e.g. an unknown property) leaves the sections before it saved and started;
    // they are marked saved and not sent again.
    const checked = drafts.map((d) => (d.included && d.settings ? { ...d, problems: localProblems(d.settings) } : { ...d, problems: [] }));
    setDrafts(checked);
    if (checked.some((d) => d.problems.length > 0)) return;
    setPhase('saving');
    const results: SectionDraft[] = [];
    for (const d of checked) {
      if (!d.included || !d.settings || d.saved) {
        results.push(d);
        continue;
      }
      try {
        await saveSync(api, d.objectType, d.settings);
        results.push({ ...d, saved: true });
      } catch (e: unknown) {
        results.push({ ...d, problems: problemsFrom(e, d.settings) });
      }
    }
    setDrafts(results);
    setPhase(results.some((d) => d.problems.length > 0) ? 'editing' : { started: results.filter((d) => d.saved).map((d) => d.objectType) });
  };

  if (typeof phase === 'object') return <FirstSyncProgress api={api} objectTypes={phase.started} onDone={onFinished} />;

  return (
    <Flex direction="column" gap="md" testId="guided-setup">
      <Flex direction="row" justify="between" align="center">
        <Heading>Set up your QuickBooks sync</Heading>
        <Button testId="save-and-start" variant="primary" disabled={!connected || included.length === 0 || phase === 'saving'} onClick={() => void save()}>
          {phase === 'saving' ? 'Saving…' : 'Save and start sync'}
        </Button>
      </Flex>
      <ConnectionSection api={api} connection={connection} onChanged={onConnectionChanged} />
      <Divider />
      {connected ? (
        <>
          <SetupChecks api={api} />
          <Divider />
          <Text>We pre-filled the recommended settings. Review each sync, then save to start the first sync.</Text>
          {drafts.map((d) => (
            <ObjectSection key={d.objectType} api={api} draft={d} defaultOpen={d === drafts.find((x) => x.settings !== null)} onChange={(next) => setDrafts(drafts.map((x) => (x.objectType === next.objectType ? next : x)))} />
          ))}
          <Flex direction="row" justify="end">
            <Button testId="advanced-settings" variant="transparent" onClick={onFinished}>Go to advanced settings</Button>
          </Flex>
        </>
      ) : (
        <Text>Connect QuickBooks to choose what to sync.</Text>
      )}
    </Flex>
  );
}
