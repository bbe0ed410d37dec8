/**
 * Batch writes in chunks of 100, one result per input (in input order). Every input carries an
 * `objectWriteTraceId` (its index), which makes HubSpot answer 207 with an error per failed input
 * instead of failing the whole batch, and lets us pair results and errors with inputs.
 */
import type { Client } from '@hubspot/api-client';
import type { SimplePublicObjectBatchInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { z } from 'zod';
import type { HubSpotRecord } from '../../sync/types.ts';
import type { HubSpotCall } from './call.ts';
import { HubSpotApiError, hubspotBatchItemError } from './errors.ts';
import { batchResponseSchema, chunk, parseResponse, toHubSpotRecord, type objectSchema } from './schemas.ts';
import { BATCH_SIZE } from './records.ts';

export type HubSpotProperties = Record<string, string>;

export interface HubSpotCreateInput {
  properties: HubSpotProperties;
  associations?: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED'; associationTypeId: number }> }>;
}

export interface HubSpotUpdateInput {
  id: string;
  properties: HubSpotProperties;
  idProperty?: string;
}

export interface HubSpotUpsertInput {
  /** The value of the unique `idProperty` that identifies the record. */
  id: string;
  properties: HubSpotProperties;
}

export type HubSpotWriteResult = { ok: true; record: HubSpotRecord; created?: boolean } | { ok: false; error: HubSpotApiError };

type RawObject = z.infer<typeof objectSchema>;

// The client types association categories as its own enum; the wire values are these same strings.
const toCreateInput = (input: HubSpotCreateInput & { objectWriteTraceId: string }): SimplePublicObjectBatchInputForCreate =>
  ({ ...input, associations: input.associations ?? [] }) as unknown as SimplePublicObjectBatchInputForCreate;
type Operation = 'create' | 'update' | 'upsert';

export function recordWrites(call: HubSpotCall) {
  /**
   * Runs one operation over all inputs, chunk by chunk. A chunk refused as a whole for a reason of its
   * own (validation) fails its inputs only; throttling/outage after retries and auth failures throw.
   */
  async function run<I>(
    operation: Operation,
    inputs: I[],
    send: (client: Client, traced: Array<I & { objectWriteTraceId: string }>) => Promise<unknown>,
    /** Pairs a result with its input if HubSpot did not echo the trace id. */
    fallbackKey: (input: I, object: RawObject) => boolean,
  ): Promise<HubSpotWriteResult[]> {
    const results: HubSpotWriteResult[] = [];
    for (const part of chunk(inputs, BATCH_SIZE)) {
      const traced = part.map((input, index) => ({ ...input, objectWriteTraceId: String(index) }));
      let raw: unknown;
      try {
        raw = await call(`batch ${operation}`, 'general', (client) => send(client, traced));
      } catch (err) {
        if (!(err instanceof HubSpotApiError) || err.retryable || err.kind === 'auth') throw err;
        results.push(...part.map((): HubSpotWriteResult => ({ ok: false, error: err })));
        continue;
      }
      const response = parseResponse(batchResponseSchema, raw, `batch ${operation}`);
      const byIndex = new Map<number, HubSpotWriteResult>();
      for (const body of response.errors ?? []) {
        const error = hubspotBatchItemError(body);
        const traceIds = body.context?.objectWriteTraceId ?? [];
        // Missing records on update are reported by id, not by trace id.
        const ids = body.context?.ids ?? [];
        part.forEach((input, index) => {
          if (traceIds.includes(String(index)) || ids.includes((input as { id?: string }).id ?? '\u0000')) byIndex.set(index, { ok: false, error });
        });
      }
      // Errors went first, so results without a trace id pair only with inputs that did not fail.
      for (const object of response.results) {
        const index = object.objectWriteTraceId !== undefined ? Number(object.objectWriteTraceId) : part.findIndex((input, i) => !byIndex.has(i) && fallbackKey(input, object));
        if (index >= 0) byIndex.set(index, { ok: true, record: toHubSpotRecord(object), ...(object._new !== undefined ? { created: object._new } : {}) });
      }
      part.forEach((_, index) => {
        results.push(byIndex.get(index) ?? { ok: false, error: new HubSpotApiError(`HubSpot batch ${operation} returned no result for this input`, 'unknown', 207, undefined, undefined) });
      });
    }
    return results;
  }

  const batchCreate = (objectType: string, inputs: HubSpotCreateInput[]) =>
    run('create', inputs, (c, traced) => c.crm.objects.batchApi.create(objectType, { inputs: traced.map(toCreateInput) }), () => true);

  const batchUpdate = (objectType: string, inputs: HubSpotUpdateInput[]) =>
    run('update', inputs, (c, traced) => c.crm.objects.batchApi.update(objectType, { inputs: traced }), (input, object) => !input.idProperty && input.id === object.id);

  const batchUpsert = (objectType: string, idProperty: string, inputs: HubSpotUpsertInput[]) =>
    run('upsert', inputs, (c, traced) => c.crm.objects.batchApi.upsert(objectType, { inputs: traced.map((i) => ({ ...i, idProperty })) }), (input, object) => object.properties[idProperty] === input.id);

  return { batchCreate, batchUpdate, batchUpsert };
}
