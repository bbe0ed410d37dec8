import { Alert, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ErrorView } from '@quickbooks-sync/ui-shared/ErrorView.tsx';
import { LoadingView } from '@quickbooks-sync/ui-shared/LoadingView.tsx';
import { getSetupChecks } from '@quickbooks-sync/ui-shared/setup-checks-api.ts';
import { useApi } from '@quickbooks-sync/ui-shared/use-api.ts';

const VARIANT = { warning: 'warning', recommendation: 'tip', info: 'info' } as const;

/** R26: warnings and recommendations before the first sync (custom transaction numbers, closed books, …). */
export function SetupChecks({ api }: { api: ApiClient }) {
  const checks = useApi(() => getSetupChecks(api), [api]);
  if (checks.state.status === 'loading') return <LoadingView label="Checking your QuickBooks settings" testId="loading-checks" />;
  if (checks.state.status === 'error') return <ErrorView title="The setup checks could not run" error={checks.state.error} onRetry={checks.reload} testId="error-checks" />;
  const list = checks.state.data.checks;
  return (
    <Flex direction="column" gap="sm" testId="setup-checks">
      <Heading>Before you sync</Heading>
      {list.length === 0 ? <Text testId="setup-checks-clear">Your QuickBooks settings are ready for syncing.</Text> : null}
      {list.map((c) => (
        <Alert key={c.id} title={c.title} variant={VARIANT[c.level]} testId={`check-${c.id}`}>
          {c.message}
        </Alert>
      ))}
    </Flex>
  );
}
