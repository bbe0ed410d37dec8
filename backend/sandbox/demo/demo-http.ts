/**
 * How the demo seeding talks to the emulators: JSON over HTTP, and the company's bookkeeper working in
 * QuickBooks through a QuickBooks app of their own. QuickBooks limits every app to 10 requests per second
 * per company (on by default in the emulator), so a 429 is waited out like any well-behaved client does.
 */
export const DEMO_REALM_ID = '9341453100001';

const THROTTLE_RETRIES = 20;
const THROTTLE_WAIT_MS = 1_100;

export async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 429 && attempt < THROTTLE_RETRIES) {
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, THROTTLE_WAIT_MS));
      continue;
    }
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as T;
  }
}

export type BookkeeperCall = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

/** The company's bookkeeper working in QuickBooks: a fresh API token of a QuickBooks app of their own. */
export async function bookkeeper(quickbooksUrl: string, realmId: string = DEMO_REALM_ID): Promise<BookkeeperCall> {
  const app = await call<{ clientId: string }>('POST', `${quickbooksUrl}/_sandbox/apps`, { name: 'Demo bookkeeper (QuickBooks Online)' });
  const token = await call<{ access_token: string }>('POST', `${quickbooksUrl}/_sandbox/tokens`, { clientId: app.clientId, realmId });
  return (method, path, body) => {
    const separator = path.includes('?') ? '&' : '?';
    return call(method, `${quickbooksUrl}/v3/company/${realmId}/${path}${separator}minorversion=75`, body, { authorization: `Bearer ${token.access_token}` });
  };
}
