/** The batch response envelope (`BatchResponse…` / `…WithErrors`) and per-input error shape. */
import type { Response } from 'express';
import { validationError, type HubSpotError } from '../http/errors.ts';

export const MAX_BATCH_INPUTS = 100;

export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context?: Record<string, string[]>;
  errors?: unknown[];
}

export function checkBatchSize(inputs: readonly unknown[]): void {
  if (inputs.length > MAX_BATCH_INPUTS) {
    throw validationError(`Too many inputs: ${inputs.length}. The maximum number of inputs per batch request is ${MAX_BATCH_INPUTS}.`, {
      context: { maxInputs: [String(MAX_BATCH_INPUTS)] },
    });
  }
}

export function checkDuplicateIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of ids) (seen.has(id) ? dupes : seen).add(id);
  if (dupes.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...dupes].join(', ')}]. IDs must be unique`);
}

export function toBatchError(err: HubSpotError, extraContext: Record<string, string[]> = {}): BatchError {
  return {
    status: 'error',
    category: err.body.category,
    message: err.body.message,
    context: { ...(err.body.context ?? {}), ...extraContext },
    ...(err.body.errors ? { errors: err.body.errors } : {}),
  };
}

/** 2xx with results, or 207 with `errors` + `numErrors` when some inputs failed. */
export function sendBatch(res: Response, okStatus: number, startedAt: Date, results: unknown[], errors: BatchError[]): void {
  const body = {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    requestedAt: startedAt.toISOString(),
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
  res.status(errors.length > 0 ? 207 : okStatus).json(body);
}
