import { useState } from 'react';
import { Button, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import type { ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { SETUP_OBJECTS } from '@quickbooks-sync/ui-shared/format.ts';
import { saveSync, validateSync, type ObjectTypeName, type SyncDefinitionView } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { ConnectionSection } from '../connection/ConnectionSection.tsx';
import { FirstSyncProgress } from './FirstSyncProgress.tsx';
import { ObjectSection } from './ObjectSection.tsx';
import { SetupChecks } from './SetupChecks.tsx';
import { initialDraft, localProblems, problemsFrom, type SectionDraft, type Settings } from './setup-draft.ts';

/**
 * The customers section is the contacts sync or the companies sync (issue 16: a mode chosen at setup,
 * contacts by default); an account that set up companies sees its companies sync there.
 */
function setupSlot(objectType: ObjectTypeName, syncs: SyncDefinitionView[]): [ObjectTypeName, SyncDefinitionView | undefined] {
  const companies = objectType === 'contacts' ? syncs.find((s) => s.objectType === 'companies' && s.status !== 'deleted') : undefined;
  if (companies) return ['companies', companies];
  return [objectType, syncs.find((s) => s.objectType === objectType)];
}

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
  const [drafts, setDrafts] = useState<SectionDraft[]>(() => SETUP_OBJECTS.map((o) => initialDraft(...setupSlot(o, syncs), new Date())));
  const [phase, setPhase] = useState<'editing' | 'saving' | { started: ObjectTypeName[] }>('editing');
  const connected = connection.quickbooks?.status === 'connected';
  const included = drafts.filter((d) => d.included && d.settings !== null);

  const save = async () => {
    // Every section is checked before anything is saved: first what needs no server, then each section by
    // the backend's validate-only call (every check a save makes). A problem anywhere stops the whole save,
    // so no section is left saved and started while a later one still has to be fixed.
    const checked = drafts.map((d) => (d.included && d.settings ? { ...d, problems: localProblems(d.settings) } : { ...d, problems: [] }));
    setDrafts(checked);
    if (checked.some((d) => d.problems.length > 0)) return;
    setPhase('saving');
    const pending = (d: SectionDraft): d is SectionDraft & { settings: Settings } => d.included && d.settings !== null && !d.saved;
    const validated = await Promise.all(
      checked.map((d) => (pending(d) ? validateSync(api, d.objectType, d.settings).then(() => d, (e: unknown) => ({ ...d, problems: problemsFrom(e, d.settings) })) : Promise.resolve(d))),
    );
    if (validated.some((d) => d.problems.length > 0)) {
      setDrafts(validated);
      setPhase('editing');
      return;
    }
    const results: SectionDraft[] = [];
    for (const d of validated) {
      if (!pending(d)) {
        results.push(d);
        continue;
      }
      try {
        await saveSync(api, d.objectType, d.settings);
        results.push({ ...d, saved: true });
      } catch (e: unknown) {
        // Only a failure after validation (the connection dropped, QuickBooks went away) lands here.
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
          {drafts.map((d, i) => (
            <ObjectSection
              key={i}
              api={api}
              draft={d}
              defaultOpen={d === drafts.find((x) => x.settings !== null)}
              modeChoice={!d.saved && !syncs.some((s) => s.objectType === d.objectType && s.status !== 'deleted')}
              onChange={(next) => setDrafts(drafts.map((x, j) => (j === i ? next : x)))}
            />
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
