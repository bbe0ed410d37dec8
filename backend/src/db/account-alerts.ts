/** In-app alerts for an account (needs reconnect, export ready, ...), shown by the settings page. */
import type { Knex } from './knex.ts';

export const ACCOUNT_ALERTS = 'account_alerts';

export interface DBAccountAlert {
  id: number;
  portal_id: number;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  title: string;
  message: string;
  link: string | null;
  created_at: Date;
  dismissed_at: Date | null;
}

export async function raiseAlert(
  db: Knex,
  alert: { portalId: number; kind: string; severity: DBAccountAlert['severity']; title: string; message: string; link?: string | null },
): Promise<DBAccountAlert> {
  const [row] = (await db(ACCOUNT_ALERTS)
    .insert({ portal_id: alert.portalId, kind: alert.kind, severity: alert.severity, title: alert.title, message: alert.message, link: alert.link ?? null })
    .returning('*')) as DBAccountAlert[];
  return row as DBAccountAlert;
}

export async function listOpenAlerts(db: Knex, portalId: number): Promise<DBAccountAlert[]> {
  return (await db(ACCOUNT_ALERTS).where({ portal_id: portalId }).whereNull('dismissed_at').orderBy('created_at', 'desc')) as DBAccountAlert[];
}

export async function dismissAlerts(db: Knex, portalId: number, kind: string): Promise<void> {
  await db(ACCOUNT_ALERTS).where({ portal_id: portalId, kind }).whereNull('dismissed_at').update({ dismissed_at: db.fn.now() });
}

/** Hides one alert of the account; false when the account has no such alert (dismissing twice is true). */
export async function dismissAlert(db: Knex, portalId: number, id: number): Promise<boolean> {
  const found: Pick<DBAccountAlert, 'id' | 'dismissed_at'> | undefined = await db(ACCOUNT_ALERTS).where({ portal_id: portalId, id }).first('id', 'dismissed_at');
  if (!found) return false;
  if (found.dismissed_at === null) await db(ACCOUNT_ALERTS).where({ portal_id: portalId, id }).update({ dismissed_at: db.fn.now() });
  return true;
}
