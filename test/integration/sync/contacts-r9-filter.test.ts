/**
 * R9's recommended contacts filter, end to end: a contact goes to QuickBooks only as the billing contact
 * of a HubSpot invoice that is not Draft and was created after setup. A lead created after setup stays in
 * HubSpot, excluded with the rule in words; a contact whose draft invoice is finalised later syncs then —
 * within seconds through the invoice's webhook, and at the next catch-up when that webhook was lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { customerEmail } from '../../helpers/sync-state.ts';
import { eventually } from '../../helpers/eventually.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';

const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;
const R9_RULE = /^Excluded by the sync filter: "an associated invoice where invoice status is not draft, invoice create date is after .+, invoice source is hubspot" not met\.$/;

type Row = { state: string; qbo_id: string | null; message: string | null };

async function setUp(h: AppHarness, portalId: number, realmId: string) {
  expect((await h.install(portalId)).status).toBe(302);
  expect((await h.connect(portalId, realmId)).status).toBe(200);
  const res = await h.signedFetch('/api/v1/syncs/contacts/recommended', portalId, { method: 'POST', body: {} });
  expect(res.status, await res.clone().text()).toBe(201);
  return { hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId) };
}

/** A HubSpot user's invoice for a contact: draft, with one line item, billed to the contact. */
async function invoiceFor(hs: ReturnType<typeof hubspotUser>, contactId: string) {
  const invoice = await hs.create('invoices', { hs_currency: 'USD' });
  const line = await hs.create('line_items', { name: 'Consulting', quantity: '1', price: '100' });
  await hs.associate('invoices', invoice.id, 'contacts', contactId, [INVOICE_TO_CONTACT]);
  await hs.associate('invoices', invoice.id, 'line_items', line.id, [INVOICE_TO_LINE_ITEM]);
  return invoice;
}

/** The contact as if it had not changed for an hour, so only its invoice can bring it back into a pass (not catch-up's overlap window). */
function backdate(h: AppHarness, portalId: number, contactId: string): void {
  const record = h.hubspot.state.account(portalId)!.collection('contacts').records.get(contactId)!;
  const anHourAgo = Date.now() - 3_600_000;
  for (const name of ['lastmodifieddate', 'hs_lastmodifieddate']) record.properties.set(name, new Date(anHourAgo).toISOString());
  record.updatedAt = anHourAgo;
  delete record.searchHistory;
}

async function firstSyncDone(h: AppHarness, portalId: number): Promise<void> {
  await eventually(async () => Boolean(await h.db.db('sync_runs').where({ portal_id: portalId, object_type: 'contacts', status: 'succeeded' }).first()), 30_000);
}

/** Nothing left in the queue (a contact's creation sends several events, each its own pass). */
async function queueIdle(h: AppHarness): Promise<void> {
  await eventually(async () => {
    const { rows } = await h.db.db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where name in ('sync.record', 'sync.records', 'webhooks.process', 'sync.invoice-contacts') and state in ('created', 'retry', 'active')`);
    return rows[0]!.n === 0;
  }, 30_000);
}

const recordOf = (h: AppHarness, portalId: number, hubspotId: string) => h.db.db('sync_records').where({ portal_id: portalId, hubspot_id: hubspotId, object_type: 'contacts' }).first<Row>();

describe('R9 contacts filter, with webhooks', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  it('keeps leads in HubSpot and syncs a contact when its invoice is finalised', async () => {
    const portalId = 61_900_001;
    const { hs, qb } = await setUp(h, portalId, '8190001');
    await firstSyncDone(h, portalId);
    const lead = await hs.create('contacts', { email: 'lead@r9.test', firstname: 'Lee', lastname: 'Lead' });
    const buyer = await hs.create('contacts', { email: 'buyer@r9.test', firstname: 'Bea', lastname: 'Buyer' });
    const invoice = await invoiceFor(hs, buyer.id);

    // Both are excluded, the rule named on the record: the lead has no invoice, the buyer's is a draft.
    for (const id of [lead.id, buyer.id]) {
      const row = await eventually(async () => (await recordOf(h, portalId, id))?.state === 'excluded' && recordOf(h, portalId, id), 30_000);
      expect(row.message).toMatch(R9_RULE);
    }
    expect((await qb.all('Customer')).map(customerEmail)).not.toContain('buyer@r9.test');
    await queueIdle(h);
    backdate(h, portalId, buyer.id);

    await hs.update('invoices', invoice.id, { hs_invoice_status: 'open' });
    const synced = await eventually(async () => (await recordOf(h, portalId, buyer.id))?.state === 'synced' && recordOf(h, portalId, buyer.id), 30_000);
    const customer = (await qb.all('Customer')).find((c) => c.Id === synced.qbo_id);
    expect(customer && customerEmail(customer)).toBe('buyer@r9.test');
    // The lead never reaches QuickBooks.
    expect((await qb.all('Customer')).map(customerEmail)).not.toContain('lead@r9.test');
    expect((await recordOf(h, portalId, lead.id))?.state).toBe('excluded');
  });
});

describe('R9 contacts filter, webhook lost', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  it('a catch-up finds the contact of an invoice finalised since the last pass', async () => {
    const portalId = 61_900_002;
    const { hs, qb } = await setUp(h, portalId, '8190002');
    const pass = async () => {
      const loaded = await loadSession(h.ctx, portalId, 'contacts');
      if (!loaded.ok) throw new Error(loaded.reason);
      return runSyncPass(loaded.session, contactsAdapter, 'sync_now');
    };
    await pass(); // the first sync (nothing yet)
    const buyer = await hs.create('contacts', { email: 'late@r9.test', firstname: 'Lat', lastname: 'Buyer' });
    const invoice = await invoiceFor(hs, buyer.id);
    // The contact is seen (search lags behind writes: pass again until it is) and excluded.
    await eventually(async () => (await pass()) && (await recordOf(h, portalId, buyer.id))?.state === 'excluded', 30_000);
    backdate(h, portalId, buyer.id);

    // Finalised; the contact itself does not change, and no webhook arrives.
    await hs.update('invoices', invoice.id, { hs_invoice_status: 'open' });
    const synced = await eventually(async () => (await pass()) && (await recordOf(h, portalId, buyer.id))?.state === 'synced' && recordOf(h, portalId, buyer.id), 30_000);
    expect((await qb.all('Customer')).filter((c) => customerEmail(c) === 'late@r9.test').map((c) => c.Id)).toEqual([synced.qbo_id]);
  });
});
