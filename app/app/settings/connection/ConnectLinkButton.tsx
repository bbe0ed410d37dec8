import { useState } from 'react';
import { Button, Flex, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ApiError, errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { createConnectLink, getConnection } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { usePolling } from '@quickbooks-sync/ui-shared/use-polling.ts';

type LinkState =
  | { step: 'idle' }
  | { step: 'open'; url: string; connectedBefore: string | null }
  | { step: 'confirm_replace'; message: string }
  | { step: 'error'; message: string };

const WATCH_MS = 3_000;

/**
 * Asks the backend for a single-use QuickBooks connect link, then offers it (Intuit's consent opens in a
 * new window). While it is open the page watches the connection and moves on by itself once the company is
 * connected (the refresh button is there for a person who closed the window first). When another company
 * is connected the backend answers 409 and we ask before replacing it.
 */
export function ConnectLinkButton({ api, label, onDone }: { api: ApiClient; label: string; onDone: () => void }) {
  const [state, setState] = useState<LinkState>({ step: 'idle' });
  usePolling(
    () =>
      getConnection(api).then((c) => {
        if (state.step === 'open' && c.quickbooks?.status === 'connected' && c.quickbooks.connectedAt !== state.connectedBefore) onDone();
      }),
    WATCH_MS,
    state.step === 'open',
  );
  const request = (replace: boolean) => {
    Promise.all([getConnection(api), createConnectLink(api, replace)]).then(
      ([before, { url }]) => setState({ step: 'open', url, connectedBefore: before.quickbooks?.status === 'connected' ? before.quickbooks.connectedAt : null }),
      (e: unknown) =>
        setState(e instanceof ApiError && e.reason === 'qbo_already_connected' ? { step: 'confirm_replace', message: e.message } : { step: 'error', message: errorMessage(e) }),
    );
  };
  switch (state.step) {
    case 'idle':
      return <Button testId="connect-quickbooks" onClick={() => request(false)}>{label}</Button>;
    case 'open':
      return (
        <Flex direction="row" gap="sm" align="center">
          <Button testId="connect-link" variant="primary" href={{ url: state.url, external: true }}>Open QuickBooks to connect</Button>
          <Button onClick={onDone}>I have connected — refresh</Button>
        </Flex>
      );
    case 'confirm_replace':
      return (
        <Flex direction="column" gap="xs">
          <Text>{state.message}</Text>
          <Flex direction="row" gap="sm">
            <Button variant="destructive" testId="confirm-replace" onClick={() => request(true)}>Replace the connected company</Button>
            <Button onClick={() => setState({ step: 'idle' })}>Cancel</Button>
          </Flex>
        </Flex>
      );
    case 'error':
      return (
        <Flex direction="column" gap="xs">
          <Text>{state.message}</Text>
          <Button onClick={() => setState({ step: 'idle' })}>Try again</Button>
        </Flex>
      );
  }
}
