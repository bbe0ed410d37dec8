import { Alert, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';

const VARIANT = { info: 'info', warning: 'warning', error: 'danger' } as const;

/** The account's open in-app alerts (needs reconnect, export ready …), with their link when they have one. */
export function AccountAlerts({ alerts }: { alerts: ConnectionStatus['alerts'] }) {
  if (alerts.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId="account-alerts">
      {alerts.map((a) => (
        <Alert key={a.id} title={a.title} variant={VARIANT[a.severity]}>
          <Text>{a.message}</Text>
          {a.link ? <Link href={{ url: a.link, external: true }}>Open</Link> : null}
        </Alert>
      ))}
    </Flex>
  );
}
