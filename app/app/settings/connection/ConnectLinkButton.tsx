import { useState } from 'react';
import { Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { ApiError, errorMessage } from '@quickbooks-sync/ui-shared/api-error.ts';
import { createConnectLink } from '@quickbooks-sync/ui-shared/connection-api.ts';

type LinkState = { step: 'idle' } | { step: 'open'; url: string } | { step: 'confirm_replace'; message: string } | { step: 'error'; message: string };

/**
 * Asks the backend for a single-use QuickBooks connect link, then offers it (Intuit's consent opens in a
 * new tab). When another company is connected the backend answers 409 and we ask before replacing it.
 */
export function ConnectLinkButton({ api, label, onDone }: { api: ApiClient; label: string; onDone: () => void }) {
  const [state, setState] = useState<LinkState>({ step: 'idle' });
  const request = (replace: boolean) => {
    createConnectLink(api, replace).then(
      ({ url }) => setState({ step: 'open', url }),
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
          <Link testId="connect-link" href={{ url: state.url, external: true }}>Open QuickBooks to connect</Link>
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
