/**
 * The demo's emulator state survives a save and a load whole: every store, every entity type (found
 * by walking the stores, not listed), shared references still shared, and a restored emulator serves
 * and wires its webhooks as the original did. A store class missing from the registry fails here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../backend/sandbox/hubspot/index.ts';
import { HubSpotSandboxState } from '../../../backend/sandbox/hubspot/state/sandbox-state.ts';
import { QboState, startQboSandbox, type QboSandbox } from '../../../backend/sandbox/qbo/index.ts';
import { DEMO_PORTAL_ID, DEMO_REALM_ID, seedDemoData } from '../../../backend/sandbox/demo/demo-data.ts';
import { HUBSPOT_SNAPSHOT, QBO_SNAPSHOT, loadSandbox, saveSandbox } from '../../../backend/sandbox/persistence/sandbox-store.ts';
import { toSnapshot } from '../../../backend/sandbox/common/snapshot.ts';

let dir: string;
let hubspot: HubSpotSandbox;
let quickbooks: QboSandbox;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hqs-sandbox-store-'));
  hubspot = await startHubSpotSandbox();
  quickbooks = await startQboSandbox();
  await seedDemoData({ hubspot: hubspot.baseUrl, quickbooks: quickbooks.baseUrl }, quickbooks.state.clock);
  quickbooks.state.clock.advance(12_345);
}, 60_000);
afterAll(async () => {
  await Promise.all([hubspot.close(), quickbooks.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('sandbox persistence', () => {
  it('saves and restores both emulators whole, with shared references kept', async () => {
    await saveSandbox(dir, { hubspot: hubspot.state, quickbooks: quickbooks.state, demo: { note: 'demo record' } });
    const loaded = await loadSandbox<{ note: string }>(dir, { hubspot: new HubSpotSandboxState(1800), quickbooks: new QboState() });
    expect(loaded?.demo).toEqual({ note: 'demo record' });
    expect(toSnapshot(loaded!.hubspot, HUBSPOT_SNAPSHOT)).toEqual(toSnapshot(hubspot.state, HUBSPOT_SNAPSHOT));
    expect(toSnapshot(loaded!.quickbooks, QBO_SNAPSHOT)).toEqual(toSnapshot(quickbooks.state, QBO_SNAPSHOT));

    const company = loaded!.quickbooks.company(DEMO_REALM_ID)!;
    expect(company.clock).toBe(loaded!.quickbooks.clock);
    expect(loaded!.quickbooks.clock.offset()).toBe(quickbooks.state.clock.offset());
    expect(company.collection('Customer').size).toBe(quickbooks.state.company(DEMO_REALM_ID)!.collection('Customer').size);
    const contacts = loaded!.hubspot.account(DEMO_PORTAL_ID)!.collection('contacts');
    const first = contacts.order[0]!;
    expect(contacts.records.get(first.id)).toBe(first);
  });

  it('a restored emulator answers the API and sends webhooks like the original', async () => {
    const loaded = await loadSandbox(dir, { hubspot: new HubSpotSandboxState(1800), quickbooks: new QboState() });
    const restored = await startQboSandbox({ state: loaded!.quickbooks });
    try {
      const app = await (await fetch(`${restored.baseUrl}/_sandbox/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { clientId: string };
      const token = await (await fetch(`${restored.baseUrl}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: app.clientId, realmId: DEMO_REALM_ID }) })).json() as { access_token: string };
      const query = await fetch(`${restored.baseUrl}/v3/company/${DEMO_REALM_ID}/query?query=${encodeURIComponent('select count(*) from Customer')}&minorversion=75`, { headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json' } });
      expect(query.status).toBe(200);
      expect(((await query.json()) as { QueryResponse: { totalCount: number } }).QueryResponse.totalCount).toBe(quickbooks.state.company(DEMO_REALM_ID)!.collection('Customer').size);
      // The change hook every company needs for webhooks is wired again after the restore.
      expect(typeof restored.state.company(DEMO_REALM_ID)!.onChange).toBe('function');
    } finally {
      await restored.close();
    }
  });

  it('refuses to save a class it could not restore, naming it', async () => {
    class Unregistered {
      value = 1;
    }
    const state = new HubSpotSandboxState(1800);
    (state as unknown as Record<string, unknown>).extra = new Unregistered();
    await expect(saveSandbox(dir, { hubspot: state, quickbooks: new QboState(), demo: {} })).rejects.toThrow(/Unregistered, a class not registered for persistence/);
  });
});
