/** What we accept back from QuickBooks, parsed at the boundary (zod). Entities stay open: QBO adds fields freely. */
import { z } from 'zod';
import type { QboRecord } from '../../sync/types.ts';
import { QboApiError } from './errors.ts';

export const qboRecordSchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string(),
  MetaData: z.looseObject({ CreateTime: z.string().optional(), LastUpdatedTime: z.string().optional() }).optional(),
});

/** CDC reports deletions as stubs: no SyncToken, `status: "Deleted"`. */
export const qboDeletedStubSchema = z.looseObject({
  Id: z.string(),
  status: z.literal('Deleted'),
  MetaData: z.looseObject({ LastUpdatedTime: z.string().optional() }).optional(),
});

export const faultSchema = z.looseObject({
  type: z.string().optional(),
  Error: z.array(z.looseObject({ Message: z.string().optional(), Detail: z.string().optional(), code: z.string().optional() })).optional(),
});

/** `{ QueryResponse: { Customer: [...], startPosition, maxResults } }`; an empty result is `{}`. */
export const queryResponseSchema = z.looseObject({
  QueryResponse: z.record(z.string(), z.unknown()),
});

export const cdcResponseSchema = z.looseObject({
  CDCResponse: z.array(z.looseObject({ QueryResponse: z.array(z.record(z.string(), z.unknown())).optional() })),
});

export const batchResponseSchema = z.looseObject({
  BatchItemResponse: z.array(z.looseObject({ bId: z.string(), Fault: faultSchema.optional() })),
});

export function parseQbo<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new QboApiError(`QuickBooks ${what}: unexpected response shape (${issues.join('; ')})`, 'unknown', 200, undefined, undefined, undefined);
}

/** The records of `entity` in a QueryResponse-like object (absent = none). */
export function recordsIn(container: Record<string, unknown>, entity: string, what: string): QboRecord[] {
  const list = container[entity];
  if (list === undefined) return [];
  return parseQbo(z.array(qboRecordSchema), list, what);
}

export const parseRecord = (value: unknown, what: string): QboRecord => parseQbo(qboRecordSchema, value, what);
