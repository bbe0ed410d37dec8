/**
 * HubSpot failures, normalised: callers never see raw HTTP, nor the official client's ApiException.
 * Built from HubSpot's error body `{ status: "error", message, correlationId, category, context?,
 * policyName? }` (the client keeps `message`, `category`, `context`, drops `policyName`).
 */
import { z } from 'zod';

export type HubSpotErrorKind = 'throttled' | 'unavailable' | 'auth' | 'validation' | 'conflict' | 'not_found' | 'unknown';

/** Which rate limit a 429 came from: the 10-second rolling budget, or the per-second search limit. */
export type HubSpotThrottle = 'ten_secondly' | 'secondly' | 'daily' | 'other';

export class HubSpotApiError extends Error {
  constructor(
    message: string,
    readonly kind: HubSpotErrorKind,
    /** HTTP status; 0 when no answer came (network error, timeout). */
    readonly status: number,
    readonly category: string | undefined,
    readonly context: Record<string, string[]> | undefined,
    readonly details: { throttle?: HubSpotThrottle; correlationId?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'HubSpotApiError';
  }

  /** Which limit a 429 hit. */
  get throttle(): HubSpotThrottle | undefined {
    return this.details.throttle;
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
  }
}

const errorBodySchema = z.looseObject({
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export type HubSpotErrorBody = z.infer<typeof errorBodySchema>;

function throttleOf(body: HubSpotErrorBody): HubSpotThrottle {
  const policy = body.policyName?.toUpperCase();
  const message = body.message ?? '';
  if (policy === 'TEN_SECONDLY_ROLLING' || /ten_secondly_rolling/i.test(message)) return 'ten_secondly';
  if (policy === 'SECONDLY' || /secondly limit/i.test(message)) return 'secondly';
  if (policy === 'DAILY' || /daily limit/i.test(message)) return 'daily';
  return 'other';
}

function kindOf(status: number, category: string | undefined): HubSpotErrorKind {
  if (status === 429) return 'throttled';
  if (status === 0 || status >= 500) return 'unavailable';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || category === 'OBJECT_NOT_FOUND') return 'not_found';
  if (status === 409 || category === 'CONFLICT') return 'conflict';
  if (status === 400 || status === 422 || category === 'VALIDATION_ERROR') return 'validation';
  return 'unknown';
}

/** From a status and whatever body came with it (JSON object, the client's model, text or nothing). */
export function hubspotErrorFrom(status: number, body: unknown): HubSpotApiError {
  const parsed = errorBodySchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
  const data: HubSpotErrorBody = parsed.success ? parsed.data : {};
  const kind = kindOf(status, data.category);
  const message = data.message ?? (status === 0 ? 'HubSpot did not answer' : `HubSpot answered ${status}`);
  return new HubSpotApiError(message, kind, status, data.category, data.context, {
    ...(kind === 'throttled' ? { throttle: throttleOf(data) } : {}),
    ...(data.correlationId ? { correlationId: data.correlationId } : {}),
  });
}

/** A per-input error of a 207 multi-status batch answer (it carries no HTTP status of its own). */
export function hubspotBatchItemError(body: unknown): HubSpotApiError {
  const parsed = errorBodySchema.safeParse(body);
  const data: HubSpotErrorBody = parsed.success ? parsed.data : {};
  const status = data.category === 'OBJECT_NOT_FOUND' ? 404 : data.category === 'CONFLICT' ? 409 : 400;
  return hubspotErrorFrom(status, data);
}

const thrownSchema = z.object({ code: z.number(), body: z.unknown() });

/** Anything the official client (or fetch under it) threw. */
export function hubspotErrorFromThrown(err: unknown): HubSpotApiError {
  if (err instanceof HubSpotApiError) return err;
  // ApiException<T>: { code: HTTP status, body: deserialized error model }
  const thrown = thrownSchema.safeParse(err);
  if (thrown.success && thrown.data.code >= 100) return hubspotErrorFrom(thrown.data.code, thrown.data.body);
  const reason = err instanceof Error ? err.message : String(err);
  return new HubSpotApiError(`HubSpot unreachable: ${reason}`, 'unavailable', 0, undefined, undefined);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
