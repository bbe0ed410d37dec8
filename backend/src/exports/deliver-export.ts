/** Telling the person their export is ready (or failed): an in-app alert with the signed link, and an e-mail when SMTP is configured. */
import type { AppContext } from '../jobs/context.ts';
import type { DBExportJob } from '../db/export-jobs.ts';
import { dismissAlerts, raiseAlert } from '../db/account-alerts.ts';
import { signedDownloadUrl } from './download-link.ts';
import { sendMail } from './mailer.ts';

export const EXPORT_READY_ALERT = 'export_ready';
export const EXPORT_FAILED_ALERT = 'export_failed';

const FORMAT_NAMES = { csv: 'CSV', xlsx: 'Excel' } as const;

function expiryText(expiresAt: Date): string {
  return `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export async function deliverExport(ctx: AppContext, job: DBExportJob & { row_count: number; expires_at: Date }): Promise<void> {
  const link = signedDownloadUrl(ctx.env, job.id, job.expires_at);
  const what = `${job.row_count.toLocaleString('en-US')} sync record${job.row_count === 1 ? '' : 's'} as ${FORMAT_NAMES[job.format]}`;
  // Only the latest export's alert stays open: the settings page lists open alerts, and exports must not pile them up.
  await dismissAlerts(ctx.db, job.portal_id, EXPORT_READY_ALERT);
  await raiseAlert(ctx.db, {
    portalId: job.portal_id,
    kind: EXPORT_READY_ALERT,
    severity: 'info',
    title: 'Your export is ready',
    message: `${what}. The download link works until ${expiryText(job.expires_at)}.`,
    link,
  });
  if (!job.requested_by_email) return;
  try {
    await sendMail(ctx.env, ctx.logger, {
      to: job.requested_by_email,
      subject: 'Your HubSpot ⇄ QuickBooks sync export is ready',
      text: `Your export of ${what} is ready:\n\n${link}\n\nThe link works until ${expiryText(job.expires_at)}; after that, export again from the record view.\n`,
    });
  } catch (err) {
    // The in-app alert already carries the link; a mail failure must not fail the export.
    ctx.logger.warn({ err, exportId: job.id }, 'could not e-mail the export link');
  }
}

export async function announceExportFailed(ctx: AppContext, job: DBExportJob): Promise<void> {
  await dismissAlerts(ctx.db, job.portal_id, EXPORT_FAILED_ALERT);
  await raiseAlert(ctx.db, {
    portalId: job.portal_id,
    kind: EXPORT_FAILED_ALERT,
    severity: 'error',
    title: 'Your export failed',
    message: `The ${FORMAT_NAMES[job.format]} export could not be written. Start it again from the record view.`,
  });
}
