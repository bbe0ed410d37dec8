/**
 * POST /batch: up to 30 BatchItemRequests run one after another; each gets its own response
 * (entity, QueryResponse, CDC result or Fault) under its `bId`, and the HTTP status stays 200.
 */
import { z } from 'zod';
import { QboFault, faults } from '../core/fault.ts';
import { runCdc } from '../cdc/cdc.ts';
import { performWrite, type Operation } from '../entities/operations.ts';
import { executeQuery } from '../query/execute.ts';
import type { Company } from '../state/company.ts';
import { isEntityName } from '../state/types.ts';

export const BATCH_MAX_ITEMS = 30;

const batchSchema = z.object({ BatchItemRequest: z.array(z.record(z.string(), z.unknown())) });
const OPERATIONS: readonly string[] = ['create', 'update', 'delete', 'void'];

function runItem(company: Company, item: Record<string, unknown>): Record<string, unknown> {
  const bId = typeof item.bId === 'string' ? item.bId : undefined;
  try {
    if (bId === undefined || bId === '') throw faults.requiredParam('bId');
    if (typeof item.Query === 'string') return { bId, QueryResponse: executeQuery(company, item.Query) };
    const cdc = item.CDCQuery as { Entities?: string; ChangedSince?: string } | undefined;
    if (cdc) return { bId, ...runCdc(company, cdc.Entities, cdc.ChangedSince) };
    const entityKeys = Object.keys(item).filter((k) => !['bId', 'operation', 'optionsData'].includes(k));
    const entity = entityKeys[0];
    if (entityKeys.length !== 1 || entity === undefined || !isEntityName(entity)) {
      throw faults.invalidProperty(`BatchItemRequest must carry exactly one entity, Query or CDCQuery (got ${entityKeys.join(', ') || 'none'})`);
    }
    const operation = typeof item.operation === 'string' ? item.operation : '';
    if (!OPERATIONS.includes(operation)) throw faults.unsupportedOperation(operation === '' ? '(missing operation)' : operation);
    const allowDuplicateDocNum = typeof item.optionsData === 'string' && item.optionsData.includes('allowduplicatedocnum');
    const { record } = performWrite(company, entity, operation as Operation, item[entity], { allowDuplicateDocNum });
    return { bId, [entity]: record };
  } catch (error) {
    if (!(error instanceof QboFault)) throw error;
    return { bId: bId ?? '', Fault: error.body() };
  }
}

export function runBatch(company: Company, body: unknown): Record<string, unknown> {
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) throw faults.requiredParam('BatchItemRequest');
  const items = parsed.data.BatchItemRequest;
  if (items.length === 0) throw faults.requiredParam('BatchItemRequest');
  if (items.length > BATCH_MAX_ITEMS) {
    throw faults.businessValidation(`Batch request has ${items.length} BatchItemRequest entries; the maximum is ${BATCH_MAX_ITEMS}.`);
  }
  company.beginBatch();
  try {
    return { BatchItemResponse: items.map((item) => runItem(company, item)) };
  } finally {
    company.endBatch();
  }
}
