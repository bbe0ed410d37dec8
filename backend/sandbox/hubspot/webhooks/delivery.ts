/**
 * Delivers webhook events like HubSpot: asynchronously, as a JSON array of ≤100 events per POST, signed
 * (v3 + v1 headers), at most `maxConcurrentRequests` requests in flight per app, retried on failure,
 * non-2xx or a response slower than 5 s (up to 10 retries with growing, jittered delays; attemptNumber
 * counts up). Per-account faults can drop, duplicate and reorder events.
 */
import { seededRandom } from '../../common/random.ts';
import type { RegisteredApp } from '../state/apps.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { buildEvents, type WebhookEvent } from './event-builder.ts';
import { signV1, signV3 } from './signature.ts';

export const MAX_EVENTS_PER_REQUEST = 100;

export interface WebhookSettings {
  /** How long events gather before a batch is sent. */
  flushDelayMs: number;
  /** First retry delay; doubles per attempt (HubSpot spreads 10 retries over 24 h). */
  retryBaseMs: number;
  maxRetries: number;
  /** A delivery slower than this counts as failed (HubSpot: 5 s). */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { flushDelayMs: 100, retryBaseMs: 1000, maxRetries: 10, timeoutMs: 5000 };

export interface DeliveryRecord {
  appId: number;
  portalId: number;
  url: string;
  at: string;
  attemptNumber: number;
  eventIds: number[];
  status: number | 'error';
}

export class WebhookDispatcher {
  settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS };
  readonly deliveries: DeliveryRecord[] = [];
  private readonly pending = new Map<string, WebhookEvent[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Map<number, number>();
  private readonly waiting = new Map<number, (() => void)[]>();
  private readonly aborts = new Set<AbortController>();
  private lastEventId = 1_000_000;
  private closed = false;
  private readonly jitter = seededRandom(7);

  constructor(private readonly state: HubSpotSandboxState) {
    state.onChange((portalId, change) => {
      const account = state.account(portalId);
      if (!account) return;
      for (const appId of account.installedApps) {
        const app = state.apps.get(appId);
        if (!app?.webhooks.targetUrl) continue;
        const events = buildEvents(app, portalId, change, () => ++this.lastEventId);
        if (events.length > 0) this.enqueue(app, portalId, events);
      }
    });
  }

  private enqueue(app: RegisteredApp, portalId: number, events: WebhookEvent[]): void {
    if (this.closed) return;
    const key = `${app.appId}:${portalId}`;
    const queue = this.pending.get(key);
    if (queue) {
      queue.push(...events);
      return;
    }
    this.pending.set(key, [...events]);
    this.later(this.settings.flushDelayMs, () => this.flush(app, portalId, key));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private flush(app: RegisteredApp, portalId: number, key: string): void {
    const events = this.pending.get(key) ?? [];
    this.pending.delete(key);
    const shaped = this.state.faults.forWebhookEvents(String(portalId), events);
    // A duplicated event goes out again in a later request, as HubSpot's duplicates do.
    const seen = new Set<WebhookEvent>();
    const first: WebhookEvent[] = [];
    const repeats: WebhookEvent[] = [];
    for (const e of shaped) {
      if (seen.has(e)) repeats.push(e);
      else first.push(e);
      seen.add(e);
    }
    for (const list of [first, repeats]) {
      for (let i = 0; i < list.length; i += MAX_EVENTS_PER_REQUEST) {
        void this.send(app, portalId, list.slice(i, i + MAX_EVENTS_PER_REQUEST).map((e) => ({ ...e })));
      }
    }
  }

  private async acquire(appId: number, limit: number): Promise<void> {
    while ((this.inFlight.get(appId) ?? 0) >= limit) {
      await new Promise<void>((resolve) => this.waiting.set(appId, [...(this.waiting.get(appId) ?? []), resolve]));
    }
    this.inFlight.set(appId, (this.inFlight.get(appId) ?? 0) + 1);
  }

  private release(appId: number): void {
    this.inFlight.set(appId, (this.inFlight.get(appId) ?? 1) - 1);
    const next = this.waiting.get(appId)?.shift();
    next?.();
  }

  private async send(app: RegisteredApp, portalId: number, events: WebhookEvent[]): Promise<void> {
    const url = app.webhooks.targetUrl;
    if (!url || this.closed) return;
    await this.acquire(app.appId, Math.max(1, app.webhooks.maxConcurrentRequests));
    let status: number | 'error' = 'error';
    try {
      if (this.closed) return;
      const body = JSON.stringify(events);
      const timestamp = String(Date.now());
      const abort = new AbortController();
      this.aborts.add(abort);
      const timer = setTimeout(() => abort.abort(), this.settings.timeoutMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          signal: abort.signal,
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (sandbox emulator)',
            'X-HubSpot-Signature-v3': signV3(app.clientSecret, 'POST', url, body, timestamp),
            'X-HubSpot-Request-Timestamp': timestamp,
            'X-HubSpot-Signature': signV1(app.clientSecret, body),
            'X-HubSpot-Signature-Version': 'v1',
          },
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch {
        status = 'error';
      } finally {
        clearTimeout(timer);
        this.aborts.delete(abort);
      }
      this.deliveries.push({ appId: app.appId, portalId, url, at: new Date().toISOString(), attemptNumber: events[0]?.attemptNumber ?? 0, eventIds: events.map((e) => e.eventId), status });
      if (this.deliveries.length > 10_000) this.deliveries.shift();
    } finally {
      this.release(app.appId);
    }
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    const attempt = events[0]?.attemptNumber ?? 0;
    if (!ok && attempt < this.settings.maxRetries && !this.closed) {
      const delay = this.settings.retryBaseMs * 2 ** attempt * (0.5 + this.jitter());
      this.later(delay, () => void this.send(app, portalId, events.map((e) => ({ ...e, attemptNumber: e.attemptNumber + 1 }))));
    }
  }

  /** Resolves when nothing is queued, scheduled or in flight (tests use it instead of sleeping). */
  async idle(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.pending.size > 0 || this.timers.size > 0 || [...this.inFlight.values()].some((n) => n > 0)) {
      if (Date.now() > until) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts) abort.abort();
    for (const list of this.waiting.values()) for (const resolve of list) resolve();
  }
}
