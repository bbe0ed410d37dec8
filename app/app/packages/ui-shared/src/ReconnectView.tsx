import { useState } from 'react';
import { Alert, Button, Link, Text } from '@hubspot/ui-extensions';
import type { ApiClient } from './api-client.ts';
import { createConnectLink } from './connection-api.ts';
import { errorMessage } from './api-error.ts';

/**
 * QuickBooks refused our refresh token (or the grant was revoked): nothing syncs until the company is
 * reconnected. The backend hands out a fresh, single-use connect link; the user opens it in a new tab.
 */
export function ReconnectView({ api, reason }: { api: ApiClient; reason: string | null }) {
  const [link, setLink] = useState<{ url: string } | { error: string } | null>(null);
  const getLink = () => {
    createConnectLink(api).then(setLink, (e: unknown) => setLink({ error: errorMessage(e) }));
  };
  return (
    <Alert title="Reconnect QuickBooks" variant="danger" testId="needs-reconnect">
      <Text>{reason ?? 'QuickBooks no longer accepts our access, so nothing syncs until you reconnect the company.'}</Text>
      {link === null ? <Button onClick={getLink}>Reconnect QuickBooks</Button> : null}
      {link && 'url' in link ? <Link href={{ url: link.url, external: true }}>Open QuickBooks to reconnect</Link> : null}
      {link && 'error' in link ? <Text>{link.error}</Text> : null}
    </Alert>
  );
}
