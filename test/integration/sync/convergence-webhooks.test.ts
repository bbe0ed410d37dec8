/**
 * Issue 12, reproduction 4: every mapped field reaches the other side near-real-time. A city-only
 * HubSpot edit travels the webhook path like a name edit (the catch-up runs every 5 minutes, far
 * beyond these timings), and so does a field of a custom mapping added after setup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { customerEmail, quiet } from '../../helpers/sync-state.ts';
import { setUpSync, syncAccount, type SyncAccount } from '../../helpers/sync-accounts.ts';
import type { QboEntity } from '../../helpers/vendor-data.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { CATCH_UP_INTERVAL_MS } from '../../../backend/src/sync/engine/catch-up.ts';

describe('every mapped contact field travels by webhook (issue 12)', () => {
  let h: AppHarness;
  let a: SyncAccount;
  let contactId: string;
  beforeAll(async () => {
    h = await startAppHarness();
    a = await syncAccount(h, 62_000_001, '8200001');
    contactId = (await a.hs.create('contacts', { email: 'lat@conv.test', firstname: 'Lat', lastname: 'Ency', city: 'Start' })).id;
    await setUpSync(h, a, 'contacts', { fieldMappings: defaultContactMappings() });
    await eventually(async () => ((await a.qb.all('Customer')).some((c) => customerEmail(c) === 'lat@conv.test') ? true : undefined), 60_000);
  });
  afterAll(async () => h.close());

  const customer = async () => (await a.qb.all('Customer')).find((c) => customerEmail(c) === 'lat@conv.test')!;
  /** How long a HubSpot edit takes to show in QuickBooks. */
  async function latency(properties: Record<string, string>, arrived: (c: QboEntity) => boolean): Promise<number> {
    // nothing in flight (our own writes' webhooks have come back), so only this edit's webhook can carry it
    await eventually(async () => (await quiet(h)) || undefined, 30_000);
    const started = Date.now();
    await a.hs.update('contacts', contactId, properties);
    await eventually(async () => (arrived(await customer()) ? true : undefined), 30_000);
    return Date.now() - started;
  }

  it('a city-only edit reaches QuickBooks within the same latency as a name edit', async () => {
    const name = await latency({ lastname: 'Named' }, (c) => c.FamilyName === 'Named');
    const city = await latency({ city: 'Cityville' }, (c) => (c.BillAddr as { City?: string } | undefined)?.City === 'Cityville');
    const others = await latency({ state: 'CA', zip: '94105', country: 'US', mobilephone: '555-0177', website: 'https://lat.test' }, (c) => (c.Mobile as { FreeFormNumber?: string } | undefined)?.FreeFormNumber === '555-0177' && (c.BillAddr as { PostalCode?: string }).PostalCode === '94105');
    console.log(`webhook latency: name ${name} ms, city ${city} ms, state/zip/country/mobile/website ${others} ms`);
    // same path, same order of time: well under the catch-up interval, and within a debounce or two of the name edit
    for (const ms of [city, others]) expect(ms).toBeLessThan(Math.max(3 * name, name + 5_000));
    expect(Math.max(name, city, others)).toBeLessThan(CATCH_UP_INTERVAL_MS / 10);
  });

  it('a custom mapping added later (job title → QuickBooks Title) is covered too', async () => {
    await setUpSync(h, a, 'contacts', { fieldMappings: [...defaultContactMappings(), { id: 'custom_jobtitle', kind: 'custom', enabled: true, hubspotProperty: 'jobtitle', qboField: 'Title', direction: 'both' }] });
    const ms = await latency({ jobtitle: 'Dr' }, (c) => c.Title === 'Dr');
    console.log(`webhook latency, custom mapping: ${ms} ms`);
    expect(ms).toBeLessThan(CATCH_UP_INTERVAL_MS / 10);
  });
});
