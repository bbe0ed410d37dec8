/**
 * `npm run status`: the object view in the terminal, for every account on this database: install
 * and QuickBooks connection state, each sync's status and its synced / failed / excluded / pending
 * counts with the most frequent reasons records failed or were left out (one example message each, since
 * one reason such as "excluded by the filter" can name different rules), and open alerts.
 */
import { EnvError, parseEnv } from '../env.ts';
import { createLogger } from '../logger.ts';
import { createDatabase } from '../db/knex.ts';
import { resolveDatabase, type ResolvedDatabase } from '../db/database-url.ts';
import { migrationStatus } from '../db/migrate.ts';
import { INSTALLATIONS, type DBInstallation } from '../db/installations.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { listSyncDefinitions } from '../db/sync-definitions.ts';
import { countSyncRecordsByReason, listSyncRecords, type ReasonCountRow } from '../db/sync-records.ts';
import { reasonLabel } from '../views/reason-labels.ts';
import { listOpenAlerts } from '../db/account-alerts.ts';
import { StartupError } from '../startup-error.ts';

// A wrong DATABASE_URL, or no database at all, is one line: never a fresh cluster and talk of migrations.
let database: ResolvedDatabase;
try {
  database = await resolveDatabase(parseEnv(), createLogger('warn'), { embedded: 'existing' });
} catch (err) {
  if (!(err instanceof StartupError || err instanceof EnvError)) throw err;
  process.stderr.write(`${err instanceof StartupError ? `npm run status: ${err.message}` : err.message}\n`);
  process.exit(1);
}
const db = createDatabase({ connectionString: database.connectionString, poolMax: 2 });
const out: string[] = [];
const OBJECT_TYPES = ['contacts', 'companies', 'products', 'invoices', 'payments'] as const;
const TOP_REASONS = 3;
try {
  const { pending } = await migrationStatus(db);
  if (pending.length > 0) {
    out.push(`The database has ${pending.length} pending migration(s): run \`npm start\` or \`npm run migrate\` first.`);
  } else {
    const installations = (await db(INSTALLATIONS).orderBy('portal_id')) as DBInstallation[];
    if (installations.length === 0) out.push('No HubSpot account has installed the app yet. `npm start` installs the demo account in sandbox mode.');
    for (const installation of installations) {
      const portalId = installation.portal_id;
      const qbo = await getQboConnection(db, portalId);
      out.push(`HubSpot account ${portalId} — app ${installation.status}${installation.status_reason ? ` (${installation.status_reason})` : ''}`);
      out.push(`  QuickBooks: ${qbo ? `${qbo.companyName ?? qbo.realmId} (realm ${qbo.realmId}, ${qbo.country ?? '?'}, ${qbo.homeCurrency ?? '?'}) — ${qbo.status}${qbo.statusReason ? ` (${qbo.statusReason})` : ''}` : 'not connected'}`);
      const definitions = await listSyncDefinitions(db, portalId);
      const rows = await countSyncRecordsByReason(db, portalId);
      // The customers sync has two modes (issue 16): the one the account uses is shown, and said.
      const companiesMode = definitions.some((d) => d.object_type === 'companies');
      out.push(`  Customers: ${companiesMode ? 'companies mode — HubSpot companies are QuickBooks customers' : 'contacts mode — HubSpot contacts are QuickBooks customers'}`);
      out.push(`  ${'object'.padEnd(10)} ${'sync'.padEnd(28)} ${'synced'.padStart(8)} ${'failed'.padStart(8)} ${'excluded'.padStart(9)} ${'pending'.padStart(8)}  last sync`);
      for (const objectType of OBJECT_TYPES) {
        const d = definitions.find((x) => x.object_type === objectType);
        const ofType = rows.filter((r) => r.object_type === objectType);
        // The mode not in use is not a row of its own: one customers sync per account.
        const otherMode = objectType === 'companies' ? !companiesMode : objectType === 'contacts' && companiesMode;
        if (!d && ofType.length === 0 && otherMode) continue;
        const count = (state: ReasonCountRow['state']) => String(ofType.filter((r) => r.state === state).reduce((sum, r) => sum + r.count, 0));
        const sync = d ? `${d.status}, ${d.direction.replace(/_/g, ' ')}` : 'not set up';
        out.push(
          `  ${objectType.padEnd(10)} ${sync.padEnd(28)} ${count('synced').padStart(8)} ${count('failed').padStart(8)} ${count('excluded').padStart(9)} ${count('pending').padStart(8)}  ${d?.last_sync_finished_at?.toISOString() ?? '—'}`,
        );
        const reasons = ofType.filter((r) => r.reason_code !== null).sort((a, b) => b.count - a.count || (a.reason_code ?? '').localeCompare(b.reason_code ?? ''));
        for (const reason of reasons.slice(0, TOP_REASONS)) {
          const code = reason.reason_code ?? '';
          const [example] = await listSyncRecords(db, portalId, { objectType, state: reason.state, reasonCode: code, limit: 1 });
          const label = reasonLabel(code);
          const message = example?.message ?? null;
          const why = message === null ? label : message.startsWith(label) ? message : `${label} — e.g. ${message}`;
          out.push(`      ${String(reason.count).padStart(6)} ${reason.state}: ${why}`);
        }
      }
      for (const alert of await listOpenAlerts(db, portalId)) out.push(`  ! ${alert.title}: ${alert.message}`);
      out.push('');
    }
  }
} finally {
  await db.destroy();
  await database.stop();
}
process.stdout.write(`${out.join('\n')}\n`);
