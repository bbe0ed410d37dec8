/**
 * v3 objects batch API. Limits as HubSpot: ≤100 inputs, duplicate ids rejected. Invalid inputs fail the
 * whole batch (nothing written) unless every input carries an `objectWriteTraceId`; then the valid ones
 * are written and the response is 207 with an error per failed input. Missing ids on read/update are
 * reported per input (207).
 */
import { Router } from 'express';
import { planCreateAssociations } from '../associations/associate.ts';
import { requireScope } from '../http/auth.ts';
import { apiLocals } from '../http/context.ts';
import { HubSpotError } from '../http/errors.ts';
import { param, parseInput, queryBool } from '../http/parse.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { checkBatchSize, checkDuplicateIds, sendBatch, toBatchError, type BatchError } from './batch-response.ts';
import type { CrmRecord } from './collection.ts';
import { applyArchive, applyCreate, applyUpdate, claimUnique, planWrite, type BatchClaims, type PlannedValues, type WriteContext } from './object-writes.ts';
import { OBJECT_TYPE_INFO, resolveObjectType, type ObjectType } from './object-types.ts';
import { checkIdProperty, lookupRecord } from './record-lookup.ts';
import { batchArchiveSchema, batchCreateSchema, batchReadSchema, batchUpdateSchema, batchUpsertSchema } from './schemas.ts';
import { attachHistory, toPublicObject } from './serialize.ts';

function notFoundError(type: ObjectType, ids: string[]): BatchError {
  return {
    status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids },
    message: `Could not get some ${OBJECT_TYPE_INFO[type].singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
  };
}

/** Plans every input; on failures either throws (all-or-nothing) or returns per-input errors (trace ids). */
function planAll<T extends { objectWriteTraceId?: string | undefined }>(
  inputs: T[],
  plan: (input: T, index: number) => void,
): BatchError[] {
  const partialAllowed = inputs.length > 0 && inputs.every((i) => i.objectWriteTraceId !== undefined);
  const errors: BatchError[] = [];
  inputs.forEach((input, index) => {
    try {
      plan(input, index);
    } catch (err) {
      if (!(err instanceof HubSpotError) || !partialAllowed) throw err;
      errors.push(toBatchError(err, { objectWriteTraceId: [input.objectWriteTraceId ?? ''] }));
    }
  });
  return errors;
}

export function objectBatchRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  const setup = (req: { params: Record<string, string | string[] | undefined> }, res: Parameters<typeof apiLocals>[0], write: boolean) => {
    const type = resolveObjectType(param(req.params.objectType));
    requireScope(res, write ? OBJECT_TYPE_INFO[type].writeScopes : OBJECT_TYPE_INFO[type].readScopes);
    const { account, source } = apiLocals(res);
    const ctx: WriteContext = { state, account, source };
    return { type, ctx, startedAt: new Date() };
  };

  router.post('/:objectType/batch/create', (req, res) => {
    const { type, ctx, startedAt } = setup(req, res, true);
    const { inputs } = parseInput(batchCreateSchema, req.body);
    checkBatchSize(inputs);
    const claims: BatchClaims = new Map();
    const planned: { values: PlannedValues; associate: (id: string) => void; traceId?: string | undefined }[] = [];
    const errors = planAll(inputs, (input, index) => {
      const values = planWrite(ctx, type, input.properties, { claims });
      const associate = planCreateAssociations(ctx, type, input.associations);
      claimUnique(ctx, type, values, claims, index);
      planned.push({ values, associate, traceId: input.objectWriteTraceId });
    });
    const results = planned.map((p) => {
      const record = applyCreate(ctx, type, p.values);
      p.associate(record.id);
      return { ...toPublicObject(ctx.account, record, 'all'), ...(p.traceId ? { objectWriteTraceId: p.traceId } : {}) };
    });
    sendBatch(res, 201, startedAt, results, errors);
  });

  router.post('/:objectType/batch/read', (req, res) => {
    const { type, ctx, startedAt } = setup(req, res, false);
    const body = parseInput(batchReadSchema, req.body);
    checkBatchSize(body.inputs);
    checkIdProperty(ctx.account, type, body.idProperty);
    const archived = queryBool(req.query.archived);
    const results = [];
    const missing: string[] = [];
    for (const id of new Set(body.inputs.map((i) => i.id))) {
      const record = lookupRecord(ctx.account, type, id, body.idProperty, archived);
      if (!record) {
        missing.push(id);
        continue;
      }
      const out = toPublicObject(ctx.account, record, body.properties);
      attachHistory(ctx.account, record, body.propertiesWithHistory, out);
      results.push(out);
    }
    sendBatch(res, 200, startedAt, results, missing.length > 0 ? [notFoundError(type, missing)] : []);
  });

  router.post('/:objectType/batch/update', (req, res) => {
    const { type, ctx, startedAt } = setup(req, res, true);
    const { inputs } = parseInput(batchUpdateSchema, req.body);
    checkBatchSize(inputs);
    checkDuplicateIds(inputs.map((i) => i.id));
    const claims: BatchClaims = new Map();
    const missing: string[] = [];
    const planned: { record: CrmRecord; values: PlannedValues; traceId?: string | undefined }[] = [];
    const errors = planAll(inputs, (input, index) => {
      checkIdProperty(ctx.account, type, input.idProperty);
      const record = lookupRecord(ctx.account, type, input.id, input.idProperty);
      if (!record) {
        missing.push(input.id);
        return;
      }
      const values = planWrite(ctx, type, input.properties, { existing: record, claims });
      claimUnique(ctx, type, values, claims, index);
      planned.push({ record, values, traceId: input.objectWriteTraceId });
    });
    const results = planned.map((p) => {
      applyUpdate(ctx, p.record, p.values);
      return { ...toPublicObject(ctx.account, p.record, 'all'), ...(p.traceId ? { objectWriteTraceId: p.traceId } : {}) };
    });
    if (missing.length > 0) errors.push(notFoundError(type, missing));
    sendBatch(res, 200, startedAt, results, errors);
  });

  router.post('/:objectType/batch/upsert', (req, res) => {
    const { type, ctx, startedAt } = setup(req, res, true);
    const { inputs } = parseInput(batchUpsertSchema, req.body);
    checkBatchSize(inputs);
    checkDuplicateIds(inputs.map((i) => `${i.idProperty ?? 'hs_object_id'}:${i.id.toLowerCase()}`));
    const claims: BatchClaims = new Map();
    const planned: { record?: CrmRecord; values: PlannedValues; traceId?: string | undefined }[] = [];
    const errors = planAll(inputs, (input, index) => {
      const idProperty = input.idProperty ?? 'hs_object_id';
      checkIdProperty(ctx.account, type, idProperty);
      const record = lookupRecord(ctx.account, type, input.id, idProperty);
      if (!record && idProperty === 'hs_object_id') throw new HubSpotError(400, 'VALIDATION_ERROR', `Upsert by hs_object_id requires an existing object; ${input.id} was not found`);
      const props = record ? input.properties : { ...input.properties, [idProperty]: input.id };
      const values = planWrite(ctx, type, props, { existing: record, claims });
      claimUnique(ctx, type, values, claims, index);
      planned.push({ record, values, traceId: input.objectWriteTraceId });
    });
    const results = planned.map((p) => {
      const isNew = p.record === undefined;
      const record = p.record ?? applyCreate(ctx, type, p.values);
      if (!isNew) applyUpdate(ctx, record, p.values);
      return { ...toPublicObject(ctx.account, record, 'all'), new: isNew, ...(p.traceId ? { objectWriteTraceId: p.traceId } : {}) };
    });
    sendBatch(res, 200, startedAt, results, errors);
  });

  router.post('/:objectType/batch/archive', (req, res) => {
    const { type, ctx } = setup(req, res, true);
    const { inputs } = parseInput(batchArchiveSchema, req.body);
    checkBatchSize(inputs);
    for (const { id } of inputs) {
      const record = lookupRecord(ctx.account, type, id);
      if (record) applyArchive(ctx, record);
    }
    res.status(204).end();
  });

  return router;
}
