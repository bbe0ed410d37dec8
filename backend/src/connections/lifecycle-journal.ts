/**
 * Uninstalls as HubSpot reports them: through the app's webhooks journal (an APP_LIFECYCLE_EVENT
 * subscription to the uninstall event, created with the app's client-credentials token, read by
 * polling). The other signal stays the refused refresh token (hubspot-tokens.ts).
 *
 * One poll reads the entries after the stored offset and moves the offset after each entry it
 * handled, so a crash or restart resumes there (at-least-once: an entry may be handled twice, and
 * uninstalling is idempotent). An uninstall older than the account's latest install belongs to an
 * earlier installation and is ignored, so re-reading the journal after a reinstall never uninstalls
 * the new one. An offset HubSpot no longer keeps (the journal holds 3 days) restarts from the
 * earliest entry kept.
 */
import type { AppContext } from '../jobs/context.ts';
import { getInstallation } from '../db/installations.ts';
import { getLifecycleJournalState, markLifecyclePolled, saveLifecycleOffset, saveLifecycleSubscription } from '../db/lifecycle-journal.ts';
import { APP_LIFECYCLE_EVENT_TYPES, HubSpotAppJournal, type AppLifecycleEvent } from '../vendors/hubspot/app-journal.ts';
import { uninstallAccount } from './uninstall.ts';

/** Entries handled per poll at most; the next poll (a minute later) continues. */
export const MAX_ENTRIES_PER_POLL = 500;

export interface LifecyclePollResult {
  /** false when the app has no HubSpot credentials configured (nothing to poll). */
  configured: boolean;
  entries: number;
  uninstalled: number[];
  ignored: number;
  restartedFromEarliest: boolean;
}

// One client per process: it caches the app's client-credentials token.
let cached: { key: string; journal: HubSpotAppJournal } | undefined;

function journalFor(ctx: AppContext): { clientId: string; journal: HubSpotAppJournal } | undefined {
  const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret, HUBSPOT_API_BASE_URL: apiBaseUrl } = ctx.env;
  if (!clientId || !clientSecret) return undefined;
  const key = `${apiBaseUrl}|${clientId}|${clientSecret}`;
  if (cached?.key !== key) cached = { key, journal: new HubSpotAppJournal({ apiBaseUrl, clientId, clientSecret }, { logger: ctx.logger }) };
  return { clientId, journal: cached.journal };
}

async function handleUninstall(ctx: AppContext, event: AppLifecycleEvent): Promise<boolean> {
  const installation = await getInstallation(ctx.db, event.portalId);
  if (!installation || installation.status === 'uninstalled') return false;
  if (installation.installedAt.getTime() > event.occurredAt.getTime()) return false; // an earlier installation's uninstall
  return uninstallAccount(ctx, event.portalId, "HubSpot's webhooks journal reported that the app was uninstalled");
}

export async function pollLifecycleJournal(ctx: AppContext, options: { ensureSubscription?: boolean } = {}): Promise<LifecyclePollResult> {
  const result: LifecyclePollResult = { configured: false, entries: 0, uninstalled: [], ignored: 0, restartedFromEarliest: false };
  const app = journalFor(ctx);
  if (!app) return result;
  result.configured = true;
  const state = await getLifecycleJournalState(ctx.db, app.clientId);
  if (!state.subscriptionId || options.ensureSubscription) {
    const id = await app.journal.ensureLifecycleSubscription(APP_LIFECYCLE_EVENT_TYPES.uninstall);
    if (id !== state.subscriptionId) {
      await saveLifecycleSubscription(ctx.db, app.clientId, id);
      ctx.logger.info({ subscriptionId: id }, 'subscribed to app uninstall events in the HubSpot webhooks journal');
    }
  }

  let offset = state.offset;
  while (result.entries < MAX_ENTRIES_PER_POLL) {
    if (ctx.shutdown?.aborted) break;
    const read = await app.journal.readAfter(offset);
    if (read.kind === 'caught_up') break;
    if (read.kind === 'offset_expired') {
      if (offset === null || result.restartedFromEarliest) break;
      ctx.logger.warn({ offset }, 'the HubSpot webhooks journal no longer keeps our offset: reading again from its earliest entry');
      result.restartedFromEarliest = true;
      offset = null;
      continue;
    }
    for (const event of read.entry.events) {
      if (event.action !== 'APP_UNINSTALL') {
        result.ignored++;
        continue;
      }
      if (await handleUninstall(ctx, event)) result.uninstalled.push(event.portalId);
      else result.ignored++;
    }
    if (read.entry.skipped > 0) ctx.logger.warn({ offset: read.entry.offset, skipped: read.entry.skipped }, 'journal entry had events we could not read');
    offset = read.entry.offset;
    await saveLifecycleOffset(ctx.db, app.clientId, offset);
    result.entries++;
  }
  await markLifecyclePolled(ctx.db, app.clientId);
  return result;
}
