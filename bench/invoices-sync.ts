/**
 * Products + invoices + payments benchmark (issue 6), with the emulators' real rate limits on. A QuickBooks
 * company holds customers, items with SKUs, invoices of 3 lines each and payments each paying one invoice;
 * HubSpot starts empty. The syncs are set up one after another through the signed API, each waiting for
 * its first sync to finish: contacts (two-way), products, invoices, payments (QuickBooks → HubSpot, no
 * filters, default mappings). Then 200 single QuickBooks invoice edits are timed from the QuickBooks write
 * (webhook delivered by the emulator) until the HubSpot invoice shows it.
 * Sizes: BENCH_INVOICES (10,000), BENCH_PAYMENTS (5,000), BENCH_CUSTOMERS (1,000), BENCH_ITEMS (200),
 * BENCH_EDITS (200). Emulators, service and database client run in this one process, so memory covers all.
 */
import { startBenchApp, trackPeakRss } from './bench-app.ts';
import { hubspotSignedFetch } from '../backend/sandbox/hubspot/signed-fetch.ts';
import { driveHubSpotInstall, driveQboConnect } from '../backend/sandbox/demo/consent-driver.ts';
import { defaultContactMappings, defaultProductMappings, defaultInvoiceMappings, defaultPaymentMappings } from '@quickbooks-sync/contract/definitions';
import { linesOfQboInvoice } from '../backend/src/sync/objects/invoices/invoice-lines.ts';
import type { Company } from '../backend/sandbox/qbo/state/company.ts';
import type { HubSpotAccount as Account } from '../backend/sandbox/hubspot/state/account.ts';
import { describeTerms, invoicePages, minimumContactCalls, minimumInvoiceCalls, minimumPaymentCalls, minimumProductCalls, type MinimumCalls } from './minimum-calls.ts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 10_000);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 5_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const LINES = 3;
const PORTAL = 6_200_001;
const REALM = '9620001';
/** Our own rate budgets (below the vendors' limits): HubSpot ~9 calls/s of its 110 per 10 s, QuickBooks 5/s (5 per fixed second: a sliding second never sees more than its 10). */
const HUBSPOT_CALLS_PER_S = 9;
const QBO_CALLS_PER_S = 5; // our budget: 5 per fixed second keeps any sliding second under QBO's 10 (rate-budget.ts)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface CallLog {
  calls: number;
  throttled: number;
  /** The most frequent endpoints (ids folded), to show where the calls go. */
  top: string;
}

function callLog(entries: Array<{ method: string; path: string; status: number }>, count: number): CallLog {
  const byEndpoint = new Map<string, number>();
  for (const e of entries) {
    const endpoint = `${e.method} ${e.path.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    byEndpoint.set(endpoint, (byEndpoint.get(endpoint) ?? 0) + 1);
  }
  const top = [...byEndpoint.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { calls: count, throttled: entries.filter((e) => e.status === 429).length, top: top.map(([k, n]) => `${k}=${n}`).join('; ') };
}

/**
 * The fewest calls the vendors' batch sizes allow for a phase (bench/minimum-calls.ts says what each
 * term is), from the data as the phase meets it: the invoices' pages, lines, customers and the
 * customers' contacts' primary companies. The rate-limit-bound time is the slower side at our budgets.
 */
function minimumCalls(phase: Phase, records: number, company: Company | undefined, account: Account | undefined, contactOfCustomer: Map<string, string>): MinimumCalls {
  if (phase === 'contacts') return minimumContactCalls(records);
  if (phase === 'products') return minimumProductCalls(records);
  if (phase === 'payments') return minimumPaymentCalls(records);
  const invoices = [...company!.collection('Invoice').values()].sort((a, b) => Number(a.Id) - Number(b.Id));
  const primaryCompany = (contactId: string | undefined) => contactId !== undefined && account!.associations.list('contacts', contactId, 'companies').some((l) => l.typeIds.includes(1));
  return minimumInvoiceCalls(
    invoicePages(invoices, (page) => {
      const customers = page.map((i) => String((i.CustomerRef as { value?: string } | undefined)?.value));
      return {
        invoices: page.length,
        lines: page.reduce((n, i) => n + linesOfQboInvoice(i).length, 0),
        contacts: new Set(customers).size,
        withCompany: customers.filter((c) => primaryCompany(contactOfCustomer.get(c))).length,
      };
    }),
  );
}

type Phase = 'contacts' | 'products' | 'invoices' | 'payments';
const PHASES: ReadonlyArray<{ phase: Phase; direction: string; fieldMappings: () => unknown }> = [
  { phase: 'contacts', direction: 'two_way', fieldMappings: defaultContactMappings },
  { phase: 'products', direction: 'qbo_to_hubspot', fieldMappings: defaultProductMappings },
  { phase: 'invoices', direction: 'qbo_to_hubspot', fieldMappings: defaultInvoiceMappings },
  { phase: 'payments', direction: 'qbo_to_hubspot', fieldMappings: defaultPaymentMappings },
];

export async function benchInvoicesSync(): Promise<Record<string, number | string>> {
  const rss = trackPeakRss();
  const app = await startBenchApp();
  const { url, service, hubspot, qbo, apps } = app;
  const db = service.ctx.db;
  const log = (line: string) => process.stdout.write(`  [${new Date().toISOString().slice(11, 19)}] ${line}\n`);

  async function takeCalls(): Promise<{ hubspot: CallLog; qbo: CallLog }> {
    type Entry = { method: string; path: string; status: number };
    const hs = (await (await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`)).json()) as { total: number; results: Entry[] };
    const qb = (await (await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`)).json()) as { count: number; calls: Entry[] };
    await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`, { method: 'DELETE' });
    await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`, { method: 'DELETE' });
    return { hubspot: callLog(hs.results, hs.total), qbo: callLog(qb.calls, qb.count) };
  }
  async function statesOf(objectType: string): Promise<Record<string, number>> {
    const rows = await db('sync_records').where({ portal_id: PORTAL, object_type: objectType }).groupBy('state', 'reason_code').select('state', 'reason_code').count('* as n');
    return Object.fromEntries(rows.map((r) => [r.reason_code ? `${String(r.state)}:${String(r.reason_code)}` : String(r.state), Number(r.n)]));
  }
  /** Waits until no sync or webhook job is queued or running, so the next phase and the edits measure themselves alone. */
  async function drain(): Promise<void> {
    for (;;) {
      const busy = await db.raw<{ rows: Array<{ n: number }> }>(
        `select count(*)::int as n from pgboss.job where name in ('sync.record', 'sync.records', 'sync.catch-up', 'webhooks.process') and state in ('created', 'retry', 'active')`,
      );
      if (busy.rows[0]!.n === 0) return;
      await sleep(500);
    }
  }

  /** Duplicates check on the HubSpot side: one invoice per QuickBooks invoice, each with exactly its 3 live line items. */
  function lineItemCheck(when: string): Record<string, number> {
    const account = hubspot.state.account(PORTAL)!;
    const live = (type: 'invoices' | 'line_items' | 'commerce_payments') => [...account.collection(type).records.values()].filter((r) => !r.archived);
    const invoices = live('invoices');
    const liveLineItems = new Set(live('line_items').map((r) => r.id));
    const linesOf = (id: string) => account.associations.list('invoices', id, 'line_items').filter((l) => liveLineItems.has(l.toId)).length;
    return {
      [`hubspot_invoices_${when}`]: invoices.length,
      [`hubspot_live_line_items_${when}`]: liveLineItems.size,
      [`hubspot_invoices_not_3_lines_${when}`]: invoices.filter((i) => linesOf(i.id) !== LINES).length,
      [`hubspot_payments_${when}`]: live('commerce_payments').length,
    };
  }

  try {
    // Seed QuickBooks: customers, items with SKUs, invoices of 3 lines, payments each paying its own invoice.
    await post(`${hubspot.baseUrl}/_sandbox/accounts`, { portalId: PORTAL });
    await post(`${qbo.baseUrl}/_sandbox/companies`, { realmId: REALM, companyName: 'Bench Invoices Co', country: 'US' });
    const seeded = await post(`${qbo.baseUrl}/_sandbox/companies/${REALM}/seed`, {
      seed: 21,
      customers: CUSTOMERS,
      items: ITEMS,
      invoices: INVOICES,
      payments: PAYMENTS,
      linesPerInvoice: LINES,
      oneInvoicePerPayment: true,
      // Terms, classes, departments, invoices from estimates and credit memos applied by payments, as real companies have.
      shapes: true,
    });
    log(`seeded ${JSON.stringify(seeded)}`);

    await driveHubSpotInstall(`${url}/oauth/hubspot/install`, PORTAL);
    const link = await hubspotSignedFetch(`${url}/api/v1/quickbooks/connect-link?portalId=${PORTAL}`, { method: 'POST', body: {}, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
    await driveQboConnect(((await link.json()) as { url: string }).url, REALM);
    await takeCalls();

    const figures: Record<string, number | string> = {
      customers: Number(seeded.customers),
      items: Number(seeded.items),
      invoices: Number(seeded.invoices),
      lines_per_invoice: LINES,
      payments: Number(seeded.payments),
    };
    const totals = { seconds: 0, records: 0, hubspot: 0, qbo: 0, minHubSpot: 0, minQbo: 0, throttled: 0 };
    for (const { phase, direction, fieldMappings } of PHASES) {
      const started = performance.now();
      const setup = await hubspotSignedFetch(`${url}/api/v1/syncs/${phase}?portalId=${PORTAL}`, {
        method: 'PUT',
        body: { direction, conflictWinner: 'quickbooks', fieldMappings: fieldMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
        clientSecret: apps.hubspot.clientSecret,
        appId: apps.hubspot.appId,
      });
      if (!setup.ok) throw new Error(`${phase} setup → ${setup.status} ${await setup.text()}`);
      // The first sync is done when the backfill is marked complete (a failed pass retries from its checkpoint).
      let lastReport = performance.now();
      for (;;) {
        const definition = await db('sync_definitions').where({ portal_id: PORTAL, object_type: phase }).first<{ backfill_completed_at: Date | null }>();
        if (definition?.backfill_completed_at) break;
        if (performance.now() - lastReport > 30_000) {
          lastReport = performance.now();
          log(`${phase}: ${Math.round((lastReport - started) / 1000)} s ${JSON.stringify(await statesOf(phase))}`);
        }
        await sleep(500);
      }
      const seconds = (performance.now() - started) / 1000;
      const runs = await db('sync_runs').where({ portal_id: PORTAL, object_type: phase }).groupBy('trigger', 'status').select('trigger', 'status').count('* as n');
      const states = await statesOf(phase);
      const records = Object.values(states).reduce((a, b) => a + b, 0);
      await drain();
      const calls = await takeCalls();
      const contactOfCustomer = new Map(
        (await db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts' }).whereNotNull('qbo_id').whereNotNull('hubspot_id').select('qbo_id', 'hubspot_id')).map((r) => [String(r.qbo_id), String(r.hubspot_id)]),
      );
      const min = minimumCalls(phase, records, qbo.state.company(REALM), hubspot.state.account(PORTAL), contactOfCustomer);
      log(`${phase}: ${round(seconds, 1)} s, ${records} records ${JSON.stringify(states)}`);
      Object.assign(figures, {
        [`${phase}_records`]: records,
        [`${phase}_record_states`]: Object.entries(states).map(([k, v]) => `${k}=${v}`).join(' '),
        [`${phase}_runs`]: runs.map((r) => `${String(r.trigger)}/${String(r.status)}=${String(r.n)}`).join(' '),
        [`${phase}_first_sync_wall_s`]: Math.round(seconds),
        [`${phase}_records_per_s`]: round(records / seconds, 1),
        [`${phase}_hubspot_calls_per_record`]: round(calls.hubspot.calls / records),
        [`${phase}_qbo_calls_per_record`]: round(calls.qbo.calls / records),
        [`${phase}_429s`]: calls.hubspot.throttled + calls.qbo.throttled,
        [`${phase}_hubspot_top_endpoints`]: calls.hubspot.top,
        [`${phase}_qbo_top_endpoints`]: calls.qbo.top,
        [`${phase}_min_hubspot_calls_batched`]: min.hubspot,
        [`${phase}_min_hubspot_calls_terms`]: describeTerms(min.terms),
        [`${phase}_min_qbo_calls_batched`]: min.qbo,
        [`${phase}_hubspot_calls`]: calls.hubspot.calls,
        [`${phase}_qbo_calls`]: calls.qbo.calls,
        [`${phase}_hubspot_calls_vs_min`]: round(calls.hubspot.calls / Math.max(1, min.hubspot)),
        [`${phase}_qbo_calls_vs_min`]: round(calls.qbo.calls / Math.max(1, min.qbo)),
        [`${phase}_rate_limit_bound_s_batched`]: Math.ceil(Math.max(min.hubspot / HUBSPOT_CALLS_PER_S, min.qbo / QBO_CALLS_PER_S)),
      });
      totals.seconds += seconds;
      totals.records += records;
      totals.hubspot += calls.hubspot.calls;
      totals.qbo += calls.qbo.calls;
      totals.minHubSpot += min.hubspot;
      totals.minQbo += min.qbo;
      totals.throttled += calls.hubspot.throttled + calls.qbo.throttled;
    }
    Object.assign(figures, {
      total_records: totals.records,
      total_first_sync_wall_s: Math.round(totals.seconds),
      total_records_per_s: round(totals.records / totals.seconds, 1),
      total_hubspot_calls: totals.hubspot,
      total_qbo_calls: totals.qbo,
      total_hubspot_calls_per_record: round(totals.hubspot / totals.records),
      total_qbo_calls_per_record: round(totals.qbo / totals.records),
      total_429s: totals.throttled,
      total_min_hubspot_calls_batched: totals.minHubSpot,
      total_min_qbo_calls_batched: totals.minQbo,
      total_hubspot_calls_vs_min: round(totals.hubspot / Math.max(1, totals.minHubSpot)),
      total_qbo_calls_vs_min: round(totals.qbo / Math.max(1, totals.minQbo)),
      total_rate_limit_bound_s_batched: Math.ceil(Math.max(totals.minHubSpot / HUBSPOT_CALLS_PER_S, totals.minQbo / QBO_CALLS_PER_S)),
    });

    Object.assign(figures, lineItemCheck('after_first_sync'));

    // 200 single edits: a QuickBooks invoice's CustomerMemo changed through the API → webhook → HubSpot invoice.
    const token = String((await post(`${qbo.baseUrl}/_sandbox/tokens`, { clientId: apps.quickbooks.clientId, realmId: REALM })).access_token);
    const linked = await db('sync_records').where({ portal_id: PORTAL, object_type: 'invoices', state: 'synced' }).whereNotNull('hubspot_id').orderBy('id').limit(EDITS).select('hubspot_id', 'qbo_id');
    const invoices = hubspot.state.account(PORTAL)!.collection('invoices');
    const latencies: number[] = [];
    let slowest = '';
    for (const [i, row] of linked.entries()) {
      const memo = `Bench edit ${i + 1}`;
      const current = qbo.state.company(REALM)!.get('Invoice', row.qbo_id as string)!;
      const t0 = performance.now();
      await post(`${qbo.baseUrl}/v3/company/${REALM}/invoice?minorversion=75`, { Id: current.Id, SyncToken: current.SyncToken, sparse: true, CustomerMemo: { value: memo } }, { authorization: `Bearer ${token}`, accept: 'application/json' });
      for (;;) {
        if (invoices.get(row.hubspot_id as string)?.properties.get('hs_comments') === memo) break;
        if (performance.now() - t0 > 180_000) throw new Error(`edit of QuickBooks invoice ${row.qbo_id as string} not in HubSpot within 180 s`);
        await sleep(20);
      }
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (ms === Math.max(...latencies)) slowest = `${Math.round(ms)} ms (edit ${i + 1})`;
    }
    const editCalls = await takeCalls();
    Object.assign(figures, lineItemCheck('after_edits'));
    latencies.sort((a, b) => a - b);
    return {
      ...figures,
      edits: latencies.length,
      qbo_edit_to_hubspot_p50_ms: Math.round(percentile(latencies, 50)),
      qbo_edit_to_hubspot_p95_ms: Math.round(percentile(latencies, 95)),
      qbo_edit_to_hubspot_max: slowest,
      edit_hubspot_calls_per_edit: round(editCalls.hubspot.calls / Math.max(1, latencies.length)),
      edit_hubspot_top_endpoints: editCalls.hubspot.top,
      // The benchmark's own QuickBooks write of each edit is in the log too: it is not the service's.
      edit_qbo_calls_per_edit: round((editCalls.qbo.calls - latencies.length) / Math.max(1, latencies.length)),
      peak_rss_mb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    await app.stop();
  }
}
