/** Response helpers: QBO envelopes with `time`, Faults, and the requestid replay cache. */
import type { Request, Response } from 'express';
import { qboEnvelopeTime } from '../core/clock.ts';
import { faults, QboFault } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { StoredResponse } from '../state/types.ts';

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

export function envelope(company: Company, payload: Record<string, unknown>): Record<string, unknown> {
  return { ...payload, time: qboEnvelopeTime(company.nowMs()) };
}

export function faultOutcome(company: Company, error: unknown): Outcome {
  if (error instanceof QboFault) return { status: error.status, body: envelope(company, { Fault: error.body() }) };
  console.error('[qbo-sandbox] unexpected error', error);
  const fault = faults.systemFailure();
  return { status: fault.status, body: envelope(company, { Fault: fault.body() }) };
}

/** Runs a handler, turning thrown Faults into Fault responses. */
export function attempt(company: Company, run: () => Record<string, unknown>): Outcome {
  try {
    return { status: 200, body: envelope(company, run()) };
  } catch (error) {
    return faultOutcome(company, error);
  }
}

const MAX_REQUEST_ID = 50;

/**
 * `requestid` idempotency for writes: the first response for an id is stored and replayed verbatim
 * for any later request carrying the same id (reference §6).
 */
export function idempotent(company: Company, req: Request, run: () => Outcome): Outcome {
  const requestId = typeof req.query.requestid === 'string' ? req.query.requestid : undefined;
  if (requestId === undefined) return run();
  if (requestId.length > MAX_REQUEST_ID) {
    return faultOutcome(
      company,
      faults.businessValidation(`You cannot enter more than ${MAX_REQUEST_ID} characters in the request_id field. You entered ${requestId.length} characters.`),
    );
  }
  const stored: StoredResponse | undefined = company.recallRequest(requestId);
  if (stored) return { status: stored.status, body: stored.body as Record<string, unknown> };
  const outcome = run();
  company.rememberRequest(requestId, outcome);
  return outcome;
}

export function send(res: Response, outcome: Outcome): void {
  res.status(outcome.status).json(outcome.body);
}
