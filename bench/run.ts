/**
 * `npm run bench [scenario ...]`: runs benchmark scenarios and writes each result to
 * bench/results/<scenario>.json (committed, so figures can be compared across changes). Performance
 * targets live here, never in timed tests.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { benchHubSpotSandbox } from './sandbox-hubspot.ts';
import { benchQboSandbox } from './sandbox-qbo.ts';
import { benchContactsSync } from './contacts-sync.ts';
import { benchExports } from './exports.ts';
import { benchInvoicesSync } from './invoices-sync.ts';
import { readResults, summaryTable } from './summary.ts';
import { benchIdleTenant } from './idle-tenant.ts';
import { benchSchedulerAccounts } from './scheduler-accounts.ts';

const scenarios: Record<string, () => Promise<Record<string, number | string>>> = {
  'sandbox-hubspot': benchHubSpotSandbox,
  'sandbox-qbo': benchQboSandbox,
  'contacts-sync': benchContactsSync,
  exports: benchExports,
  'invoices-sync': benchInvoicesSync,
  'idle-tenant': benchIdleTenant,
  'scheduler-accounts': benchSchedulerAccounts,
  // Not in the default run (hours even at ×10): `npm run bench contacts-100k`. The ratio to the bound
  // under the multiplied limits is the figure, and its peak RSS against the 10k run's.
  'contacts-100k': () => benchContactsSync({ perSide: 100_000, limitsMultiplier: Number(process.env.BENCH_LIMITS_MULTIPLIER ?? 10) }),
};
const OPT_IN = new Set(['contacts-100k']);

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in scenarios));
if (unknown.length > 0) {
  process.stderr.write(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}\n`);
  process.exit(2);
}

for (const name of requested.length > 0 ? requested : Object.keys(scenarios).filter((n) => !OPT_IN.has(n))) {
  process.stdout.write(`\n== ${name}\n`);
  const started = Date.now();
  const figures = await scenarios[name]!();
  const result = {
    scenario: name,
    ranAt: new Date().toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    machine: { node: process.version, cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    figures,
  };
  for (const [key, value] of Object.entries(figures)) process.stdout.write(`  ${key.padEnd(40)} ${String(value)}\n`);
  await writeFile(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
}

process.stdout.write(`\n== summary (from bench/results; goals of issue 15)\n${summaryTable(await readResults(Object.keys(scenarios)))}\n`);
