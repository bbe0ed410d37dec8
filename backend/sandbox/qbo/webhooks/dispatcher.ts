/**
 * Delivers CloudEvents to every app connected to the changed realm. Events are gathered for the
 * app's batch window, sent ≤100 per POST, and delivered in order per app: a failed POST (non-2xx,
 * network error, no answer within 3 s) is retried on the app's schedule and blocks later events,
 * as QBO does. Per-realm faults may drop, duplicate or reorder events.
 */
import type { Faults } from '../../common/faults.ts';
import { seededRandom, shuffled, type Random } from '../../common/random.ts';
import type { QboState, SandboxApp } from '../state/store.ts';
import type { EntityChange } from '../state/types.ts';
import { intuitSignature, toCloudEvent, type CloudEvent } from './cloud-event.ts';

export const MAX_EVENTS_PER_POST = 100;
const ACK_TIMEOUT_MS = 3000;

export interface DeliveryAttempt {
  at: string;
  eventIds: string[];
  attempt: number;
  status: number | 'network-error';
  delivered: boolean;
}

interface AppQueue {
  pending: Array<{ realmId: string; event: CloudEvent }>;
  batches: CloudEvent[][];
  timer?: NodeJS.Timeout;
  sending: boolean;
}

export class WebhookDispatcher {
  private readonly queues = new Map<string, AppQueue>();
  /** Per-realm PRNG for reordering, restarted when the realm's fault seed changes. */
  private readonly reorderRandom = new Map<string, { seed: number; random: Random }>();
  readonly attempts = new Map<string, DeliveryAttempt[]>();
  private closed = false;

  constructor(
    private readonly state: QboState,
    private readonly faults: Faults,
  ) {}

  enqueue(change: EntityChange): void {
    if (this.closed) return;
    for (const app of this.state.connectedApps(change.realmId)) {
      const webhook = app.webhook;
      if (!webhook || (webhook.entities && !webhook.entities.includes(change.entity))) continue;
      const queue = this.queue(app.clientId);
      // Drops and duplicates are decided when the change happens, under the faults active then.
      for (const event of this.faults.forWebhookEvents(change.realmId, [toCloudEvent(change)])) queue.pending.push({ realmId: change.realmId, event });
      queue.timer ??= setTimeout(() => this.cut(app.clientId), webhook.batchWindowMs);
    }
  }

  close(): void {
    this.closed = true;
    for (const queue of this.queues.values()) if (queue.timer) clearTimeout(queue.timer);
  }

  private queue(clientId: string): AppQueue {
    let queue = this.queues.get(clientId);
    if (!queue) {
      queue = { pending: [], batches: [], sending: false };
      this.queues.set(clientId, queue);
    }
    return queue;
  }

  /** Closes the aggregation window: reordered per realm when that fault is on, then split into POSTs. */
  private cut(clientId: string): void {
    const queue = this.queue(clientId);
    queue.timer = undefined;
    const byRealm = new Map<string, CloudEvent[]>();
    for (const { realmId, event } of queue.pending.splice(0)) byRealm.set(realmId, [...(byRealm.get(realmId) ?? []), event]);
    const events = [...byRealm].flatMap(([realmId, list]) => this.maybeReorder(realmId, list));
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_POST) queue.batches.push(events.slice(i, i + MAX_EVENTS_PER_POST));
    void this.pump(clientId);
  }

  private maybeReorder(realmId: string, events: CloudEvent[]): CloudEvent[] {
    const config = this.faults.config(realmId);
    if (!config.webhookReorder) return events;
    let entry = this.reorderRandom.get(realmId);
    if (!entry || entry.seed !== config.seed) {
      entry = { seed: config.seed, random: seededRandom(config.seed) };
      this.reorderRandom.set(realmId, entry);
    }
    return shuffled(events, entry.random);
  }

  private async pump(clientId: string): Promise<void> {
    const queue = this.queue(clientId);
    if (queue.sending) return;
    queue.sending = true;
    try {
      while (!this.closed && queue.batches.length > 0) {
        const app = this.state.apps.get(clientId);
        const batch = queue.batches[0] as CloudEvent[];
        if (app?.webhook) await this.deliverWithRetries(app, batch);
        queue.batches.shift();
      }
    } finally {
      queue.sending = false;
    }
  }

  private async deliverWithRetries(app: SandboxApp, batch: CloudEvent[]): Promise<void> {
    const delays = app.webhook?.retryDelaysMs ?? [];
    for (let attempt = 1; attempt <= delays.length + 1 && !this.closed; attempt++) {
      if (await this.post(app, batch, attempt)) return;
      const delay = delays[attempt - 1];
      if (delay === undefined) return;
      await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    }
  }

  private async post(app: SandboxApp, batch: CloudEvent[], attempt: number): Promise<boolean> {
    const webhook = app.webhook;
    if (!webhook) return true;
    const body = JSON.stringify(batch);
    let status: number | 'network-error' = 'network-error';
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'intuit-signature': intuitSignature(webhook.verifierToken, body), 'user-agent': 'Intuit-Webhooks-Sandbox' },
        body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = 'network-error';
    }
    const delivered = typeof status === 'number' && status >= 200 && status < 300;
    const log = this.attempts.get(app.clientId) ?? [];
    log.push({ at: new Date().toISOString(), eventIds: batch.map((e) => e.id), attempt, status, delivered });
    if (log.length > 10_000) log.shift();
    this.attempts.set(app.clientId, log);
    return delivered;
  }
}
