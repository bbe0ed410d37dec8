/**
 * The writes our app made, from the emulators' call logs: every HubSpot call that is not a read
 * (GET, search, batch read) and every QBO call that is not a read (GET, query, CDC). A failing write
 * counts: the acceptance is "no write attempted", not "no write succeeded".
 */
import type { AppHarness } from './app-harness.ts';

interface Call {
  method: string;
  path: string;
  status: number;
  at: string;
}

const hubspotRead = (c: Call) => c.method === 'GET' || /\/search$/.test(c.path) || /\/batch\/read$/.test(c.path);
const qboRead = (c: Call) => c.method === 'GET' || /\/query$/.test(c.path) || /\/cdc$/.test(c.path);

export async function vendorWrites(h: AppHarness, portalId: number, realmId: string, since: string): Promise<Call[]> {
  const hs = (await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/calls?since=${encodeURIComponent(since)}`)).json()) as { results: Call[] };
  const qb = (await (await fetch(`${h.qbo.baseUrl}/_sandbox/companies/${realmId}/calls?since=${encodeURIComponent(since)}`)).json()) as { calls: Call[] };
  return [...hs.results.filter((c) => !hubspotRead(c)).map((c) => ({ ...c, path: `hubspot ${c.path}` })), ...qb.calls.filter((c) => !qboRead(c)).map((c) => ({ ...c, path: `qbo ${c.path}` }))];
}
