import { useState } from 'react';
import { Alert, Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { dismissAlert, type ConnectionStatus } from '@quickbooks-sync/ui-shared/connection-api.ts';

const VARIANT = { info: 'info', warning: 'warning', error: 'danger' } as const;

/**
 * The account's open in-app alerts (needs reconnect, export ready …), with their link when they have one.
 * Each can be dismissed: it is hidden at once and for everyone in the account.
 */
export function AccountAlerts({ api, alerts, onDismissed }: { api: ApiClient; alerts: ConnectionStatus['alerts']; onDismissed: () => void }) {
  const [hidden, setHidden] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = alerts.filter((a) => !hidden.includes(a.id));
  if (shown.length === 0 && problem === null) return null;
  const dismiss = (id: number) => {
    setHidden([...hidden, id]);
    dismissAlert(api, id).then(onDismissed, (e: unknown) => {
      setHidden((h) => h.filter((x) => x !== id));
      setProblem(errorMessage(e));
    });
  };
  return (
    <Flex direction="column" gap="xs" testId="account-alerts">
      {problem ? <Text testId="dismiss-problem">{`The alert could not be dismissed: ${problem}`}</Text> : null}
      {shown.map((a) => (
        <Alert key={a.id} title={a.title} variant={VARIANT[a.severity]} testId={`alert-${a.id}`}>
          <Text>{a.message}</Text>
          <Flex direction="row" gap="sm" align="center">
            {a.link ? <Link href={{ url: a.link, external: true }}>Open</Link> : null}
            <Button size="xs" variant="transparent" testId={`dismiss-alert-${a.id}`} onClick={() => dismiss(a.id)}>Dismiss</Button>
          </Flex>
        </Alert>
      ))}
    </Flex>
  );
}
