/**
 * What we accept back from HubSpot (through the official client's models), parsed with zod and
 * mapped to the engine's HubSpotRecord. Dates are Date instances: the client already converted them.
 */
import { z } from 'zod';
import type { HubSpotRecord } from '../../sync/types.ts';
import { HubSpotApiError } from './errors.ts';

const propertyValues = z.record(z.string(), z.string().nullable().optional());

export const objectSchema = z.looseObject({
  id: z.string(),
  properties: propertyValues,
  updatedAt: z.date(),
  archived: z.boolean().optional(),
  objectWriteTraceId: z.string().optional(),
  _new: z.boolean().optional(),
});

const pagingSchema = z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional();

export const pageSchema = z.looseObject({ results: z.array(objectSchema), paging: pagingSchema });

export const batchErrorSchema = z.looseObject({
  message: z.string().optional(),
  category: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export const batchResponseSchema = z.looseObject({
  results: z.array(objectSchema),
  errors: z.array(batchErrorSchema).optional(),
});

export const associationLabelsSchema = z.looseObject({
  results: z.array(z.looseObject({ category: z.string(), typeId: z.number(), label: z.string().nullable().optional() })),
});

export const associationBatchSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      _from: z.looseObject({ id: z.string() }),
      to: z.array(
        z.looseObject({
          toObjectId: z.union([z.string(), z.number()]).transform(String),
          associationTypes: z.array(z.looseObject({ category: z.string().optional(), typeId: z.number() })),
        }),
      ),
    }),
  ),
  errors: z.array(batchErrorSchema).optional(),
});

export function toHubSpotRecord(object: z.infer<typeof objectSchema>): HubSpotRecord {
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(object.properties)) properties[name] = value ?? null;
  return { id: object.id, properties, updatedAt: object.updatedAt, ...(object.archived !== undefined ? { archived: object.archived } : {}) };
}

/** Parses a response of ours, or says which call answered something unexpected (a HubSpot change, not a bug of the caller). */
export function parseResponse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new HubSpotApiError(`HubSpot ${what}: unexpected response shape (${issues.join('; ')})`, 'unknown', 200, undefined, undefined);
}

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
