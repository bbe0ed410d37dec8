import { useMemo } from 'react';
import { Divider, EmptyState, Flex, Text, useExtensionContext } from '@hubspot/ui-extensions';
import { useAssociations } from '@hubspot/ui-extensions/crm';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { ReconnectView } from '@quickbooks-sync/ui-shared/ReconnectView.tsx';
import { getConnection, needsReconnect } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';
import { listSyncs } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { RecordSyncStatus } from './RecordSyncStatus.tsx';

/** HubSpot's object type id of invoices (the commerce invoice object). */
export const INVOICE_OBJECT_TYPE_ID = '0-53';
const CONTACT_OBJECT_TYPE_ID = '0-1';
const COMPANY_OBJECT_TYPE_ID = '0-2';
const MAX_INVOICES = 10;

/**
 * R31 where users see it: HubSpot does not confirm cards on invoice records, so this card sits on deals
 * and contacts and shows the sync status of the record's invoices (and, on a contact, of the contact).
 * On companies it shows the company's own status when the account syncs customers in companies mode
 * (issue 16); in contacts mode a company is not synced itself, so only its invoices are shown.
 */
export function InvoiceSyncStatus() {
  const { portal, crm } = useExtensionContext<'crm.record.tab'>();
  const api = useMemo(() => createApiClient(portal.id), [portal.id]);
  const connection = useApi(() => getConnection(api), [api]);
  const onCompany = crm.objectTypeId === COMPANY_OBJECT_TYPE_ID;
  const syncs = useApi(() => (onCompany ? listSyncs(api) : Promise.resolve(null)), [api, onCompany]);
  const companiesMode = syncs.state.status === 'ready' && syncs.state.data !== null && syncs.state.data.syncs.some((s) => s.objectType === 'companies');
  const invoices = useAssociations({ toObjectType: INVOICE_OBJECT_TYPE_ID, properties: ['hs_number'], pageLength: MAX_INVOICES });

  if (connection.state.status === 'loading') return <LoadingView label="Loading the sync status" />;
  if (connection.state.status === 'error') return <ErrorView title="The sync status could not be loaded" error={connection.state.error} onRetry={connection.reload} />;
  if (needsReconnect(connection.state.data)) return <ReconnectView api={api} reason={connection.state.data.quickbooks?.statusReason ?? null} />;
  if (connection.state.data.quickbooks?.status !== 'connected') {
    return (
      <EmptyState title="QuickBooks is not connected" testId="not-connected" layout="vertical">
        <Text>An admin connects QuickBooks in the app’s settings; then sync statuses appear here.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="md" testId="invoice-sync-status">
      {crm.objectTypeId === CONTACT_OBJECT_TYPE_ID ? <RecordSyncStatus api={api} objectType="contacts" hubspotId={String(crm.objectId)} title="This contact" /> : null}
      {crm.objectTypeId === CONTACT_OBJECT_TYPE_ID ? <Divider /> : null}
      {companiesMode ? <RecordSyncStatus api={api} objectType="companies" hubspotId={String(crm.objectId)} title="This company" /> : null}
      {companiesMode ? <Divider /> : null}
      {invoices.isLoading ? <LoadingView label="Loading invoices" testId="loading-invoices" /> : null}
      {invoices.error ? <ErrorView title="The invoices could not be loaded" error={invoices.error} onRetry={() => void invoices.refetch()} testId="error-invoices" /> : null}
      {!invoices.isLoading && !invoices.error && invoices.results.length === 0 ? <Text testId="no-invoices">No invoices on this record.</Text> : null}
      {invoices.results.map((invoice) => (
        <RecordSyncStatus
          key={invoice.toObjectId}
          api={api}
          objectType="invoices"
          hubspotId={String(invoice.toObjectId)}
          title={`Invoice ${invoice.properties.hs_number ?? invoice.toObjectId}`}
        />
      ))}
    </Flex>
  );
}
