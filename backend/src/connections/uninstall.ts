/**
 * Uninstall: tokens deleted at once, queued work cancelled, the QuickBooks grant revoked; the data
 * (links, history) stays for UNINSTALL_RETENTION_DAYS so a reinstall picks up where it left off,
 * then the scheduled purge deletes it.
 */
import type { AppContext } from '../jobs/context.ts';
import { getInstallation, markUninstalled } from '../db/installations.ts';
import { getQboTokens, markQboDisconnected } from '../db/qbo-connections.ts';
import { revokeQboTokens } from '../vendors/quickbooks/oauth.ts';
import { qboOAuthConfig } from './config.ts';
import { cancelAccountJobs } from './account-jobs.ts';

const DAY_MS = 86_400_000;

export async function uninstallAccount(ctx: AppContext, portalId: number, reason: string): Promise<boolean> {
  const installation = await getInstallation(ctx.db, portalId);
  if (!installation || installation.status === 'uninstalled') return false;
  const qboTokens = await getQboTokens(ctx.db, ctx.cipher, portalId).catch(() => undefined);
  await ctx.db.transaction(async (trx) => {
    await markUninstalled(trx, portalId, new Date(Date.now() + ctx.env.UNINSTALL_RETENTION_DAYS * DAY_MS));
    await markQboDisconnected(trx, portalId, 'The HubSpot app was uninstalled.');
  });
  await cancelAccountJobs(ctx, portalId);
  if (qboTokens) {
    // Best effort: the account is uninstalled whatever Intuit answers.
    await revokeQboTokens(qboOAuthConfig(ctx.env), qboTokens.refreshToken).catch((err: unknown) =>
      ctx.logger.warn({ portalId, err: err instanceof Error ? err.message : String(err) }, 'could not revoke QuickBooks tokens at uninstall'),
    );
  }
  ctx.logger.info({ portalId, reason, retentionDays: ctx.env.UNINSTALL_RETENTION_DAYS }, 'account uninstalled; data kept until its purge date');
  return true;
}
