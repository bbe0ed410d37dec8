/** zod parsing of a signed route's query and body into our 400 envelope (`invalid_request`, one entry per problem). */
import type { z } from 'zod';
import { httpErrors } from '../../errors.ts';

/** Query parameters of the HubSpot context (signed, read by the signature middleware) and the writes' `requestId` (repeat-safe-writes), not part of any route's query. */
const PLATFORM_QUERY_PARAMS = new Set(['portalId', 'appId', 'userId', 'userEmail', 'requestId']);

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw httpErrors.invalidRequest(
      `The request ${what} is not valid.`,
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : ''), message: issue.message })),
    );
  }
  return parsed.data;
}

/** Empty values count as unset (`?search=&state=` from a cleared filter box means "no filter"). */
export function parseQuery<T>(schema: z.ZodType<T>, query: Record<string, unknown>): T {
  const own = Object.fromEntries(Object.entries(query).filter(([key, value]) => !PLATFORM_QUERY_PARAMS.has(key) && value !== ''));
  return parse(schema, own, 'query');
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  return parse(schema, body ?? {}, 'body');
}

export function parseParam<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw httpErrors.notFound(`No such ${name}.`);
  return parsed.data;
}
