/**
 * Everything the emulator knows: accounts, registered apps, tokens, call log and fault settings.
 * Exposed on the sandbox handle so tests and benchmarks can seed and inspect in-process.
 */
import { randomUUID } from 'node:crypto';
import { CallLog } from '../../common/call-log.ts';
import { Faults } from '../../common/faults.ts';
import { JournalStore } from '../journal/journal-store.ts';
import { TokenStore } from '../oauth/token-store.ts';
import { HubSpotAccount, scaledLimits } from './account.ts';
import type { AppProject, RegisteredApp, WebhookSubscription } from './apps.ts';
import type { ChangeListener, CrmChange } from './changes.ts';

export interface RegisterAppInput {
  name?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  scopes: string[];
  optionalScopes?: string[];
  webhookTargetUrl?: string | null;
  maxConcurrentRequests?: number;
  subscriptions?: SubscriptionInput[];
  project?: AppProject;
}

export type SubscriptionInput = Omit<WebhookSubscription, 'id' | 'active'> & { active?: boolean };

export class HubSpotSandboxState {
  readonly accounts = new Map<number, HubSpotAccount>();
  readonly apps = new Map<number, RegisteredApp>();
  readonly tokens: TokenStore;
  /** Webhooks journal: app tokens, lifecycle subscriptions, entries (how HubSpot tells an app about installs and uninstalls). */
  readonly journal: JournalStore;
  readonly callLog = new CallLog();
  readonly faults = new Faults();
  private readonly listeners: ChangeListener[] = [];
  private nextPortalId = 100_000_001;
  private nextAppId = 1_000_001;
  private nextSubscriptionId = 5_000_001;

  /** Default limits of new accounts: the real ones (1) unless a benchmark scales them (account.ts scaledLimits). */
  limitsMultiplier = 1;

  constructor(tokenTtlSeconds: number) {
    this.tokens = new TokenStore(tokenTtlSeconds);
    this.journal = new JournalStore(tokenTtlSeconds);
  }

  createAccount(portalId?: number): HubSpotAccount {
    const id = portalId ?? this.nextPortalId++;
    if (this.accounts.has(id)) throw new Error(`account ${id} already exists`);
    const account = new HubSpotAccount(id, `sandbox-${id}.hubspot.test`);
    if (this.limitsMultiplier !== 1) account.limits = scaledLimits(this.limitsMultiplier);
    this.accounts.set(id, account);
    return account;
  }

  account(portalId: number): HubSpotAccount | undefined {
    return this.accounts.get(portalId);
  }

  registerApp(input: RegisterAppInput): RegisteredApp {
    const appId = this.nextAppId++;
    const app: RegisteredApp = {
      appId,
      name: input.name ?? `Sandbox app ${appId}`,
      clientId: input.clientId ?? randomUUID(),
      clientSecret: input.clientSecret ?? randomUUID(),
      redirectUris: input.redirectUris,
      scopes: input.scopes,
      optionalScopes: input.optionalScopes ?? [],
      webhooks: { targetUrl: input.webhookTargetUrl ?? null, maxConcurrentRequests: input.maxConcurrentRequests ?? 10, subscriptions: [] },
      project: input.project ?? null,
    };
    this.apps.set(appId, app);
    for (const sub of input.subscriptions ?? []) this.addSubscription(app, sub);
    return app;
  }

  addSubscription(app: RegisteredApp, sub: SubscriptionInput): WebhookSubscription {
    const subscription: WebhookSubscription = { ...sub, id: this.nextSubscriptionId++, active: sub.active ?? true };
    app.webhooks.subscriptions.push(subscription);
    return subscription;
  }

  appByClientId(clientId: string): RegisteredApp | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  emit(portalId: number, change: CrmChange): void {
    for (const listener of this.listeners) listener(portalId, change);
  }

  /** Marks the app installed in the account (done when the user clicks Allow, or by the control API). */
  install(portalId: number, appId: number): void {
    const account = this.account(portalId);
    if (!account || account.installedApps.has(appId)) return;
    account.installedApps.add(appId);
    this.journal.record(appId, portalId, 'APP_INSTALL');
  }

  /**
   * Uninstall: tokens stop working, and the app learns it from its webhooks journal (an APP_UNINSTALL
   * entry, if it subscribed) — HubSpot sends no uninstall webhook.
   */
  uninstall(portalId: number, appId: number): boolean {
    const account = this.account(portalId);
    if (!account?.installedApps.has(appId)) return false;
    account.installedApps.delete(appId);
    this.tokens.revokeInstall(portalId, appId);
    this.journal.record(appId, portalId, 'APP_UNINSTALL');
    return true;
  }
}
