/**
 * Changing and reading the emulators' data the way people do it in HubSpot and QuickBooks (through
 * the emulators' control API and the QBO API), for sync tests.
 */
import type { AppHarness } from './app-harness.ts';

/** Like a person in the vendor's UI, retries when the vendor is busy or failing (tests inject such faults). */
async function json<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if ((res.status === 429 || res.status >= 500) && attempt < 20) {
      await new Promise((r) => setTimeout(r, 100 * attempt));
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
}

export const hubspotUser = (h: AppHarness, portalId: number) => ({
  /**
   * Time passes: HubSpot's search index catches up with every write so far (the emulator's 5 s lag
   * stays on for later writes). For pass-driven tests, between a person's edit and the next "Sync now".
   */
  searchIndexed: () => json<{ caughtUp: number }>('POST', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/search-index/catch-up`, {}),
  create: (type: string, properties: Record<string, string>) => json<HubSpotObject>('POST', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/objects/${type}`, { properties }),
  update: (type: string, id: string, properties: Record<string, string>) => json<HubSpotObject>('PATCH', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/objects/${type}/${id}`, { properties }),
  associate: (from: string, fromId: string, to: string, toId: string, typeIds: number[]) =>
    json<unknown>('PUT', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/associations/${from}/${fromId}/${to}/${toId}`, { typeIds }),
  all: async (type: string) => (await json<{ results: HubSpotObject[] }>('GET', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/objects/${type}?limit=10000`)).results,
  calls: async () => (await json<{ total: number }>('GET', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/calls`)).total,
  /** The emulator's injected faults for this account (5xx, 429 bursts, webhook duplicates/reordering/drops). */
  faults: (settings: Record<string, unknown>) => json<unknown>('PUT', `${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/faults`, settings),
});

export interface QboEntity {
  Id: string;
  SyncToken: string;
  [field: string]: unknown;
}

/**
 * The bookkeeper's own QuickBooks app: another OAuth client than ours, so its calls do not spend our
 * app's per-second and concurrency budgets (QBO counts those per realm and app), only the realm's 500/min.
 */
const bookkeeperApps = new WeakMap<AppHarness, Promise<string>>();
function bookkeeperApp(h: AppHarness): Promise<string> {
  let app = bookkeeperApps.get(h);
  if (!app) {
    app = json<{ clientId: string }>('POST', `${h.qbo.baseUrl}/_sandbox/apps`, { name: "Bookkeeper's app", redirectUris: ['http://localhost:5997/callback'] }).then((a) => a.clientId);
    bookkeeperApps.set(h, app);
  }
  return app;
}

export async function qboUser(h: AppHarness, realmId: string) {
  const { access_token } = await json<{ access_token: string }>('POST', `${h.qbo.baseUrl}/_sandbox/tokens`, { clientId: await bookkeeperApp(h), realmId });
  const api = (method: string, path: string, body?: unknown) =>
    json<Record<string, unknown>>(method, `${h.qbo.baseUrl}/v3/company/${realmId}${path}${path.includes('?') ? '&' : '?'}minorversion=75`, body, { authorization: `Bearer ${access_token}` });
  return {
    create: async (entity: string, body: Record<string, unknown>) => (await api('POST', `/${entity.toLowerCase()}`, body))[entity] as QboEntity,
    update: async (entity: string, body: Record<string, unknown>) => (await api('POST', `/${entity.toLowerCase()}?operation=update`, { ...body, sparse: true }))[entity] as QboEntity,
    read: async (entity: string, id: string) => (await api('GET', `/${entity.toLowerCase()}/${id}`))[entity] as QboEntity,
    all: async (entity: string) => (await json<{ records: QboEntity[] }>('GET', `${h.qbo.baseUrl}/_sandbox/companies/${realmId}/state?entity=${entity}&limit=100000`)).records,
    calls: async () => (await json<{ count: number }>('GET', `${h.qbo.baseUrl}/_sandbox/companies/${realmId}/calls`)).count,
    /** The emulator's injected faults for this company. */
    faults: (settings: Record<string, unknown>) => json<unknown>('PUT', `${h.qbo.baseUrl}/_sandbox/companies/${realmId}/faults`, settings),
    /** Any other QBO API call, as the bookkeeper's app makes it (void, delete, Preferences …). */
    api,
  };
}
