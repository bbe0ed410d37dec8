/**
 * Opaque page cursors: base64url JSON the client passes back untouched. They only carry keyset
 * positions (never an account), so a forged cursor can at most move within the caller's own rows.
 */
import type { z } from 'zod';
import { httpErrors } from '../http/errors.ts';

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpErrors.invalidRequest('The page cursor is not valid; start again from the first page.', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  return parsed.data;
}
