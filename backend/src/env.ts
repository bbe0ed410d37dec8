/**
 * The one place the environment is read. Parsed once at boot; a bad value stops the process with
 * one message that lists every problem, so an operator fixes them all in one go.
 */
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ''));

const port = z.coerce.number().int().min(0).max(65_535);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    /** The URL HubSpot and browsers reach us at (behind a proxy: the proxy's URL). Used for redirects and signature checks. */
    PUBLIC_BASE_URL: url.optional(),
    /** Express "trust proxy" setting: number of hops, or false. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),

    /** When unset, an embedded Postgres is started with data under EMBEDDED_PG_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .refine((v) => URL.canParse(v) && (new URL(v).hostname !== '' || new URL(v).searchParams.has('host')), 'must be a postgres://user:password@host:port/database URL (it does not parse; special characters in the password must be percent-encoded)')
      .optional(),
    /** Per process. The worker runs several queues × WORKER_CONCURRENCY jobs, some holding a connection while they work. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(40),
    EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: port.default(54329),

    /** 32 bytes, base64. Required in production; in development a key is generated once under .data/. */
    TOKEN_ENCRYPTION_KEY: z
      .base64()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64 (e.g. `openssl rand -base64 32`)')
      .optional(),
    /** Identifier stored beside each ciphertext, so keys can be rotated. */
    TOKEN_ENCRYPTION_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('k1'),
    /** Previous keys still needed to decrypt old rows: "kid:base64key,kid2:base64key". */
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: z.string().default(''),

    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /**
     * Sync passes a worker process runs at once. An idle pass is mostly round trips to the vendors
     * (~0.5 s), so the scheduler's catch-ups for many accounts need more of them side by side than
     * the other queues: at 4, one worker kept ~600 accounts on their 5-minute schedule (bench
     * scheduler-accounts). Each running pass holds one pooled connection (its lock).
     */
    WORKER_CATCH_UP_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(16),
    /**
     * Our call budgets assume the vendors' limits times this. Only for emulators started with the same
     * multiplier (benchmarks at 100k records; `npm run sandbox` scales its emulators by the same variable); the real vendors' limits are
     * fixed, so production refuses anything but 1.
     */
    VENDOR_LIMITS_MULTIPLIER: z.coerce.number().min(1).max(100).default(1),
    /** How often an idle worker looks for jobs. */
    WORKER_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    /** How long SIGTERM waits for in-flight jobs and requests before giving up. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
    /** Processed webhook inbox rows are deleted after this many days. */
    WEBHOOK_INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    /** After uninstall, an account's links and history are kept this long (a reinstall resumes), then purged. */
    UNINSTALL_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    /** How long an OAuth hand-off (install, QuickBooks connect) may take. */
    OAUTH_STATE_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),

    HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
    HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
    HUBSPOT_APP_ID: z.string().min(1).optional(),
    HUBSPOT_API_BASE_URL: url.default('https://api.hubapi.com'),
    HUBSPOT_AUTH_BASE_URL: url.default('https://app.hubspot.com'),
    /**
     * Local development with `hs project dev` only: the local origin that local.json's proxy maps
     * PUBLIC_BASE_URL to (e.g. http://localhost:3000). HubSpot's dev proxy signs that local URL, not the
     * public one, so signatures are also accepted for it. Refused in production.
     */
    HUBSPOT_DEV_PROXY_LOCAL_URL: url.optional(),

    QBO_CLIENT_ID: z.string().min(1).optional(),
    QBO_CLIENT_SECRET: z.string().min(1).optional(),
    QBO_ENVIRONMENT: z.enum(['sandbox', 'production']).default('production'),
    QBO_API_BASE_URL: url.default('https://quickbooks.api.intuit.com'),
    QBO_OAUTH_AUTHORIZE_URL: url.default('https://appcenter.intuit.com/connect/oauth2'),
    QBO_OAUTH_TOKEN_URL: url.default('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer'),
    QBO_OAUTH_REVOKE_URL: url.default('https://developer.api.intuit.com/v2/oauth2/tokens/revoke'),
    QBO_WEBHOOK_VERIFIER_TOKEN: z.string().min(1).optional(),

    /** Where record-view exports are written (one file per export, deleted when its link expires). */
    EXPORTS_DIR: z.string().min(1).default('.data/exports'),
    /** How long an export's signed download link (and its file) lasts. */
    EXPORT_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
    /** Optional: e-mail export links through this SMTP server (smtp:// or smtps://user:pass@host:port). Unset: in-app alert only. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    /** The From address of those e-mails (required with SMTP_URL). */
    MAIL_FROM: z.string().min(3).optional(),

    /** auto: run against the built-in emulators when no HubSpot credentials are configured. */
    SANDBOX_MODE: z.enum(['auto', 'on', 'off']).default('auto'),
    SANDBOX_HUBSPOT_PORT: port.default(4010),
    SANDBOX_QBO_PORT: port.default(4020),
    /** Where `npm start`'s demo keeps the emulators' state between runs (beside the embedded Postgres). */
    SANDBOX_DATA_DIR: z.string().min(1).default('.data/sandbox'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      for (const key of ['TOKEN_ENCRYPTION_KEY', 'PUBLIC_BASE_URL', 'HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'QBO_CLIENT_ID', 'QBO_CLIENT_SECRET'] as const) {
        if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
      }
    }
    if ((env.HUBSPOT_CLIENT_ID === undefined) !== (env.HUBSPOT_CLIENT_SECRET === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['HUBSPOT_CLIENT_SECRET'], message: 'HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are set together' });
    }
    if ((env.QBO_CLIENT_ID === undefined) !== (env.QBO_CLIENT_SECRET === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['QBO_CLIENT_SECRET'], message: 'QBO_CLIENT_ID and QBO_CLIENT_SECRET are set together' });
    }
    // Each running pass and record job holds a pooled connection for its lock; queries need the rest.
    const held = env.WORKER_CATCH_UP_CONCURRENCY + env.WORKER_CONCURRENCY;
    if (env.DATABASE_POOL_MAX < held + 4) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_POOL_MAX'], message: `must be at least WORKER_CATCH_UP_CONCURRENCY + WORKER_CONCURRENCY + 4 (${held + 4}): each running sync pass and record job holds a connection for its lock` });
    }
    if (env.SMTP_URL !== undefined && env.MAIL_FROM === undefined) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set' });
    }
    if (env.HUBSPOT_DEV_PROXY_LOCAL_URL !== undefined && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['HUBSPOT_DEV_PROXY_LOCAL_URL'], message: 'is for hs project dev only and cannot be set in production' });
    }
    if (env.HUBSPOT_DEV_PROXY_LOCAL_URL !== undefined && new URL(env.HUBSPOT_DEV_PROXY_LOCAL_URL).pathname !== '/') {
      ctx.addIssue({ code: 'custom', path: ['HUBSPOT_DEV_PROXY_LOCAL_URL'], message: 'must be an origin only (local.json maps origins), e.g. http://localhost:3000' });
    }
    if (env.VENDOR_LIMITS_MULTIPLIER !== 1 && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['VENDOR_LIMITS_MULTIPLIER'], message: 'is for benchmarks against the emulators and must be 1 in production (the vendors\' limits are fixed)' });
    }
    if (env.SANDBOX_MODE === 'on' && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['SANDBOX_MODE'], message: 'cannot be "on" in production' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment (process.env by default); throws one EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset": shells and .env files produce them for blank lines.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = cleaned[name];
    const shown = value === undefined || /KEY|SECRET|TOKEN|PASSWORD|DATABASE_URL|SMTP_URL/.test(name) ? '' : ` (got "${value}")`;
    return `${name}: ${issue.message}${shown}`;
  });
  throw new EnvError(problems);
}

/** True when the app should run against its own HubSpot and QuickBooks emulators. */
export function isSandboxMode(env: Env): boolean {
  if (env.SANDBOX_MODE === 'on') return true;
  if (env.SANDBOX_MODE === 'off') return false;
  return env.NODE_ENV !== 'production' && env.HUBSPOT_CLIENT_ID === undefined;
}

/** A parsed environment back as variables (to layer overrides on, or hand to a child process). */
export function envToVariables(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}
