/**
 * A second `npm start` carries on with the same demo: start it (embedded Postgres, as a first run on a
 * fresh machine), let the syncs settle, Ctrl-C it (SIGINT to its whole process group, as a terminal
 * does: the embedded Postgres must not be the first to hear it), start it again. `npm run status`
 * shows the same counts, both emulators hold the same records, no failure is added, and neither stop
 * logged an error or a stack; the embedded Postgres is stopped by us, last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_ID, DEMO_REALM_ID } from '../../backend/sandbox/demo/demo-data.ts';
import { OBJECT_TYPES } from '../../backend/sandbox/hubspot/index.ts';
import { freePort } from '../helpers/free-port.ts';
import { stackLines, startServiceProcess, type ServiceProcess } from '../helpers/service-process.ts';

const READY = 'ready: the demo account is installed and connected to QuickBooks';
const QBO_ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment', 'Account'];

let dir: string;
let vars: Record<string, string>;
const runs: ServiceProcess[] = [];

function start(): ServiceProcess {
  const run = startServiceProcess(['all'], vars);
  runs.push(run);
  return run;
}

async function status(): Promise<string> {
  const run = startServiceProcess([], vars, 'backend/src/cli/status.ts');
  const code = await run.exited;
  if (code !== 0) throw new Error(`npm run status exited ${code}: ${run.output()}`);
  return run.output();
}

/** The status table without times (last sync) — what must not change across a restart. */
const counts = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');

/** A column of the main demo account's status table per object, e.g. synced or pending (the status lists every demo account). */
function column(text: string, name: 'synced' | 'pending'): Record<string, number> {
  const section = text.split(/\n(?=HubSpot account )/).find((s) => s.startsWith(`HubSpot account ${DEMO_PORTAL_ID} `)) ?? '';
  const lines = section.split('\n').filter((l) => /^ {2}(contacts|products|invoices|payments) /.test(l));
  const entries = lines.map((l): [string, number] => {
    const cells = l.trim().split(/\s+/);
    const [synced = NaN, , , pending = NaN] = cells.slice(-5).map(Number);
    return [cells[0] ?? '', name === 'synced' ? synced : pending];
  });
  return Object.fromEntries(entries);
}

/** Settled: the bookkeeper's invoices and payments synced, nothing pending, and two readings a few seconds apart agree. */
async function settledStatus(expected: { invoices: number; payments: number }): Promise<string> {
  const deadline = Date.now() + 120_000;
  let previous = '';
  for (;;) {
    const now = counts(await status());
    const synced = column(now, 'synced');
    const pending = Object.values(column(now, 'pending'));
    const arrived = (synced.invoices ?? 0) >= expected.invoices && (synced.payments ?? 0) >= expected.payments;
    if (now === previous && arrived && pending.length > 0 && pending.every((p) => p === 0)) return now;
    if (Date.now() > deadline) throw new Error(`the demo's syncs did not settle:\n${now}`);
    previous = now;
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

async function emulatorRecords(): Promise<Record<string, unknown>> {
  const get = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as unknown;
  };
  const hubspot = `http://127.0.0.1:${vars.SANDBOX_HUBSPOT_PORT}/_sandbox/accounts/${DEMO_PORTAL_ID}`;
  const quickbooks = `http://127.0.0.1:${vars.SANDBOX_QBO_PORT}/_sandbox/companies/${DEMO_REALM_ID}/state`;
  const records: Record<string, unknown> = {};
  for (const type of OBJECT_TYPES) records[`hubspot.${type}`] = await get(`${hubspot}/objects/${type}?limit=100000&includeArchived=true`);
  for (const entity of QBO_ENTITIES) records[`quickbooks.${entity}`] = await get(`${quickbooks}?entity=${entity}&limit=100000`);
  return records;
}

/** Ctrl-C after ready: exit 0, no error or stack in the log, the embedded Postgres stopped (its pid file gone, its log says so). */
async function interruptAndCheck(run: ServiceProcess): Promise<void> {
  run.interrupt();
  expect(await run.exited).toBe(0);
  const output = run.output();
  expect(output).toContain('shut down cleanly');
  expect(output.split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  expect(stackLines(output)).toEqual([]);
  const pgDir = path.join(dir, 'postgres');
  expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
  const log = readFileSync(`${pgDir}.log`, 'utf8');
  // Postgres received our fast shutdown, not the terminal's interrupt first (which would have cut our connections).
  expect(log.trim().split('\n').at(-1)).toContain('database system is shut down');
  expect(log).not.toMatch(/terminating connection due to administrator command/);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hqs-restart-'));
  vars = {
    PORT: String(await freePort()),
    SANDBOX_HUBSPOT_PORT: String(await freePort()),
    SANDBOX_QBO_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    EMBEDDED_PG_DIR: path.join(dir, 'postgres'),
    SANDBOX_DATA_DIR: path.join(dir, 'sandbox'),
    EXPORTS_DIR: path.join(dir, 'exports'),
  };
});

afterAll(async () => {
  for (const run of runs) {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.interrupt();
      await run.exited;
    }
  }
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('npm start, Ctrl-C, npm start again', () => {
  it('keeps what was synced and what the emulators hold', async () => {
    const first = start();
    await first.waitFor(READY, 90_000);
    const bookkeeper = /demo bookkeeper created (\d+) QuickBooks invoices .* took payment of (\d+)/.exec(first.output());
    expect(bookkeeper).not.toBeNull();
    const expected = { invoices: Number(bookkeeper?.[1]), payments: first.output().includes('demo payments sync set up') ? Number(bookkeeper?.[2]) : 0 };
    const before = await settledStatus(expected);
    expect(before).toMatch(/invoices +enabled/);
    const recordsBefore = await emulatorRecords();
    await interruptAndCheck(first);

    const second = start();
    await second.waitFor(READY, 90_000);
    expect(second.output()).toContain('emulators started with the demo saved by the earlier run');
    expect(second.output()).toContain('kept from an earlier run');
    expect(second.output()).not.toContain('emulators started and seeded');
    const recordsAfter = await emulatorRecords();
    expect(recordsAfter).toEqual(recordsBefore);
    // A few seconds of running (webhooks, the schedule) change nothing either.
    await new Promise((r) => setTimeout(r, 5_000));
    const after = await settledStatus(expected);
    expect(after).toBe(before);
    expect(await emulatorRecords()).toEqual(recordsBefore);
    await interruptAndCheck(second);
  }, 300_000);
});
