/** R2 end to end against the QBO emulator: connect, one company per account, replace, disconnect, Intuit's landing URLs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQboConnection, getQboTokens } from '../../backend/src/db/qbo-connections.ts';
import { insertSyncRecord } from '../../backend/src/db/sync-records.ts';
import { driveQboConnect } from '../../backend/sandbox/demo/consent-driver.ts';
import { startAppHarness, eventually, type AppHarness } from '../helpers/app-harness.ts';

const A = 52_000_001;
const B = 52_000_002;
const C = 52_000_003;

const liveGrants = (h: AppHarness, realmId: string) => [...h.qbo.state.grants.values()].filter((g) => g.realmId === realmId && !g.revoked);

describe('QuickBooks connect', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
    for (const portal of [A, B, C]) expect((await h.install(portal)).status).toBe(302);
  });
  afterAll(async () => h.close());

  it('connects a company: realm linked, name, country and currency recorded from CompanyInfo/Preferences', async () => {
    const result = await h.connect(A, '7000001', { companyName: "O'Brien & Sons", country: 'US' });
    expect(result.status).toBe(200);
    expect(result.body).toContain('Connected to O&#39;Brien &amp; Sons');
    const connection = await getQboConnection(h.db.db, A);
    expect(connection).toMatchObject({ realmId: '7000001', status: 'connected', companyName: "O'Brien & Sons", country: 'US', homeCurrency: 'USD', environment: 'sandbox' });
    expect(connection!.preferences).toHaveProperty('SalesFormsPrefs');
    const status = await (await h.signedFetch('/api/v1/connection', A)).json();
    expect(status.quickbooks).toMatchObject({ realmId: '7000001', companyName: "O'Brien & Sons", status: 'connected' });
  });

  it('records a non-US company’s country and currency (invoice sync toward QBO depends on it)', async () => {
    expect((await h.connect(C, '7000003', { country: 'GB' })).status).toBe(200);
    expect(await getQboConnection(h.db.db, C)).toMatchObject({ country: 'GB', homeCurrency: 'GBP' });
  });

  it('asks before replacing the connected company, then replaces it (and drops links to the old one)', async () => {
    const again = await h.signedFetch('/api/v1/quickbooks/connect-link', A, { method: 'POST', body: {} });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: { code: 'conflict', message: expect.stringContaining('already connected') as string, details: { reason: 'qbo_already_connected', companyName: "O'Brien & Sons", realmId: '7000001' } },
    });
    await insertSyncRecord(h.db.db, { portal_id: A, object_type: 'contacts', hubspot_id: '1', qbo_id: '58', state: 'synced' });
    const replaced = await h.connect(A, '7000002', {}, { replace: true });
    expect(replaced.status).toBe(200);
    expect((await getQboConnection(h.db.db, A))?.realmId).toBe('7000002');
    expect(await h.db.db('sync_records').where({ portal_id: A })).toHaveLength(0);
  });

  it('refuses a company already linked to another HubSpot account, and revokes what it was given', async () => {
    const result = await h.connect(B, '7000002');
    expect(result.status).toBe(409);
    expect(result.body).toContain('already connected to another HubSpot account');
    expect(result.body).toContain('realm_linked_elsewhere');
    expect(await getQboConnection(h.db.db, B)).toBeUndefined();
    // only A's grant on that company is still alive
    expect(liveGrants(h, '7000002')).toHaveLength(1);
  });

  it('declining at Intuit lands on our page', async () => {
    const link = await h.signedFetch('/api/v1/quickbooks/connect-link', B, { method: 'POST', body: {} });
    const { url } = (await link.json()) as { url: string };
    h.qbo.state.createCompany({ realmId: '7000009' });
    const result = await driveQboConnect(url, '7000009', 'deny');
    expect(result.status).toBe(400);
    expect(result.body).toContain('connect_declined');
    // the connect link is single use
    const reuse = await fetch(url, { redirect: 'manual' });
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toContain('link_invalid');
  });

  it('disconnect revokes at Intuit, pauses the account, keeps links and history', async () => {
    await insertSyncRecord(h.db.db, { portal_id: A, object_type: 'contacts', hubspot_id: '2', qbo_id: '59', state: 'synced' });
    expect(liveGrants(h, '7000002')).toHaveLength(1);
    const res = await h.signedFetch('/api/v1/quickbooks/disconnect', A, { method: 'POST', body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: true });
    expect(liveGrants(h, '7000002')).toHaveLength(0);
    expect(await getQboConnection(h.db.db, A)).toMatchObject({ status: 'disconnected', realmId: '7000002' });
    expect(await getQboTokens(h.db.db, h.ctx.cipher, A)).toBeUndefined();
    expect(await h.db.db('sync_records').where({ portal_id: A })).toHaveLength(1);
    // once disconnected, the company may be connected again (here, by the same account)
    expect((await h.connect(A, '7000002')).status).toBe(200);
  });

  it('Intuit Disconnect URL: a grant revoked inside QuickBooks is detected and shown as needs reconnect', async () => {
    for (const g of liveGrants(h, '7000002')) g.revoked = true; // the user disconnected the app in QuickBooks
    const landing = await fetch(`${h.url}/quickbooks/disconnected?realmId=7000002`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('QuickBooks Online is disconnected');
    const connection = await eventually(async () => {
      const c = await getQboConnection(h.db.db, A);
      return c?.status === 'needs_reconnect' ? c : undefined;
    });
    expect(connection.statusReason).toContain('Reconnect QuickBooks');
    const status = await (await h.signedFetch('/api/v1/connection', A)).json();
    expect(status.alerts).toContainEqual(expect.objectContaining({ kind: 'qbo_needs_reconnect', severity: 'error', title: 'Reconnect QuickBooks' }));
  });

  it('Intuit Reconnect URL: reconnects the same company, and refuses a different one', async () => {
    const wrong = await driveQboConnect(`${h.url}/quickbooks/reconnect?realmId=7000002`, '7000009');
    expect(wrong.status).toBe(409);
    expect(wrong.body).toContain('wrong_company');
    expect((await getQboConnection(h.db.db, A))?.status).toBe('needs_reconnect');

    const same = await driveQboConnect(`${h.url}/quickbooks/reconnect?realmId=7000002`, '7000002');
    expect(same.status).toBe(200);
    expect(await getQboConnection(h.db.db, A)).toMatchObject({ status: 'connected', realmId: '7000002' });
    const status = await (await h.signedFetch('/api/v1/connection', A)).json();
    expect(status.alerts).toEqual([]);

    const unknown = await fetch(`${h.url}/quickbooks/reconnect?realmId=123`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('not linked to any HubSpot account');
  });
});
