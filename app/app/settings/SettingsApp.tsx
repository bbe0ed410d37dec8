import { useMemo, useState } from 'react';
import { Flex, Tab, Tabs, useExtensionContext } from '@hubspot/ui-extensions';
import type { RecordFilters } from '@quickbooks-sync/contract';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { ReconnectView } from '@quickbooks-sync/ui-shared/ReconnectView.tsx';
import { getConnection, needsReconnect } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { listSyncs } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import { AccountAlerts } from './AccountAlerts.tsx';
import { ObjectView } from './objects/ObjectView.tsx';
import { RecordView } from './records/RecordView.tsx';
import { GuidedSetup } from './setup/GuidedSetup.tsx';
import { CrmSyncsView } from './syncs/CrmSyncsView.tsx';

type TabId = 'syncs' | 'objects' | 'records';

/**
 * The app's settings page: the guided setup until a sync is set up (R4), then the CRM syncs, object
 * view and record view (R10, R11, R27, R28). A broken QuickBooks connection is shown above everything.
 */
export function SettingsApp() {
  const { portal } = useExtensionContext<'settings'>();
  const api = useMemo(() => createApiClient(portal.id), [portal.id]);
  const connection = useApi(() => getConnection(api), [api]);
  const syncs = useApi(() => listSyncs(api), [api]);
  const [mode, setMode] = useState<'auto' | 'setup' | 'views'>('auto');
  const [tab, setTab] = useState<TabId>('syncs');
  const [recordFilters, setRecordFilters] = useState<{ filters: RecordFilters; version: number }>({ filters: {}, version: 0 });
  const reload = () => {
    connection.reload();
    syncs.reload();
  };
  const setUp =
    connection.state.status === 'ready' && syncs.state.status === 'ready'
      ? connection.state.data.installation.setupCompletedAt !== null || syncs.state.data.syncs.length > 0
      : undefined;
  // Decided once, on the first answer: deleting the last sync later must not swap the page under the user.
  // Set while rendering (React's pattern for state derived from the previous render), not in an effect.
  if (mode === 'auto' && setUp !== undefined) setMode(setUp ? 'views' : 'setup');

  if (connection.state.status === 'error') return <ErrorView title="Your sync settings could not be loaded" error={connection.state.error} onRetry={reload} />;
  if (syncs.state.status === 'error') return <ErrorView title="Your sync settings could not be loaded" error={syncs.state.error} onRetry={reload} />;
  if (connection.state.status === 'loading' || syncs.state.status === 'loading') return <LoadingView label="Loading your sync settings" />;

  const status = connection.state.data;
  const list = syncs.state.data.syncs;
  const showSetup = mode === 'setup' || (mode === 'auto' && !setUp);
  const openRecords = (filters: RecordFilters) => {
    setRecordFilters({ filters, version: recordFilters.version + 1 });
    setTab('records');
  };

  return (
    <Flex direction="column" gap="md">
      {needsReconnect(status) ? <ReconnectView api={api} reason={status.quickbooks?.statusReason ?? null} /> : null}
      <AccountAlerts alerts={status.alerts.filter((a) => a.kind !== 'qbo_needs_reconnect')} />
      {showSetup ? (
        <GuidedSetup api={api} connection={status} syncs={list} onConnectionChanged={reload} onFinished={() => { setMode('views'); reload(); }} />
      ) : (
        <Tabs selected={tab} onSelectedChange={(id: string | number) => setTab(id as TabId)}>
          <Tab tabId="syncs" title="CRM syncs">
            <CrmSyncsView api={api} connection={status} syncs={list} onChanged={reload} onSetUp={() => setMode('setup')} />
          </Tab>
          <Tab tabId="objects" title="Object view">
            {tab === 'objects' ? <ObjectView api={api} onOpenRecords={openRecords} /> : null}
          </Tab>
          <Tab tabId="records" title="Record view">
            {tab === 'records' ? <RecordView key={recordFilters.version} api={api} initialFilters={recordFilters.filters} /> : null}
          </Tab>
        </Tabs>
      )}
    </Flex>
  );
}
