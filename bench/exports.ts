/**
 * Exports benchmark (R29): seeds BENCH_EXPORT_ROWS sync_records (default 100,000; one bulk
 * INSERT … SELECT) for one account, then runs a CSV and an XLSX export of all of them the way the
 * settings page does (signed POST, background job, poll until ready), and downloads each file.
 * Per format: wall time from request to ready, rows/s, file size, the peak RSS above the RSS before
 * the export (sampled every 25 ms; service, worker and emulators share this process), and, in a
 * second run of the same export, the peak heap + Buffers retained after a full GC (needs
 * NODE_OPTIONS=--expose-gc; GC twice a second slows that run, so it is not the timed one).
 * Also times the object view and record-view pages at that size, and again once the account has
 * BENCH_VIEW_ROWS records (default 1,000,000).
 */
import { startBenchApp } from './bench-app.ts';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { hubspotSignedFetch } from '../backend/sandbox/hubspot/signed-fetch.ts';
import { driveHubSpotInstall } from '../backend/sandbox/demo/consent-driver.ts';
import { exportJobViewSchema, type ExportJobView } from '@quickbooks-sync/contract';
import type { Knex } from '../backend/src/db/knex.ts';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
/** After the exports, the account grows to this many records and the views are timed again. */
const VIEW_ROWS = Number(process.env.BENCH_VIEW_ROWS ?? 1_000_000);
const PORTAL = 6_200_001;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Rows `from`..`to` of the account: a realistic mix of states and reasons, names with commas and accents, long-ish messages. */
async function seedRecords(db: Knex, from: number, to: number): Promise<void> {
  await db.raw(
    `insert into sync_records (portal_id, object_type, hubspot_id, qbo_id, origin, state, reason_code, message, display_name, email, last_direction, last_synced_at)
     select ?, (array['contacts','products','invoices','payments'])[1 + i % 4],
            (100000 + i)::text,
            case when i % 10 < 8 then (i)::text end,
            case when i % 2 = 0 then 'hubspot' else 'quickbooks' end,
            case when i % 10 < 8 then 'synced' when i % 10 = 8 then 'failed' else 'excluded' end,
            case when i % 10 = 8 then 'display_name_taken' when i % 10 = 9 then 'filtered_out' end,
            case when i % 10 = 8 then 'QuickBooks customer #' || i || ' already uses the display name “Company ' || i || ', Inc.”, and display names are unique in QuickBooks.'
                 when i % 10 = 9 then 'Excluded by the sync filter: Lifecycle stage is not Customer.' end,
            'Zoë Person-' || i || ', Company ' || (i % 997),
            'person' || i || '@example-' || (i % 113) || '.test',
            case when i % 2 = 0 then 'to_qbo' else 'to_hubspot' end,
            now() - (i || ' seconds')::interval
     from generate_series(?::int, ?::int) as i`,
    [PORTAL, from, to],
  );
  await db.raw('analyze sync_records');
}

export async function benchExports(): Promise<Record<string, number | string>> {
  const app = await startBenchApp((dir) => ({ EXPORTS_DIR: path.join(dir, 'exports') }));
  const { dir } = app;
  const { url, service, hubspot, apps } = app;
  const db = service.ctx.db;
  const signed = (pathAndQuery: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}) =>
    hubspotSignedFetch(`${url}${pathAndQuery}${pathAndQuery.includes('?') ? '&' : '?'}portalId=${PORTAL}`, { clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId, ...options });
  try {
    await fetch(`${hubspot.baseUrl}/_sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ portalId: PORTAL }) });
    await driveHubSpotInstall(`${url}/oauth/hubspot/install`, PORTAL);

    const seedStarted = performance.now();
    await seedRecords(db, 1, ROWS);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const timed = async (pathAndQuery: string) => {
      const t0 = performance.now();
      const res = await signed(pathAndQuery);
      if (!res.ok) throw new Error(`${pathAndQuery} → ${res.status} ${await res.text()}`);
      const bytes = (await res.arrayBuffer()).byteLength;
      return { ms: Math.round(performance.now() - t0), bytes };
    };
    const timeViews = async () => {
      await timed('/api/v1/object-view'); // warm-up
      const objectView = await timed('/api/v1/object-view');
      const firstPage = await timed('/api/v1/records?limit=100');
      const failedPage = await timed('/api/v1/records?state=failed&objectType=invoices&limit=100');
      const searchPage = await timed('/api/v1/records?search=person4242&limit=100');
      return { objectView, firstPage, failedPage, searchPage };
    };
    const { objectView, firstPage, failedPage, searchPage } = await timeViews();
    const figures: Record<string, number | string> = {
      rows: ROWS,
      seed_s: Math.round(seedSeconds * 10) / 10,
      object_view_ms: objectView.ms,
      records_first_page_100_ms: firstPage.ms,
      records_first_page_100_kb: Math.round(firstPage.bytes / 1024),
      records_failed_invoices_page_ms: failedPage.ms,
      records_search_page_ms: searchPage.ms,
    };

    /** One export through the API; `retained`: also sample heap + Buffers after a full GC (slows the run). */
    const runExport = async (format: 'csv' | 'xlsx', retained: boolean) => {
      globalThis.gc?.();
      await sleep(500);
      const live = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.external;
      };
      const rssBaseline = process.memoryUsage().rss;
      const liveBaseline = live();
      let rssPeak = rssBaseline;
      let livePeak = liveBaseline;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 25);
      const retainedSampler = retained
        ? setInterval(() => {
            globalThis.gc?.();
            livePeak = Math.max(livePeak, live());
          }, 500)
        : undefined;
      const started = performance.now();
      try {
        const res = await signed('/api/v1/exports', { method: 'POST', body: { format } });
        if (res.status !== 202) throw new Error(`export → ${res.status} ${await res.text()}`);
        const { id } = exportJobViewSchema.parse(await res.json());
        let view: ExportJobView;
        for (;;) {
          view = exportJobViewSchema.parse(await (await signed(`/api/v1/exports/${id}`)).json());
          if (view.status === 'succeeded' || view.status === 'failed') break;
          await sleep(100);
        }
        const wallSeconds = (performance.now() - started) / 1000;
        if (view.status !== 'succeeded' || view.rowCount !== ROWS) throw new Error(`${format} export ended ${view.status} with ${view.rowCount} rows`);
        return { view, wallSeconds, rssDelta: rssPeak - rssBaseline, retainedDelta: livePeak - liveBaseline };
      } finally {
        clearInterval(sampler);
        clearInterval(retainedSampler);
      }
    };

    for (const format of ['csv', 'xlsx'] as const) {
      const timed = await runExport(format, false);
      const download0 = performance.now();
      const downloaded = (await (await fetch(timed.view.downloadUrl!)).arrayBuffer()).byteLength;
      if (downloaded !== timed.view.fileBytes) throw new Error(`${format} download was ${downloaded} bytes, expected ${timed.view.fileBytes}`);
      const downloadMs = Math.round(performance.now() - download0);
      const measured = globalThis.gc ? await runExport(format, true) : undefined;
      Object.assign(figures, {
        [`${format}_wall_s`]: Math.round(timed.wallSeconds * 100) / 100,
        [`${format}_rows_per_s`]: Math.round(ROWS / timed.wallSeconds),
        [`${format}_file_mb`]: mb(timed.view.fileBytes),
        [`${format}_peak_rss_delta_mb`]: mb(timed.rssDelta),
        // Heap + Buffers after a full GC, in a second run: what the export holds (RSS also counts uncollected garbage).
        [`${format}_peak_retained_delta_mb`]: measured ? mb(measured.retainedDelta) : 'run with NODE_OPTIONS=--expose-gc',
        [`${format}_download_ms`]: downloadMs,
      });
    }
    if (VIEW_ROWS > ROWS) {
      await seedRecords(db, ROWS + 1, VIEW_ROWS);
      const large = await timeViews();
      Object.assign(figures, {
        view_rows: VIEW_ROWS,
        [`object_view_ms_at_view_rows`]: large.objectView.ms,
        [`records_first_page_100_ms_at_view_rows`]: large.firstPage.ms,
        [`records_failed_invoices_page_ms_at_view_rows`]: large.failedPage.ms,
        [`records_search_page_ms_at_view_rows`]: large.searchPage.ms,
      });
    }
    figures.rss_mb_after = mb(process.memoryUsage().rss);
    return figures;
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
