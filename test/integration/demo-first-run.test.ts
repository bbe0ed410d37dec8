/**
 * The first run, as `npm start` runs it with no credentials: `tsx backend/src/main.ts all` in its own
 * process, against a fresh database. Once the log says "ready", every sync the demo set up reaches
 * synced records, and the invoices the demo's bookkeeper creates in QuickBooks after the setup arrive
 * in HubSpot with their line items pointing to the synced products (and, when this build has the
 * payments sync, the two payments taken on them).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort } from '../helpers/free-port.ts';
import { TEST_VARIABLES } from '../helpers/env.ts';
import { eventually } from '../helpers/eventually.ts';
import { DEMO_PORTAL_ID, DEMO_REALM_ID } from '../../backend/sandbox/demo/demo-data.ts';
import { VAT_DEMO_PORTAL_ID, VAT_DEMO_REALM_ID } from '../../backend/sandbox/demo/demo-vat.ts';

const READY = 'ready: the demo account is installed and connected to QuickBooks';

interface Ports {
  service: number;
  hubspot: number;
  quickbooks: number;
}

let db: TestDatabase;
let ports: Ports;
let child: ChildProcessByStdio<null, Readable, Readable>;
let output = '';

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function syncedCounts(): Promise<Record<string, number>> {
  const rows = await db.db('sync_records').where({ portal_id: DEMO_PORTAL_ID, state: 'synced' }).groupBy('object_type').select('object_type').count<Array<{ object_type: string; count: string }>>('* as count');
  return Object.fromEntries(rows.map((r) => [r.object_type, Number(r.count)]));
}

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  ports = { service: await freePort(), hubspot: await freePort(), quickbooks: await freePort() };
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(HUBSPOT_|QBO_|PUBLIC_BASE_URL)/.test(k)));
  child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts', 'all'], {
    cwd: new URL('../../', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      ...TEST_VARIABLES,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      SANDBOX_MODE: 'auto',
      DATABASE_URL: db.url,
      // Never the repository's .data/sandbox: a developer's saved demo is not this test's.
      SANDBOX_DATA_DIR: path.join(tmpdir(), `hqs-first-run-${process.pid}`),
      HOST: '127.0.0.1',
      PORT: String(ports.service),
      SANDBOX_HUBSPOT_PORT: String(ports.hubspot),
      SANDBOX_QBO_PORT: String(ports.quickbooks),
    },
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await db.drop();
}, 60_000);

describe('npm start in sandbox mode (the first run)', () => {
  it('sets up contacts, products and invoices, and the post-setup QuickBooks invoices reach HubSpot with line items', async () => {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
      return output.includes(READY);
    }, 90_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${output.slice(-3000)}`);
    });
    for (const objectType of ['contacts', 'products', 'invoices']) {
      expect(output, `one log line for the ${objectType} sync`).toMatch(new RegExp(`demo ${objectType} sync (set up with the recommended settings|skipped)`));
    }

    // The bookkeeper's invoices, as QuickBooks holds them.
    const qboInvoices = await json<{ records: Array<{ Id: string; DocNumber?: string; Line: Array<{ DetailType: string }> }> }>(
      `http://127.0.0.1:${ports.quickbooks}/_sandbox/companies/${DEMO_REALM_ID}/state?entity=Invoice&limit=1000`,
    );
    const postSetup = qboInvoices.records.filter((i) => i.DocNumber?.startsWith('DEMO-'));
    expect(postSetup.length).toBeGreaterThanOrEqual(3);

    // Every sync settles with synced records; each post-setup invoice is synced (the 80 older ones are excluded by R9).
    const links = await eventually(async () => {
      const counts = await syncedCounts();
      if (!((counts.contacts ?? 0) > 0 && (counts.products ?? 0) > 0 && (counts.invoices ?? 0) > 0)) return false;
      const rows = await db.db('sync_records').where({ portal_id: DEMO_PORTAL_ID, object_type: 'invoices' }).whereIn('qbo_id', postSetup.map((i) => i.Id)).select<Array<{ qbo_id: string; hubspot_id: string | null; state: string; message: string | null }>>('qbo_id', 'hubspot_id', 'state', 'message');
      const failed = rows.find((r) => r.state === 'failed');
      if (failed) throw new Error(`post-setup invoice ${failed.qbo_id} failed: ${failed.message}`);
      return rows.length === postSetup.length && rows.every((r) => r.state === 'synced' && r.hubspot_id) ? rows : false;
    }, 90_000);
    const olderExcluded = await db.db('sync_records').where({ portal_id: DEMO_PORTAL_ID, object_type: 'invoices', state: 'excluded', reason_code: 'filtered_out' }).count<Array<{ count: string }>>('* as count');
    expect(Number(olderExcluded[0]?.count)).toBe(qboInvoices.records.length - postSetup.length);
    const productsExcluded = await db.db('sync_records').where({ portal_id: DEMO_PORTAL_ID, object_type: 'products', state: 'excluded' }).select<Array<{ message: string | null }>>('message');
    expect(productsExcluded.length).toBeGreaterThan(0);
    expect(productsExcluded.every((r) => r.message?.includes('SKU is known'))).toBe(true);

    // Payments show once this build has their sync: the bookkeeper took payment of two new invoices.
    if (output.includes('demo payments sync set up')) {
      await eventually(async () => ((await syncedCounts()).payments ?? 0) >= 2, 60_000);
    }

    // In HubSpot (through its API, as any reader would): each invoice has one line item per QuickBooks sales line, each pointing to a product.
    const token = await json<{ access_token: string }>(`http://127.0.0.1:${ports.hubspot}/_sandbox/accounts/${DEMO_PORTAL_ID}/tokens`, { method: 'POST', body: '{}' });
    const hubspot = <T>(path: string) => json<T>(`http://127.0.0.1:${ports.hubspot}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
    for (const link of links) {
      const qbo = postSetup.find((i) => i.Id === link.qbo_id);
      const salesLines = qbo?.Line.filter((l) => l.DetailType === 'SalesItemLineDetail').length ?? 0;
      const invoice = await hubspot<{ associations?: { line_items?: { results: Array<{ id: string }> }; contacts?: { results: Array<{ id: string }> } } }>(
        `/crm/v3/objects/invoices/${link.hubspot_id}?associations=line_items,contacts`,
      );
      const lineItemIds = [...new Set(invoice.associations?.line_items?.results.map((r) => r.id) ?? [])];
      expect(lineItemIds, `invoice ${qbo?.DocNumber} line items`).toHaveLength(salesLines);
      expect(invoice.associations?.contacts?.results.length ?? 0, `invoice ${qbo?.DocNumber} billing contact`).toBeGreaterThan(0);
      for (const id of lineItemIds) {
        const lineItem = await hubspot<{ properties: Record<string, string | null> }>(`/crm/v3/objects/line_items/${id}?properties=hs_product_id,hs_sku`);
        expect(lineItem.properties.hs_product_id, `line item ${id} of ${qbo?.DocNumber} points to a product`).toBeTruthy();
        expect(lineItem.properties.hs_sku).toBeTruthy();
      }
    }
  }, 200_000);

  it('the UK account (R22): its HubSpot invoices reach the UK company with a VAT code per line, QuickBooks computes the VAT and HubSpot’s line items show it', async () => {
    // The first test waited for "ready", which comes after this account's invoices reached QuickBooks.
    expect(output).toContain('demo UK invoices are in QuickBooks with the VAT QuickBooks computed per line');
    const qbo = await json<{ records: Array<{ Id: string; TotalAmt: number; TxnTaxDetail: { TotalTax: number }; Line: Array<{ DetailType: string; Amount: number; SalesItemLineDetail?: { TaxCodeRef?: { value: string } } }> }> }>(
      `http://127.0.0.1:${ports.quickbooks}/_sandbox/companies/${VAT_DEMO_REALM_ID}/state?entity=Invoice&limit=1000`,
    );
    expect(qbo.records).toHaveLength(2);
    // 20 % on the teapots (2 × 35) and on the workshop and delivery (60 + 15); the tea is zero-rated by its item's own code.
    expect(qbo.records.map((i) => i.TxnTaxDetail.TotalTax).sort((x, y) => x - y)).toEqual([14, 15]);
    for (const invoice of qbo.records) {
      const sales = invoice.Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
      expect(sales.every((l) => l.SalesItemLineDetail?.TaxCodeRef?.value)).toBe(true);
      expect(invoice.TxnTaxDetail.TotalTax).toBeGreaterThan(0);
      expect(invoice.TotalAmt).toBeCloseTo(sales.reduce((s, l) => s + l.Amount, 0) + invoice.TxnTaxDetail.TotalTax, 2);
    }
    // In HubSpot, each invoice's line items carry the VAT QuickBooks computed, adding up to its TotalTax.
    const rows = await db.db('sync_records').where({ portal_id: VAT_DEMO_PORTAL_ID, object_type: 'invoices', state: 'synced' }).select<Array<{ qbo_id: string; hubspot_id: string }>>('qbo_id', 'hubspot_id');
    expect(rows).toHaveLength(2);
    const token = await json<{ access_token: string }>(`http://127.0.0.1:${ports.hubspot}/_sandbox/accounts/${VAT_DEMO_PORTAL_ID}/tokens`, { method: 'POST', body: '{}' });
    const hubspot = <T>(path: string) => json<T>(`http://127.0.0.1:${ports.hubspot}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
    for (const row of rows) {
      const invoice = await hubspot<{ associations?: { line_items?: { results: Array<{ id: string }> } } }>(`/crm/v3/objects/invoices/${row.hubspot_id}?associations=line_items`);
      const ids = [...new Set(invoice.associations?.line_items?.results.map((r) => r.id) ?? [])];
      let tax = 0;
      for (const id of ids) tax += Number((await hubspot<{ properties: Record<string, string | null> }>(`/crm/v3/objects/line_items/${id}?properties=tax`)).properties.tax ?? 0);
      expect(Math.round(tax * 100) / 100).toBe(qbo.records.find((i) => i.Id === row.qbo_id)!.TxnTaxDetail.TotalTax);
    }
  });
});
