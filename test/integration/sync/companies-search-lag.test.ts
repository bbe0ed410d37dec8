/**
 * Companies mode under HubSpot's search lag (5 s by default in the emulator, as HubSpot indexes writes
 * asynchronously): a company a person created seconds ago is not found by search yet. When a customer
 * with its name is synced in that window, the company is found through its webhook event already in our
 * inbox (read by id, which HubSpot answers at once), so the two are linked and no second company is made.
 * No worker: the test lets the webhooks land in the inbox and runs the customer's pass itself, first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { eventually } from '../../helpers/eventually.ts';
import { setUpSync, syncAccount } from '../../helpers/sync-accounts.ts';
import { defaultCompanyMappings } from '@quickbooks-sync/contract/definitions';
import { companiesAdapter } from '../../../backend/src/sync/objects/companies/companies-adapter.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { syncRecord } from '../../../backend/src/sync/engine/record-sync.ts';

describe('companies mode under the search lag', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
  });
  afterAll(async () => h.close());

  it('a customer synced seconds after the same company was made in HubSpot links to it', async () => {
    const a = await syncAccount(h, 63_600_001, '8360001');
    await setUpSync(h, a, 'companies', { fieldMappings: defaultCompanyMappings() });
    const company = await a.hs.create('companies', { name: 'Twin  Peaks Ltd', domain: 'twinpeaks.test' });
    const customer = await a.qb.create('Customer', { DisplayName: 'Twin Peaks Ltd', CompanyName: 'Twin Peaks Ltd' });
    // HubSpot's events for the new company are in our inbox; its search does not list it yet.
    await eventually(async () => Boolean(await h.db.db('webhook_inbox').where({ portal_id: a.portalId, source: 'hubspot' }).whereRaw(`payload->>'propertyName' = 'name'`).first()), 20_000);

    const loaded = await loadSession(h.ctx, a.portalId, 'companies');
    if (!loaded.ok) throw new Error(loaded.reason);
    await syncRecord(loaded.session, companiesAdapter, 'qbo', customer.Id);

    expect((await a.hs.all('companies')).map((c) => c.id)).toEqual([company.id]);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'companies' }).select('hubspot_id', 'qbo_id', 'state')).toEqual([{ hubspot_id: company.id, qbo_id: customer.Id, state: 'synced' }]);
  });
});
