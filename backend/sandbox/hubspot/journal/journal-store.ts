/**
 * The webhooks journal of each app (HubSpot 2026-03: developers.hubspot.com/docs/api-reference/latest/
 * webhooks-journal/guide): app-level client-credentials tokens, the app's journal subscriptions, and
 * the journal itself — entries in order, each with its own offset (a UUID) and a file of events behind
 * a short-lived URL, kept 3 days. Only APP_LIFECYCLE_EVENT subscriptions are emulated (the app's
 * install / uninstall events); every rule and its source is in ../README.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** HubSpot's event type ids of the two app lifecycle events. */
export const LIFECYCLE_EVENT_TYPES = { APP_INSTALL: '4-1909196', APP_UNINSTALL: '4-1916193' } as const;
export type LifecycleAction = keyof typeof LIFECYCLE_EVENT_TYPES;

/** Scopes a client-credentials token may carry (the journal guide's list). */
export const JOURNAL_SCOPES = [
  'developer.webhooks_journal.read',
  'developer.webhooks_journal.subscriptions.read',
  'developer.webhooks_journal.subscriptions.write',
  'developer.webhooks_journal.snapshots.read',
  'developer.webhooks_journal.snapshots.write',
] as const;

export interface AppToken {
  token: string;
  appId: number;
  scopes: string[];
  expiresAt: number;
}

export interface JournalSubscription {
  id: number;
  appId: number;
  subscriptionType: 'APP_LIFECYCLE_EVENT';
  eventTypeId: string;
  properties: string[];
  createdAt: string;
  updatedAt: string;
}

export interface LifecycleEvent {
  type: 'app_lifecycle_event';
  action: LifecycleAction;
  eventTypeId: string;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: string;
  properties: Record<string, string>;
}

export interface JournalEntry {
  offset: string;
  appId: number;
  writtenAt: number;
  events: LifecycleEvent[];
}

interface JournalFile {
  entry: JournalEntry;
  expiresAt: number;
}

const DAY_MS = 86_400_000;

export class JournalStore {
  readonly appTokens = new Map<string, AppToken>();
  readonly subscriptions = new Map<number, JournalSubscription[]>();
  private readonly entries = new Map<number, JournalEntry[]>();
  private readonly files = new Map<string, JournalFile>();
  /** Forced 429s for the next N journal / subscription calls of an app (control API). */
  readonly throttleBurst = new Map<number, number>();
  private nextSubscriptionId = 70_000_001;
  /** How long entries stay readable (3 days), and how long a file URL works. */
  retentionMs = 3 * DAY_MS;
  fileUrlTtlMs = 5 * 60_000;

  constructor(private readonly tokenTtlSeconds: number) {}

  issueAppToken(appId: number, scopes: string[]): AppToken {
    const token: AppToken = { token: `cc-${randomBytes(24).toString('base64url')}`, appId, scopes, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 };
    this.appTokens.set(token.token, token);
    return token;
  }

  /** Create or update: one subscription per (app, subscriptionType, eventTypeId). */
  upsertSubscription(appId: number, eventTypeId: string, properties: string[]): { subscription: JournalSubscription; created: boolean } {
    const list = this.subscriptions.get(appId) ?? [];
    const existing = list.find((s) => s.eventTypeId === eventTypeId);
    const now = new Date().toISOString();
    if (existing) {
      existing.properties = properties;
      existing.updatedAt = now;
      return { subscription: existing, created: false };
    }
    const subscription: JournalSubscription = { id: this.nextSubscriptionId++, appId, subscriptionType: 'APP_LIFECYCLE_EVENT', eventTypeId, properties, createdAt: now, updatedAt: now };
    list.push(subscription);
    this.subscriptions.set(appId, list);
    return { subscription, created: true };
  }

  deleteSubscription(appId: number, id: number): boolean {
    const list = this.subscriptions.get(appId) ?? [];
    const index = list.findIndex((s) => s.id === id);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /** Writes a lifecycle event to the app's journal if the app subscribed to it. */
  record(appId: number, portalId: number, action: LifecycleAction): JournalEntry | undefined {
    const eventTypeId = LIFECYCLE_EVENT_TYPES[action];
    const subscription = (this.subscriptions.get(appId) ?? []).find((s) => s.eventTypeId === eventTypeId);
    if (!subscription) return undefined;
    const entry: JournalEntry = {
      offset: randomUUID(),
      appId,
      writtenAt: Date.now(),
      events: [
        {
          type: 'app_lifecycle_event',
          action,
          eventTypeId,
          subscriptionId: subscription.id,
          portalId,
          appId,
          occurredAt: new Date().toISOString(),
          properties: { hs_app_id: String(appId), hs_app_install_level: 'PORTAL' },
        },
      ],
    };
    const list = this.entries.get(appId) ?? [];
    list.push(entry);
    this.entries.set(appId, list);
    return entry;
  }

  /** The entries still kept (older than the retention are gone, with their offsets). */
  live(appId: number): JournalEntry[] {
    const cutoff = Date.now() - this.retentionMs;
    const list = (this.entries.get(appId) ?? []).filter((e) => e.writtenAt >= cutoff);
    this.entries.set(appId, list);
    return list;
  }

  /** A download token for an entry's file, valid `fileUrlTtlMs`. */
  publish(entry: JournalEntry): { token: string; expiresAt: number } {
    const token = randomBytes(18).toString('base64url');
    const expiresAt = Date.now() + this.fileUrlTtlMs;
    this.files.set(token, { entry, expiresAt });
    return { token, expiresAt };
  }

  file(token: string): JournalFile | undefined {
    return this.files.get(token);
  }

  /** Makes every entry of the app older than the retention (tests of an expired cursor). */
  expireAll(appId: number): number {
    const list = this.entries.get(appId) ?? [];
    for (const entry of list) entry.writtenAt = Date.now() - this.retentionMs - 1;
    return list.length;
  }
}
