/**
 * Exports end to end (R29): request → background job → file → in-app alert and e-mail with a signed,
 * expiring link → download; files read back (CSV parsed, XLSX opened with exceljs) with exact rows.
 * Tenancy, forged and expired links, bad input, and the purge of expired files.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { insertSyncRecord } from '../../../backend/src/db/sync-records.ts';
import { signedDownloadUrl } from '../../../backend/src/exports/download-link.ts';
import { purgeExpiredExports, sweepOrphanExportFiles } from '../../../backend/src/exports/purge-exports.ts';
import { createExportJob } from '../../../backend/src/db/export-jobs.ts';
import { generateExport } from '../../../backend/src/exports/generate-export.ts';
import { connectionStatusSchema, errorEnvelopeSchema, exportJobViewSchema, exportListResponseSchema, RECORD_COLUMNS, type CreateExportRequest, type ExportJobView } from '@quickbooks-sync/contract';
import { decodeQuotedPrintable, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

const A = 58_200_001;
const B = 58_200_002;
const USER = 'exporter@a.test';

/** RFC 4180 as csv-stringify writes it: fields quoted when needed, "" inside quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('exports', () => {
  let h: AppHarness;
  let smtp: SmtpSink;
  let exportsDir: string;
  const ids: Record<string, number> = {};
  const synced = new Date(Date.UTC(2026, 10, 20, 9, 30, 15));

  async function startExport(body: CreateExportRequest | Record<string, unknown>, portalId = A) {
    return h.signedFetch(`/api/v1/exports?userEmail=${encodeURIComponent(USER)}`, portalId, { method: 'POST', body });
  }
  async function finished(id: string, portalId = A): Promise<ExportJobView> {
    return eventually(async () => {
      const view = exportJobViewSchema.parse(await (await h.signedFetch(`/api/v1/exports/${id}`, portalId)).json());
      return view.status === 'succeeded' || view.status === 'failed' ? view : undefined;
    });
  }
  async function exportOf(body: CreateExportRequest, portalId = A): Promise<ExportJobView> {
    const res = await startExport(body, portalId);
    expect(res.status).toBe(202);
    const queued = exportJobViewSchema.parse(await res.json());
    expect(queued).toMatchObject({ status: 'queued', downloadUrl: null, rowCount: null });
    const done = await finished(queued.id, portalId);
    expect(done.status).toBe('succeeded');
    return done;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    exportsDir = await mkdtemp(path.join(tmpdir(), 'hqs-exports-'));
    h = await startAppHarness({ EXPORTS_DIR: exportsDir, SMTP_URL: smtp.url, MAIL_FROM: 'Sync <sync@example.test>', EXPORT_LINK_TTL_HOURS: '2' });
    for (const [portal, realm] of [[A, '7820001'], [B, '7820002']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm)).status).toBe(200);
    }
    const db = h.db.db;
    ids.plain = Number((await insertSyncRecord(db, { portal_id: A, object_type: 'contacts', hubspot_id: '11', qbo_id: '21', state: 'synced', origin: 'hubspot', last_direction: 'to_qbo', last_synced_at: synced, display_name: 'Plain Person', email: 'plain@a.test' })).id);
    ids.quoted = Number((await insertSyncRecord(db, { portal_id: A, object_type: 'contacts', hubspot_id: '12', state: 'failed', reason_code: 'display_name_taken', message: 'Line one, "quoted"\nLine two', display_name: 'Comma, Quote "Q" Inc', email: 'q@a.test', origin: 'hubspot' })).id);
    ids.formula = Number((await insertSyncRecord(db, { portal_id: A, object_type: 'contacts', hubspot_id: '13', state: 'excluded', reason_code: 'filtered_out', message: 'Excluded by the sync filter.', display_name: '=HYPERLINK("http://evil")' })).id);
    ids.unicode = Number((await insertSyncRecord(db, { portal_id: A, object_type: 'contacts', qbo_id: '24', state: 'synced', origin: 'quickbooks', last_direction: 'to_hubspot', last_synced_at: synced, display_name: 'Zoë Ünïcode 東京', email: 'zoe@a.test' })).id);
    ids.product = Number((await insertSyncRecord(db, { portal_id: A, object_type: 'products', hubspot_id: '15', state: 'synced', display_name: 'Widget' })).id);
    ids.ofB = Number((await insertSyncRecord(db, { portal_id: B, object_type: 'contacts', hubspot_id: '11', state: 'synced', display_name: 'Secret of B', email: 'secret@b.test' })).id);
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
    await rm(exportsDir, { recursive: true, force: true });
  });

  let csvExport: ExportJobView;

  it('CSV: the filtered records, every column, newest first, announced in-app and by e-mail with a link that downloads the file', async () => {
    csvExport = await exportOf({ format: 'csv', filters: { objectType: 'contacts' } });
    expect(csvExport).toMatchObject({ format: 'csv', filters: { objectType: 'contacts' }, rowCount: 4, error: null, columns: RECORD_COLUMNS.map((c) => c.key) });
    expect(csvExport.downloadUrl).toMatch(new RegExp(`^${h.url}/exports/${csvExport.id}/download\\?expires=\\d+&signature=[A-Za-z0-9_-]{43}$`));
    const expiresIn = Date.parse(csvExport.expiresAt!) - Date.parse(csvExport.finishedAt!);
    expect(expiresIn).toBe(2 * 3_600_000);

    const connection = connectionStatusSchema.parse(await (await h.signedFetch('/api/v1/connection', A)).json());
    expect(connection.alerts).toContainEqual(expect.objectContaining({ kind: 'export_ready', severity: 'info', title: 'Your export is ready', link: csvExport.downloadUrl }));
    const mail = await eventually(async () => smtp.messages.find((m) => decodeQuotedPrintable(m.data).includes(csvExport.downloadUrl!)));
    expect(mail.to).toEqual([`<${USER}>`]);
    expect(mail.from).toBe('<sync@example.test>');

    const res = await fetch(csvExport.downloadUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sync-records-contacts-${csvExport.createdAt.slice(0, 10)}.csv"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(csvExport.fileBytes);
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(text.slice(1))).toEqual([
      ['Name', 'E-mail', 'HubSpot ID', 'QuickBooks ID', 'Sync state', 'Reason', 'Message', 'Last synced', 'Direction', 'Created in'],
      ['Zoë Ünïcode 東京', 'zoe@a.test', '', '24', 'Synced', '', '', synced.toISOString(), 'QuickBooks → HubSpot', 'QuickBooks'],
      [`'=HYPERLINK("http://evil")`, '', '13', '', 'Excluded', 'Excluded by the sync filter', 'Excluded by the sync filter.', '', '', ''],
      ['Comma, Quote "Q" Inc', 'q@a.test', '12', '', 'Failed', 'Display name already used in QuickBooks', 'Line one, "quoted"\nLine two', '', '', 'HubSpot'],
      ['Plain Person', 'plain@a.test', '11', '21', 'Synced', '', '', synced.toISOString(), 'HubSpot → QuickBooks', 'HubSpot'],
    ]);
  });

  it('XLSX: the chosen columns in order, dates as dates', async () => {
    const xlsx = await exportOf({ format: 'xlsx', filters: { state: 'synced' }, columns: ['displayName', 'state', 'lastSyncedAt', 'qboId'] });
    expect(xlsx.rowCount).toBe(3);
    const res = await fetch(xlsx.downloadUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sync-records-synced-${xlsx.createdAt.slice(0, 10)}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Sync records')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // Only the latest export's alert stays open.
    const connection = connectionStatusSchema.parse(await (await h.signedFetch('/api/v1/connection', A)).json());
    expect(connection.alerts.filter((a) => a.kind === 'export_ready').map((a) => a.link)).toEqual([xlsx.downloadUrl]);
    expect(rows).toEqual([
      ['Name', 'Sync state', 'Last synced', 'QuickBooks ID'],
      ['Widget', 'Synced'],
      ['Zoë Ünïcode 東京', 'Synced', synced, '24'],
      ['Plain Person', 'Synced', synced, '21'],
    ]);
  });

  it('lists the account’s exports only; another account cannot read one or use its link for another file', async () => {
    const list = exportListResponseSchema.parse(await (await h.signedFetch('/api/v1/exports', A)).json());
    expect(list.exports.map((e) => e.format)).toEqual(['xlsx', 'csv']);
    const ofB = await exportOf({ format: 'csv' }, B);
    expect(ofB.rowCount).toBe(1);
    expect(exportListResponseSchema.parse(await (await h.signedFetch('/api/v1/exports', B)).json()).exports.map((e) => e.id)).toEqual([ofB.id]);

    const foreign = await h.signedFetch(`/api/v1/exports/${ofB.id}`, A);
    expect(foreign.status).toBe(404);
    expect(errorEnvelopeSchema.parse(await foreign.json()).error.code).toBe('not_found');
    // A's valid signature does not open B's file.
    const swapped = csvExport.downloadUrl!.replace(csvExport.id, ofB.id);
    const refused = await fetch(swapped);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'This download link is not valid. Open the latest link from the app, or export again.' } });
  });

  it('refuses forged, tampered and expired links', async () => {
    const url = new URL(csvExport.downloadUrl!);
    const signature = url.searchParams.get('signature')!;
    const forged = new URL(url);
    forged.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const missing = new URL(url);
    missing.searchParams.delete('signature');
    for (const bad of [forged, later, missing, new URL(`${h.url}/exports/not-a-uuid/download?expires=1&signature=x`)]) {
      const res = await fetch(bad);
      expect(res.status, bad.toString()).toBe(403);
      expect(errorEnvelopeSchema.parse(await res.json()).error.code).toBe('forbidden');
    }
    // Genuinely signed, but past its expiry.
    const expired = await fetch(signedDownloadUrl(h.ctx.env, csvExport.id, new Date(Date.now() - 1_000)));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ error: { code: 'forbidden', message: 'This download link has expired. Export again from the record view.' } });
  });

  it('rejects bad requests with the 400 envelope', async () => {
    for (const body of [{ format: 'pdf' }, { format: 'csv', filters: { objectType: 'deals' } }, { format: 'csv', columns: ['password'] }, { format: 'csv', columns: [] }, { format: 'csv', portalId: B }, {}]) {
      const res = await startExport(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorEnvelopeSchema.parse(await res.json()).error.code).toBe('invalid_request');
    }
    expect((await h.signedFetch('/api/v1/exports/not-a-uuid', A)).status).toBe(404);
  });

  it('refuses a third export while two are in progress (exports left running for over an hour do not count)', async () => {
    const queued = async () => (await createExportJob(h.db.db, { id: randomUUID(), portalId: B, format: 'csv', filters: {} })).id;
    const first = await queued();
    await queued();
    const refused = await startExport({ format: 'csv' }, B);
    expect(refused.status).toBe(409);
    expect(errorEnvelopeSchema.parse(await refused.json()).error.code).toBe('conflict');
    await h.db.db('export_jobs').where({ id: first }).update({ created_at: new Date(Date.now() - 2 * 3_600_000) });
    const accepted = await startExport({ format: 'csv' }, B);
    expect(accepted.status).toBe(202);
    expect((await finished(exportJobViewSchema.parse(await accepted.json()).id, B)).status).toBe('succeeded');
  });

  it('sweeps export files no export owns once they are a day old', async () => {
    const old = new Date(Date.now() - 2 * 86_400_000);
    const orphan = path.join(exportsDir, `${randomUUID()}.csv`);
    const partial = path.join(exportsDir, `${randomUUID()}.xlsx.partial`);
    const fresh = path.join(exportsDir, `${randomUUID()}.csv`);
    for (const file of [orphan, partial, fresh]) await writeFile(file, 'x');
    await utimes(orphan, old, old);
    await utimes(partial, old, old);
    const owned = (await h.db.db('export_jobs').where({ portal_id: A, format: 'xlsx', status: 'succeeded' }).first()).file_path as string;
    await utimes(owned, old, old);
    expect(await sweepOrphanExportFiles(h.ctx)).toBe(2);
    expect([orphan, partial, fresh, owned].map((f) => existsSync(f))).toEqual([false, false, true, true]);
  });

  it('records a failed export and announces it when the file cannot be written', async () => {
    const job = await createExportJob(h.db.db, { id: randomUUID(), portalId: A, format: 'xlsx', filters: {} });
    const blocked = path.join(exportsDir, 'not-a-directory');
    await writeFile(blocked, 'x');
    await generateExport({ ...h.ctx, env: { ...h.ctx.env, EXPORTS_DIR: blocked } }, A, job.id);
    const view = exportJobViewSchema.parse(await (await h.signedFetch(`/api/v1/exports/${job.id}`, A)).json());
    expect(view).toMatchObject({ status: 'failed', downloadUrl: null, error: 'The file could not be written. Try again; if it keeps failing, contact support.' });
    const connection = connectionStatusSchema.parse(await (await h.signedFetch('/api/v1/connection', A)).json());
    expect(connection.alerts).toContainEqual(expect.objectContaining({ kind: 'export_failed', severity: 'error', link: null }));
    await rm(blocked);
  });

  it('purges expired exports: the file is deleted and the old link stops working', async () => {
    const row = await h.db.db('export_jobs').where({ id: csvExport.id }).first();
    expect(existsSync(row.file_path)).toBe(true);
    await h.db.db('export_jobs').where({ id: csvExport.id }).update({ expires_at: new Date(Date.now() - 60_000) });
    // The link itself is still within its signed expiry, but the export is over: refused before the purge too.
    expect((await fetch(csvExport.downloadUrl!)).status).toBe(403);
    expect(await purgeExpiredExports(h.ctx)).toBe(1);
    expect(existsSync(row.file_path)).toBe(false);
    const view = exportJobViewSchema.parse(await (await h.signedFetch(`/api/v1/exports/${csvExport.id}`, A)).json());
    expect(view).toMatchObject({ status: 'expired', downloadUrl: null });
    expect((await fetch(csvExport.downloadUrl!)).status).toBe(403);
    expect(await purgeExpiredExports(h.ctx)).toBe(0);
  });
});
