/** zod parsing of request bodies and query strings with HubSpot-shaped 400s instead of crashes. */
import type { z } from 'zod';
import { validationError } from './errors.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const summary = issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : what}: ${i.message}`).join('; ');
  throw validationError(`Invalid input JSON on line 1, column 1: ${summary}`, {
    errors: issues.map((i) => ({ message: i.message, in: i.path.join('.'), code: 'INVALID_INPUT' })),
  });
}

/** Query params that may repeat (`properties=a&properties=b`) or be comma-separated (`properties=a,b`). */
export function queryList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const names = parts.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p.length > 0);
  return names;
}

export function queryString(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function queryBool(value: unknown): boolean {
  return queryString(value)?.toLowerCase() === 'true';
}

/** Path params are strings in Express 5, but typed loosely; this keeps call sites tidy. */
export function param(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
