/**
 * The HubSpot client's calls against the emulator: 207 partial failures per input, upsert by a unique
 * property, properties, primary company names, search and list paging (also past the search cap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotClientFor } from '../../../backend/src/vendors/hubspot/client.ts';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { fast, hubspotControl } from './hubspot-control.ts';

describe('HubSpot client: records, associations, properties', () => {
  let h: AppHarness;
  let sandbox: ReturnType<typeof hubspotControl>;
  const control: ReturnType<typeof hubspotControl>['control'] = (...args) => sandbox.control(...args);
  const freshPortal = () => sandbox.freshPortal();

  beforeAll(async () => {
    h = await startAppHarness();
    sandbox = hubspotControl(h, 62_100_001);
  });
  afterAll(async () => h.close());

  it('batch writes: a 207 partial failure fails only the bad inputs, each with its own error, in input order', async () => {
    const portal = await freshPortal();
    const client = hubspotClientFor(h.ctx, portal, fast);
    const [existing] = await client.batchCreate('contacts', [{ properties: { email: 'taken@example.com' } }]);
    expect(existing).toMatchObject({ ok: true });
    const created = await client.batchCreate('contacts', [
      { properties: { email: 'ann@example.com', firstname: 'Ann' } },
      { properties: { email: 'ben@example.com', no_such_property: 'x' } },
      { properties: { email: 'cat@example.com', firstname: 'Cat' } },
      { properties: { email: 'TAKEN@example.com' } },
    ]);
    expect(created.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(created[0]).toMatchObject({ ok: true, record: { properties: { email: 'ann@example.com', firstname: 'Ann' } } });
    expect(created[1]).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(created[2]).toMatchObject({ ok: true, record: { properties: { email: 'cat@example.com' } } });
    expect(created[3]).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const stored = (await control(`/accounts/${portal}/objects/contacts`)).results!.map((r) => r.properties.email).sort();
    expect(stored).toEqual(['ann@example.com', 'cat@example.com', 'taken@example.com']);

    const annId = created[0]!.ok ? created[0]!.record.id : '';
    const updated = await client.batchUpdate('contacts', [
      { id: annId, properties: { lastname: 'Archer' } },
      { id: '999999', properties: { lastname: 'Ghost' } },
      { id: annId === '' ? 'x' : existing!.ok ? existing!.record.id : 'x', properties: { email: 'not an email' } },
    ]);
    expect(updated[0]).toMatchObject({ ok: true, record: { id: annId, properties: { lastname: 'Archer' } } });
    expect(updated[1]).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(updated[2]).toMatchObject({ ok: false, error: { kind: 'validation' } });

    const read = await client.batchRead('contacts', [annId, '999999'], ['email', 'lastname']);
    expect(read.records.map((r) => r.properties)).toEqual([expect.objectContaining({ email: 'ann@example.com', lastname: 'Archer' })]);
    expect(read.missing).toEqual(['999999']);
  });

  it('ensureProperty is idempotent (group created once), and batch upsert by that unique property never duplicates', async () => {
    const portal = await freshPortal();
    const client = hubspotClientFor(h.ctx, portal, fast);
    const spec = { name: 'qbo_customer_id', label: 'QuickBooks customer ID', type: 'string', fieldType: 'text', groupName: 'quickbooks_sync', groupLabel: 'QuickBooks sync', hasUniqueValue: true } as const;
    expect(await client.ensureProperty('contacts', spec)).toEqual({ created: true });
    expect(await client.ensureProperty('contacts', spec)).toEqual({ created: false });
    const { access_token } = await control(`/accounts/${portal}/tokens`, 'POST', {});
    const property = await (await fetch(`${h.hubspot.baseUrl}/crm/v3/properties/contacts/qbo_customer_id`, { headers: { authorization: `Bearer ${access_token}` } })).json();
    expect(property).toMatchObject({ name: 'qbo_customer_id', hasUniqueValue: true, groupName: 'quickbooks_sync' });
    // A same-named property that is not unique would make upserts unsafe: refused loudly.
    await client.ensureProperty('contacts', { ...spec, name: 'plain_text', hasUniqueValue: false });
    await expect(client.ensureProperty('contacts', { ...spec, name: 'plain_text' })).rejects.toMatchObject({ kind: 'conflict' });

    const first = await client.batchUpsert('contacts', 'qbo_customer_id', [
      { id: '58', properties: { email: 'dee@example.com', firstname: 'Dee' } },
      { id: '59', properties: { email: 'eve@example.com' } },
    ]);
    expect(first.map((r) => r.ok && r.created)).toEqual([true, true]);
    const again = await client.batchUpsert('contacts', 'qbo_customer_id', [
      { id: '59', properties: { firstname: 'Eve' } },
      { id: '58', properties: { firstname: 'Deirdre' } },
    ]);
    expect(again).toMatchObject([
      { ok: true, created: false, record: { properties: { firstname: 'Eve' } } },
      { ok: true, created: false, record: { properties: { firstname: 'Deirdre' } } },
    ]);
    expect((await control(`/accounts/${portal}/objects/contacts`)).total).toBe(2);
  });

  it('primaryCompanyNames: the Primary company only (not other associated companies); none when there is none', async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 25, seed: 11 });
    const contacts = (await control(`/accounts/${portal}/objects/contacts?limit=1000`)).results!;
    const companies = (await control(`/accounts/${portal}/objects/companies?limit=1000`)).results!;
    const companyName = new Map(companies.map((c) => [c.id, c.properties.name]));
    const loner = (await control(`/accounts/${portal}/objects/contacts`, 'POST', { properties: { email: 'loner@example.com' } })).id!;
    const secondary = (await control(`/accounts/${portal}/objects/contacts`, 'POST', { properties: { email: 'side@example.com' } })).id!;
    await control(`/accounts/${portal}/associations/contacts/${secondary}/companies/${companies[0]!.id}`, 'PUT', { typeIds: [279] });

    const client = hubspotClientFor(h.ctx, portal, fast);
    const names = await client.primaryCompanyNames([...contacts.map((c) => c.id), loner, secondary]);
    const expected = new Map(contacts.filter((c) => c.properties.associatedcompanyid).map((c) => [c.id, companyName.get(c.properties.associatedcompanyid!)]));
    expect(expected.size).toBe(25);
    expect(names).toEqual(expected);
    expect(names.has(loner)).toBe(false);
    expect(names.has(secondary)).toBe(false);
  });

  it('searchModifiedSince pages by last-modified ascending; listAll pages through everything', { timeout: 60_000 }, async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 230, seed: 5 });
    const client = hubspotClientFor(h.ctx, portal, fast);
    const seen: string[] = [];
    let last = 0;
    let cursor: { since: Date; after?: string } | undefined = { since: new Date(0) };
    let pages = 0;
    while (cursor) {
      const page: Awaited<ReturnType<typeof client.searchModifiedSince>> = await client.searchModifiedSince('contacts', cursor.since, cursor.after, ['email']);
      for (const r of page.records) {
        expect(r.updatedAt.getTime()).toBeGreaterThanOrEqual(last);
        last = r.updatedAt.getTime();
        seen.push(r.id);
      }
      cursor = page.next;
      pages++;
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(230);
    const later = await client.searchModifiedSince('contacts', new Date(last + 1), undefined, ['email']);
    expect(later).toEqual({ records: [], next: undefined });

    const listed: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.listAll('contacts', ['email'], after);
      listed.push(...page.records.map((r) => r.id));
      after = page.after;
    } while (after);
    expect(listed.sort()).toEqual([...seen].sort());
  });

  it('searchModifiedSince goes past the 10,000-result search cap by restarting from the last time seen', { timeout: 120_000 }, async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 10_050, seed: 6 });
    const client = hubspotClientFor(h.ctx, portal, fast);
    const seen = new Set<string>();
    let restarts = 0;
    let cursor: { since: Date; after?: string } | undefined = { since: new Date(0) };
    while (cursor) {
      const page: Awaited<ReturnType<typeof client.searchModifiedSince>> = await client.searchModifiedSince('contacts', cursor.since, cursor.after, []);
      for (const r of page.records) seen.add(r.id);
      if (page.next && page.next.after === undefined) restarts++;
      cursor = page.next;
    }
    expect(restarts).toBe(1);
    expect(seen.size).toBe(10_050);
  });
});
