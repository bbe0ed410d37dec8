/** An account with both systems connected and one sync set up, and the passes a test drives itself. */
import { expect } from 'vitest';
import type { AppHarness } from './app-harness.ts';
import { hubspotUser, qboUser } from './vendor-data.ts';
import { loadSession } from '../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../backend/src/sync/engine/catch-up.ts';
import type { ObjectAdapter } from '../../backend/src/sync/engine/adapter.ts';
import type { FieldMapping, FilterGroup } from '../../backend/src/sync/types.ts';

export interface SyncAccount {
  portalId: number;
  realmId: string;
  hs: ReturnType<typeof hubspotUser>;
  qb: Awaited<ReturnType<typeof qboUser>>;
}

export interface SyncSettings {
  direction?: 'two_way' | 'hubspot_to_qbo' | 'qbo_to_hubspot';
  conflictWinner?: 'hubspot' | 'quickbooks';
  fieldMappings: FieldMapping[];
  toQbo?: FilterGroup[];
  toHubSpot?: FilterGroup[];
  options?: Record<string, unknown>;
}

export async function syncAccount(h: AppHarness, portalId: number, realmId: string): Promise<SyncAccount> {
  expect((await h.install(portalId)).status).toBe(302);
  expect((await h.connect(portalId, realmId)).status).toBe(200);
  return { portalId, realmId, hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId) };
}

export async function setUpSync(h: AppHarness, a: SyncAccount, objectType: string, settings: SyncSettings): Promise<void> {
  const res = await h.signedFetch(`/api/v1/syncs/${objectType}`, a.portalId, {
    method: 'PUT',
    body: {
      direction: settings.direction ?? 'two_way',
      conflictWinner: settings.conflictWinner ?? 'hubspot',
      fieldMappings: settings.fieldMappings,
      filters: { toQbo: settings.toQbo ?? [], toHubSpot: settings.toHubSpot ?? [] },
      options: settings.options ?? {},
    },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/**
 * A person's edits, then "Sync now" a while later: by then HubSpot's search index has caught up with
 * them. Emulators with a search indexing lag offer a control route for that; one without a lag has no
 * such route (it answers like any unknown API path: 401 or 404).
 */
async function searchIndexCaughtUp(h: AppHarness, portalId: number): Promise<void> {
  const res = await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${portalId}/search-index/catch-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok && res.status !== 404 && res.status !== 401) throw new Error(`search-index catch-up answered ${res.status}`);
}

/** One sync pass (the first sync, then catch-ups), as "Sync now" runs it. */
export async function syncPass(h: AppHarness, a: SyncAccount, adapter: ObjectAdapter) {
  await searchIndexCaughtUp(h, a.portalId);
  const loaded = await loadSession(h.ctx, a.portalId, adapter.objectType);
  if (!loaded.ok) throw new Error(loaded.reason);
  return runSyncPass(loaded.session, adapter, 'sync_now');
}
