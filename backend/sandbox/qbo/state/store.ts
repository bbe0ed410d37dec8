/**
 * Whole-emulator state: registered apps (OAuth clients + webhook settings), companies, and the
 * OAuth grants that connect an app to a company. Exported so tests and benchmarks can seed in-process.
 */
import { randomBytes } from 'node:crypto';
import { Clock } from '../core/clock.ts';
import { Company, DEFAULT_REQUEST_ID_WINDOW_MS } from './company.ts';
import { seedDefaults } from './defaults.ts';
import type { CompanyPreferencesInput, EntityName } from './types.ts';

export interface WebhookConfig {
  url: string;
  verifierToken: string;
  /** Entities the app subscribed to; all when omitted. */
  entities?: EntityName[];
  /** Delays between delivery attempts. QBO's real schedule is 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h. */
  retryDelaysMs: number[];
  /** How long events are gathered before a POST (QBO batches within an aggregation window). */
  batchWindowMs: number;
}

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  webhook?: WebhookConfig;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  realmId: string;
  scope: string;
  expiresAt: number;
  /** Grant created when the code was exchanged; revoked if the code is replayed. */
  grantId?: string;
}

/** One app ⇄ company connection. Revoking it kills every token issued under it. */
export interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  scope: string;
  createdAt: number;
  revoked: boolean;
}

export interface AccessTokenRecord {
  token: string;
  grantId: string;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  token: string;
  grantId: string;
  expiresAt: number;
  hardExpiresAt: number;
  /** The refresh token issued when this one was used. */
  successor?: string;
  /** True once this token has itself been presented to the token endpoint. */
  used: boolean;
}

export interface CreateCompanyInput {
  realmId?: string;
  companyName?: string;
  country?: string;
  homeCurrency?: string;
  multiCurrency?: boolean;
  /** `requestid` replay window (emulator clock), default 5 minutes. */
  requestIdWindowMs?: number;
  salesTaxRatePercent?: number;
  preferences?: CompanyPreferencesInput;
}

const HOME_CURRENCY: Record<string, string> = { US: 'USD', CA: 'CAD', GB: 'GBP', AU: 'AUD', FR: 'EUR', IN: 'INR' };

export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export class QboState {
  readonly clock = new Clock();
  readonly apps = new Map<string, SandboxApp>();
  readonly companies = new Map<string, Company>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly grants = new Map<string, Grant>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private nextRealm = 9341450000000001n;

  registerApp(input: Partial<SandboxApp> & { redirectUris?: string[] }): SandboxApp {
    const app: SandboxApp = {
      clientId: input.clientId ?? randomToken('AB', 24),
      clientSecret: input.clientSecret ?? randomToken('', 30),
      name: input.name ?? 'Sandbox app',
      redirectUris: input.redirectUris ?? [],
      ...(input.webhook ? { webhook: input.webhook } : {}),
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  createCompany(input: CreateCompanyInput = {}): Company {
    const country = (input.country ?? 'US').toUpperCase();
    const realmId = input.realmId ?? String(this.nextRealm++);
    if (this.companies.has(realmId)) throw new Error(`company ${realmId} already exists`);
    const company = new Company(
      {
        realmId,
        companyName: input.companyName ?? `Sandbox Company ${country}_${this.companies.size + 1}`,
        country,
        homeCurrency: input.homeCurrency ?? HOME_CURRENCY[country] ?? 'USD',
        multiCurrency: input.multiCurrency ?? false,
        requestIdWindowMs: input.requestIdWindowMs ?? DEFAULT_REQUEST_ID_WINDOW_MS,
        ...(input.salesTaxRatePercent !== undefined ? { salesTaxRatePercent: input.salesTaxRatePercent } : {}),
      },
      this.clock,
    );
    seedDefaults(company, input.preferences ?? {});
    this.companies.set(realmId, company);
    return company;
  }

  company(realmId: string): Company | undefined {
    return this.companies.get(realmId);
  }

  /** Realms an app currently holds a live connection to (webhooks go to these apps). */
  connectedApps(realmId: string): SandboxApp[] {
    const ids = new Set<string>();
    for (const grant of this.grants.values()) if (grant.realmId === realmId && !grant.revoked) ids.add(grant.clientId);
    return [...ids].flatMap((id) => {
      const app = this.apps.get(id);
      return app ? [app] : [];
    });
  }
}
