/**
 * The table `npm run bench` ends with: each figure of issue 15's table beside its goal, read from the
 * committed results (bench/results/*.json), so a partial run still shows every figure — the ones not
 * measured say so instead of disappearing.
 */
import { readFile } from 'node:fs/promises';

type Figures = Record<string, number | string>;

interface Goal {
  figure: string;
  goal: string;
  /** The measured value in words, and whether it meets the goal; undefined when not measured. */
  measure(results: Record<string, Figures | undefined>): { value: string; met: boolean } | undefined;
}

const num = (f: Figures | undefined, key: string): number | undefined => (f && typeof f[key] === 'number' ? f[key] : undefined);
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const fmt = (n: number, digits = 2) => String(Math.round(n * 10 ** digits) / 10 ** digits);

function ratioGoal(figure: string, scenario: string, measured: string, bound: string, max: number): Goal {
  return {
    figure,
    goal: `≤ ${max}×`,
    measure: (r) => {
      const f = r[scenario];
      const x = ratio(num(f, measured), num(f, bound));
      return x === undefined ? undefined : { value: `${fmt(x)}× (${String(f?.[measured])} vs ${String(f?.[bound])})`, met: x <= max };
    },
  };
}

function belowGoal(figure: string, scenario: string, key: string, max: number, unit: string): Goal {
  return {
    figure,
    goal: `< ${max} ${unit}`,
    measure: (r) => {
      const x = num(r[scenario], key);
      return x === undefined ? undefined : { value: `${x} ${unit}`, met: x < max };
    },
  };
}

export const GOALS: Goal[] = [
  ratioGoal('contacts first sync: wall time / rate-limit bound', 'contacts-sync', 'first_sync_wall_s', 'rate_limit_bound_s_batched', 1.25),
  ratioGoal('contacts first sync: HubSpot calls / minimum', 'contacts-sync', 'hubspot_calls', 'min_hubspot_calls_batched', 1.1),
  ratioGoal('contacts first sync: QuickBooks calls / minimum', 'contacts-sync', 'qbo_calls', 'min_qbo_calls_batched', 1.1),
  ratioGoal('invoices + payments first sync: wall time / bound', 'invoices-sync', 'total_first_sync_wall_s', 'total_rate_limit_bound_s_batched', 1.25),
  ratioGoal('invoices + payments: HubSpot calls / minimum', 'invoices-sync', 'total_hubspot_calls', 'total_min_hubspot_calls_batched', 1.1),
  ratioGoal('invoices + payments: QuickBooks calls / minimum', 'invoices-sync', 'total_qbo_calls', 'total_min_qbo_calls_batched', 1.1),
  // Each phase of that benchmark on its own (bench/minimum-calls.ts: what each minimum counts).
  ...(['contacts', 'products', 'invoices', 'payments'] as const).flatMap((phase) => [
    ratioGoal(`  ${phase} phase: HubSpot calls / minimum`, 'invoices-sync', `${phase}_hubspot_calls`, `${phase}_min_hubspot_calls_batched`, 1.1),
    ratioGoal(`  ${phase} phase: QuickBooks calls / minimum`, 'invoices-sync', `${phase}_qbo_calls`, `${phase}_min_qbo_calls_batched`, 1.1),
  ]),
  belowGoal('webhook → write, single edits, p50', 'contacts-sync', 'webhook_to_write_p50_ms', 1000, 'ms'),
  belowGoal('webhook → write, single edits, p95', 'contacts-sync', 'webhook_to_write_p95_ms', 2000, 'ms'),
  belowGoal('edit while another account backfills 10k, p95', 'contacts-sync', 'edit_during_other_backfill_p95_ms', 2000, 'ms'),
  belowGoal('edit while its own account backfills 10k, p95', 'contacts-sync', 'edit_during_own_backfill_p95_ms', 2000, 'ms'),
  belowGoal('echo flood after the first sync: drained in', 'contacts-sync', 'echo_drain_s', 60, 's'),
  belowGoal('QuickBooks edit → HubSpot invoice, p95', 'invoices-sync', 'qbo_edit_to_hubspot_p95_ms', 2000, 'ms'),
  {
    figure: 'idle account, all four syncs: vendor calls per hour',
    goal: 'constant, no writes',
    measure: (r) => {
      const f = r['idle-tenant'];
      const hs = num(f, 'hubspot_calls_per_hour');
      const qb = num(f, 'qbo_calls_per_hour');
      return hs === undefined || qb === undefined ? undefined : { value: `HubSpot ${hs}, QuickBooks ${qb}; ${String(f?.idle_writes)} writes; ${String(f?.cycle_cpu_ms)} ms CPU per cycle`, met: f?.idle_writes === 0 };
    },
  },
  {
    figure: 'scheduler at 1,000 accounts: tick, idle round capacity',
    goal: 'tick < 1 s; one worker keeps all on schedule',
    measure: (r) => {
      const f = r['scheduler-accounts'];
      const accounts = num(f, 'accounts');
      const tick = num(f, 'schedule_tick_all_due_ms');
      const capacity = num(f, 'accounts_per_worker_at_5_min');
      if (accounts === undefined || tick === undefined || capacity === undefined) return undefined;
      return { value: `${accounts} accounts: tick ${String(f?.schedule_tick_nothing_due_ms_p50)} ms idle, ${tick} ms all due; ${capacity} accounts per worker`, met: accounts >= 1000 && tick < 1000 && capacity >= accounts };
    },
  },
  {
    figure: '100k per side: wall time / bound (limits multiplier)',
    goal: '≤ 1.25×',
    measure: (r) => {
      const x = ratio(num(r['contacts-100k'], 'first_sync_wall_s'), num(r['contacts-100k'], 'rate_limit_bound_s_batched'));
      return x === undefined ? undefined : { value: `${fmt(x)}×`, met: x <= 1.25 };
    },
  },
  {
    figure: 'peak RSS, 100k vs 10k',
    goal: '≤ 1.2×',
    measure: (r) => {
      const x = ratio(num(r['contacts-100k'], 'peak_rss_mb'), num(r['contacts-sync'], 'peak_rss_mb'));
      return x === undefined ? undefined : { value: `${fmt(x)}×`, met: x <= 1.2 };
    },
  },
];

export async function readResults(names: readonly string[]): Promise<Record<string, Figures | undefined>> {
  const out: Record<string, Figures | undefined> = {};
  for (const name of names) {
    try {
      const json = JSON.parse(await readFile(new URL(`./results/${name}.json`, import.meta.url), 'utf8')) as { figures: Figures };
      out[name] = json.figures;
    } catch {
      out[name] = undefined;
    }
  }
  return out;
}

export function summaryTable(results: Record<string, Figures | undefined>): string {
  const rows = GOALS.map((g) => {
    const m = g.measure(results);
    return [g.figure, g.goal, m ? m.value : 'not measured', m ? (m.met ? 'met' : 'NOT MET') : '—'];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'goal', 'measured', ''][i]!.length));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(['figure', 'goal', 'measured', '']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
