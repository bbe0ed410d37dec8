/**
 * Shared vocabulary of the signed API (`/api/v1/*`), as zod schemas with their inferred types.
 * Plain modules (zod only, no Node imports): the backend handlers, the tests and the UI extensions'
 * fetch helpers all import them, so a response that drifts from the contract fails a parse.
 */
import { z } from 'zod';

export const objectTypeSchema = z.enum(['contacts', 'companies', 'products', 'invoices', 'payments']);
export type ObjectTypeName = z.infer<typeof objectTypeSchema>;
export const OBJECT_TYPES = objectTypeSchema.options;

export const recordStateSchema = z.enum(['pending', 'synced', 'failed', 'excluded']);
export type RecordStateName = z.infer<typeof recordStateSchema>;

/** Which way a record's last sync (or an activity entry) went. */
export const syncDirectionOfRecordSchema = z.enum(['to_qbo', 'to_hubspot']);
export type RecordDirection = z.infer<typeof syncDirectionOfRecordSchema>;

/** Timestamps travel as ISO-8601 strings in UTC (`Date.prototype.toISOString`). */
export const isoDateTime = z.iso.datetime();

/**
 * An opaque page cursor: pass back `nextCursor` exactly as received. `null` means there is no
 * further page.
 */
export const cursorSchema = z.string().min(1).max(200);

export const errorCodeSchema = z.enum([
  'invalid_request',
  'invalid_signature',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'not_ready',
  'internal_error',
]);
export type ApiErrorCode = z.infer<typeof errorCodeSchema>;

/** Every error response: `{ error: { code, message, details? } }`; branch on `code`, show `message`. */
export const errorEnvelopeSchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ApiErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** `details` of an `invalid_request` caused by a bad query or body: one entry per problem. */
export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;
