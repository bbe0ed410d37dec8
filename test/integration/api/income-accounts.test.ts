/**
 * GET /api/v1/quickbooks/income-accounts against the QuickBooks emulator: the company's active income
 * accounts by name (no other account types, no inactive ones), read live (a new account shows at once),
 * each account's own company only, and 409 `qbo_not_connected` before QuickBooks is connected or while it
 * needs a reconnect. Every answer parsed with the contract's schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { qboUser } from '../../helpers/vendor-data.ts';
import { endpoints, errorEnvelopeSchema } from '@quickbooks-sync/contract';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';

const PATH = `/api/v1${endpoints.listIncomeAccounts.path()}`;
let nextPortal = 66_200_001;
let nextRealm = 6_620_001;

describe('income accounts', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
  });
  afterAll(async () => h.close());

  async function account(connected = true) {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    if (connected) expect((await h.connect(portalId, realmId)).status).toBe(200);
    return { portalId, realmId };
  }
  async function names(portalId: number): Promise<string[]> {
    const res = await h.signedFetch(PATH, portalId);
    expect(res.status, await res.clone().text()).toBe(200);
    return endpoints.listIncomeAccounts.response.parse(await res.json()).accounts.map((a) => a.name);
  }

  it('the active income accounts, by name, with the ids QuickBooks gives them; a new one shows at once', async () => {
    const a = await account();
    const qb = await qboUser(h, a.realmId);
    await qb.create('Account', { Name: 'Old Sales', AccountType: 'Income', Active: false });
    await qb.create('Account', { Name: 'Office Supplies', AccountType: 'Expense' });
    const res = await h.signedFetch(PATH, a.portalId);
    const body = endpoints.listIncomeAccounts.response.parse(await res.json());
    const income = (await qb.all('Account')).filter((acc) => acc.AccountType === 'Income' && acc.Active !== false);
    expect(body.accounts).toEqual(
      income.map((acc) => ({ id: acc.Id, name: String(acc.Name) })).sort((x, y) => x.name.localeCompare(y.name)),
    );
    expect(body.accounts.map((acc) => acc.name)).toEqual(['Sales of Product Income', 'Services', 'Uncategorized Income']);

    await qb.create('Account', { Name: 'Consulting Income', AccountType: 'Income' });
    expect(await names(a.portalId)).toEqual(['Consulting Income', 'Sales of Product Income', 'Services', 'Uncategorized Income']);
    // Another account's company is its own.
    const other = await account();
    expect(await names(other.portalId)).toEqual(['Sales of Product Income', 'Services', 'Uncategorized Income']);
  });

  it('409 qbo_not_connected before QuickBooks is connected and while it needs a reconnect', async () => {
    const notConnected = await account(false);
    const broken = await account();
    await setQboConnectionStatus(h.ctx.db, broken.portalId, 'needs_reconnect', 'QuickBooks refused the refresh token.');
    for (const portalId of [notConnected.portalId, broken.portalId]) {
      const res = await h.signedFetch(PATH, portalId);
      expect(res.status).toBe(409);
      expect(errorEnvelopeSchema.parse(await res.json()).error).toMatchObject({ code: 'conflict', details: { reason: 'qbo_not_connected' } });
    }
  });

  it('refuses an unsigned call', async () => {
    const res = await fetch(`${h.url}${PATH}?portalId=${nextPortal}`);
    expect(res.status).toBe(401);
  });
});
