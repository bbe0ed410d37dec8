import { useState } from 'react';
import { Button, Flex, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { disconnectQuickBooks } from '@quickbooks-sync/ui-shared/connection-api.ts';

/** Disconnect asks first: syncing stops at once (links and history are kept for a reconnect). */
export function DisconnectButton({ api, onDone }: { api: ApiClient; onDone: () => void }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'working' | { error: string }>('idle');
  const disconnect = () => {
    setStep('working');
    disconnectQuickBooks(api).then(onDone, (e: unknown) => setStep({ error: errorMessage(e) }));
  };
  if (step === 'idle') return <Button testId="disconnect" variant="destructive" onClick={() => setStep('confirm')}>Disconnect</Button>;
  if (typeof step === 'object') return <Text testId="disconnect-error">{step.error}</Text>;
  return (
    <Flex direction="column" gap="xs">
      <Text>Syncing stops at once. Links between records are kept, so reconnecting the same company resumes without duplicates.</Text>
      <Flex direction="row" gap="sm">
        <Button testId="confirm-disconnect" variant="destructive" disabled={step === 'working'} onClick={disconnect}>Disconnect QuickBooks</Button>
        <Button onClick={() => setStep('idle')}>Cancel</Button>
      </Flex>
    </Flex>
  );
}
