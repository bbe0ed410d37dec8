/**
 * Fault injection, configured per account (HubSpot portal / QBO realm). Off by default. Every decision
 * draws from a PRNG seeded by the config's seed, so a failing scenario replays exactly.
 */
import { z } from 'zod';
import { seededRandom, shuffled, type Random } from './random.ts';

const rate = z.number().min(0).max(1);

export const faultConfigSchema = z
  .object({
    seed: z.number().int().default(1),
    /** Added to every API response. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Share of API requests answered with a 5xx. */
    serverErrorRate: rate.default(0),
    /** Share of API requests that never get an answer within `timeoutMs` (the socket is then closed). */
    timeoutRate: rate.default(0),
    timeoutMs: z.number().int().min(0).max(600_000).default(30_000),
    /** The next N API requests are answered with 429, whatever the real limit says. */
    throttleBurst: z.number().int().min(0).default(0),
    /** Share of webhook deliveries sent twice. */
    webhookDuplicateRate: rate.default(0),
    /** Shuffle the events inside each delivered batch and the order of batches. */
    webhookReorder: z.boolean().default(false),
    /** Share of webhook events that are never delivered. */
    webhookDropRate: rate.default(0),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;

export type RequestFault =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'server_error'; latencyMs: number }
  | { kind: 'timeout'; latencyMs: number; timeoutMs: number }
  | { kind: 'throttle'; latencyMs: number };

interface AccountFaults {
  config: FaultConfig;
  random: Random;
  throttleLeft: number;
}

export class Faults {
  private readonly byAccount = new Map<string, AccountFaults>();

  /** Replaces the account's fault configuration (and restarts its PRNG from the seed). */
  configure(account: string, input: FaultConfigInput): FaultConfig {
    const config = faultConfigSchema.parse(input);
    this.byAccount.set(account, { config, random: seededRandom(config.seed), throttleLeft: config.throttleBurst });
    return config;
  }

  reset(account: string): void {
    this.byAccount.delete(account);
  }

  config(account: string): FaultConfig {
    return this.byAccount.get(account)?.config ?? faultConfigSchema.parse({});
  }

  /** What should happen to this API request. Order: forced throttle burst, timeout, 5xx. */
  forRequest(account: string): RequestFault {
    const state = this.byAccount.get(account);
    if (!state) return { kind: 'none', latencyMs: 0 };
    const { config, random } = state;
    const latencyMs = config.latencyMs;
    if (state.throttleLeft > 0) {
      state.throttleLeft -= 1;
      return { kind: 'throttle', latencyMs };
    }
    if (config.timeoutRate > 0 && random() < config.timeoutRate) {
      return { kind: 'timeout', latencyMs, timeoutMs: config.timeoutMs };
    }
    if (config.serverErrorRate > 0 && random() < config.serverErrorRate) {
      return { kind: 'server_error', latencyMs };
    }
    return { kind: 'none', latencyMs };
  }

  /**
   * Applies the webhook faults to a list of events about to be delivered: drops, duplicates and
   * reordering. Returns the events to send, in sending order.
   */
  forWebhookEvents<T>(account: string, events: readonly T[]): T[] {
    const state = this.byAccount.get(account);
    if (!state) return [...events];
    const { config, random } = state;
    const out: T[] = [];
    for (const event of events) {
      if (config.webhookDropRate > 0 && random() < config.webhookDropRate) continue;
      out.push(event);
      if (config.webhookDuplicateRate > 0 && random() < config.webhookDuplicateRate) out.push(event);
    }
    return config.webhookReorder ? shuffled(out, random) : out;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
