/** v4 associations batch API and association labels (`/crm/v4/associations/{from}/{to}/...`). */
import { Router } from 'express';
import { z } from 'zod';
import { HubSpotError, notFound, validationError } from '../http/errors.ts';
import { param, parseInput } from '../http/parse.ts';
import { sendBatch, toBatchError, type BatchError } from '../objects/batch-response.ts';
import { OBJECT_TYPE_INFO } from '../objects/object-types.ts';
import { lookupRecord } from '../objects/record-lookup.ts';
import { associationSpecSchema, idString } from '../objects/schemas.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { associate, dissociate, resolveTypeDefs } from './associate.ts';
import { labelsBetween, linkOut, pageLinks } from './association-output.ts';
import { pairSetup, MAX_ASSOCIATIONS_PAGE } from './association-routes.ts';
import { defaultTypeFor } from './association-types.ts';

/** Not documented by HubSpot's spec; secondary sources cite 2000 inputs per association batch. */
export const MAX_ASSOCIATION_BATCH = 2000;

const objectId = z.object({ id: idString });
const checkSize = (inputs: unknown[]): void => {
  if (inputs.length > MAX_ASSOCIATION_BATCH) throw validationError(`Too many inputs: ${inputs.length}. The maximum is ${MAX_ASSOCIATION_BATCH}.`);
};

export function associationBatchRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  const pair = (req: { params: Record<string, string | string[] | undefined> }, res: Parameters<typeof pairSetup>[1], write: boolean) =>
    pairSetup(state, res, param(req.params.fromType), param(req.params.toType), write);

  router.post('/:fromType/:toType/batch/create', (req, res) => {
    const { from, to, ctx, account } = pair(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ from: objectId, to: objectId, types: z.array(associationSpecSchema).min(1) })) }), req.body);
    checkSize(inputs);
    const started = new Date();
    const results = [];
    const errors: BatchError[] = [];
    for (const input of inputs) {
      try {
        const defs = resolveTypeDefs(ctx, from, to, input.types);
        const typeIds = associate(ctx, from, input.from.id, to, input.to.id, defs);
        results.push(labelsBetween(account, from, input.from.id, to, input.to.id, typeIds));
      } catch (err) {
        if (!(err instanceof HubSpotError)) throw err;
        errors.push(toBatchError(err, { fromId: [input.from.id], toId: [input.to.id] }));
      }
    }
    sendBatch(res, 201, started, results, errors);
  });

  router.post('/:fromType/:toType/batch/associate/default', (req, res) => {
    const { from, to, ctx } = pair(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ from: objectId, to: objectId })) }), req.body);
    checkSize(inputs);
    const def = defaultTypeFor(from, to);
    if (!def) throw validationError(`No default association type exists between ${from} and ${to}`);
    const started = new Date();
    const results = [];
    for (const input of inputs) {
      associate(ctx, from, input.from.id, to, input.to.id, [def]);
      results.push({ from: input.from, to: input.to, associationSpec: { associationCategory: def.category, associationTypeId: def.typeId } });
    }
    sendBatch(res, 200, started, results, []);
  });

  router.post('/:fromType/:toType/batch/read', (req, res) => {
    const { from, to, account } = pair(req, res, false);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ id: idString, after: z.string().optional() })) }), req.body);
    checkSize(inputs);
    const started = new Date();
    const results = [];
    const missing: string[] = [];
    for (const input of inputs) {
      if (!lookupRecord(account, from, input.id)) {
        missing.push(input.id);
        continue;
      }
      const links = account.associations.list(from, input.id, to);
      if (links.length === 0) {
        missing.push(input.id);
        continue;
      }
      const { page, next } = pageLinks(links, input.after, MAX_ASSOCIATIONS_PAGE);
      results.push({ from: { id: input.id }, to: page.map((l) => linkOut(account, from, to, l)), ...(next ? { paging: { next: { after: next } } } : {}) });
    }
    const errors: BatchError[] = missing.length > 0
      ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: `No ${OBJECT_TYPE_INFO[to].singular}s are associated with ${OBJECT_TYPE_INFO[from].singular} ${missing.join(', ')}.`, context: { fromIds: missing } }]
      : [];
    sendBatch(res, 200, started, results, errors);
  });

  router.post('/:fromType/:toType/batch/archive', (req, res) => {
    const { from, to, ctx } = pair(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ from: objectId, to: z.array(objectId) })) }), req.body);
    checkSize(inputs);
    for (const input of inputs) for (const target of input.to) dissociate(ctx, from, input.from.id, to, target.id);
    res.status(204).end();
  });

  router.post('/:fromType/:toType/batch/labels/archive', (req, res) => {
    const { from, to, ctx } = pair(req, res, true);
    const { inputs } = parseInput(z.object({ inputs: z.array(z.object({ from: objectId, to: objectId, types: z.array(associationSpecSchema).min(1) })) }), req.body);
    checkSize(inputs);
    for (const input of inputs) dissociate(ctx, from, input.from.id, to, input.to.id, input.types.map((t) => t.associationTypeId));
    res.status(204).end();
  });

  router.get('/:fromType/:toType/labels', (req, res) => {
    const { from, to, account } = pair(req, res, false);
    res.json({ results: account.associations.typesFor(from, to).map((d) => ({ category: d.category, typeId: d.typeId, label: d.label })) });
  });

  const labelInput = z.object({ name: z.string().min(1).optional(), label: z.string().min(1), inverseLabel: z.string().optional() });
  router.post('/:fromType/:toType/labels', (req, res) => {
    const { from, to, account } = pair(req, res, true);
    const input = parseInput(labelInput.extend({ name: z.string().min(1) }), req.body);
    const defs = account.associations.createLabel(from, to, input.name, input.label, input.inverseLabel);
    res.status(200).json({ results: defs.map((d) => ({ category: d.category, typeId: d.typeId, label: d.label })) });
  });
  router.put('/:fromType/:toType/labels', (req, res) => {
    const { from, to, account } = pair(req, res, true);
    const input = parseInput(labelInput.extend({ associationTypeId: z.number().int() }), req.body);
    if (!account.associations.updateLabel(from, to, input.associationTypeId, input.label, input.inverseLabel)) throw notFound(`No USER_DEFINED association type ${input.associationTypeId}`);
    res.status(204).end();
  });
  router.delete('/:fromType/:toType/labels/:typeId', (req, res) => {
    const { from, to, account } = pair(req, res, true);
    if (!account.associations.removeLabel(from, to, Number(param(req.params.typeId)))) throw notFound(`No USER_DEFINED association type ${param(req.params.typeId)}`);
    res.status(204).end();
  });

  return router;
}
