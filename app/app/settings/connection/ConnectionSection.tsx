import { DescriptionList, DescriptionListItem, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import type { ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { formatTime } from '@quickbooks-sync/ui-shared/format.ts';
import { ConnectLinkButton } from './ConnectLinkButton.tsx';
import { DisconnectButton } from './DisconnectButton.tsx';

/**
 * Step 1 of the guided setup, and the connection box afterwards (R2): connect, show, reconnect, disconnect.
 */
export function ConnectionSection({ api, connection, onChanged }: { api: ApiClient; connection: ConnectionStatus; onChanged: () => void }) {
  const qbo = connection.quickbooks;
  return (
    <Flex direction="column" gap="sm" testId="connection-section">
      <Flex direction="row" gap="sm" align="center">
        <Heading>QuickBooks Online</Heading>
        {qbo?.status === 'connected' ? <StatusTag variant="success" testId="connection-status">Connected</StatusTag> : null}
        {/* The page shows how to reconnect above everything (ReconnectView); here, only the state and why. */}
        {qbo?.status === 'needs_reconnect' ? <StatusTag variant="danger" testId="connection-status">Needs reconnect</StatusTag> : null}
      </Flex>
      {qbo?.status === 'needs_reconnect' && qbo.statusReason ? <Text testId="connection-reason">{qbo.statusReason}</Text> : null}
      {qbo === null || qbo.status === 'disconnected' ? (
        <>
          <Text>Connect the QuickBooks Online company this HubSpot account bills from.</Text>
          <ConnectLinkButton api={api} label="Connect QuickBooks" onDone={onChanged} />
        </>
      ) : (
        <>
          <DescriptionList direction="row">
            <DescriptionListItem label="Company">
              <Text testId="company-name">{qbo.companyName ?? qbo.realmId}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Country">
              <Text>{qbo.country ?? '—'}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Currency">
              <Text>{qbo.homeCurrency ?? '—'}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Connected">
              <Text>{formatTime(qbo.connectedAt)}</Text>
            </DescriptionListItem>
          </DescriptionList>
          <Flex direction="row" gap="sm">
            <ConnectLinkButton api={api} label="Connect a different company" onDone={onChanged} />
            <DisconnectButton api={api} onDone={onChanged} />
          </Flex>
        </>
      )}
    </Flex>
  );
}
