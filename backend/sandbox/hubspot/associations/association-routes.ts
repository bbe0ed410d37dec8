/** v4 associations: per-record PUT/DELETE/GET (`/crm/v4/objects/...`). */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { requireScope } from '../http/auth.ts';
import { apiLocals } from '../http/context.ts';
import { validationError } from '../http/errors.ts';
import { param, parseInput, queryString } from '../http/parse.ts';
import type { WriteContext } from '../objects/object-writes.ts';
import { OBJECT_TYPE_INFO, resolveObjectType } from '../objects/object-types.ts';
import { requireRecord } from '../objects/record-lookup.ts';
import { associationSpecSchema } from '../objects/schemas.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { associate, dissociate, resolveTypeDefs } from './associate.ts';
import { labelsBetween, linkOut, pageLinks } from './association-output.ts';
import { defaultTypeFor } from './association-types.ts';

export const MAX_ASSOCIATIONS_PAGE = 500;

export function pairSetup(state: HubSpotSandboxState, res: Response, fromRaw: string, toRaw: string, write: boolean) {
  const from = resolveObjectType(fromRaw);
  const to = resolveObjectType(toRaw);
  requireScope(res, write ? OBJECT_TYPE_INFO[from].writeScopes : OBJECT_TYPE_INFO[from].readScopes);
  const { account, source } = apiLocals(res);
  const ctx: WriteContext = { state, account, source };
  return { from, to, ctx, account };
}

export function recordAssociationRoutes(state: HubSpotSandboxState): Router {
  const router = Router();

  router.put('/:fromType/:fromId/associations/default/:toType/:toId', (req, res) => {
    const { from, to, ctx } = pairSetup(state, res, param(req.params.fromType), param(req.params.toType), true);
    const fromId = param(req.params.fromId);
    const toId = param(req.params.toId);
    const def = defaultTypeFor(from, to);
    if (!def) throw validationError(`No default association type exists between ${from} and ${to}`);
    associate(ctx, from, fromId, to, toId, [def]);
    const started = new Date().toISOString();
    res.status(200).json({
      status: 'COMPLETE',
      results: [
        { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: def.category, associationTypeId: def.typeId } },
        { from: { id: toId }, to: { id: fromId }, associationSpec: { associationCategory: def.category, associationTypeId: def.inverseTypeId } },
      ],
      startedAt: started,
      completedAt: new Date().toISOString(),
    });
  });

  router.put('/:fromType/:fromId/associations/:toType/:toId', (req, res) => {
    const { from, to, ctx, account } = pairSetup(state, res, param(req.params.fromType), param(req.params.toType), true);
    const specs = parseInput(z.array(associationSpecSchema).min(1), req.body);
    const defs = resolveTypeDefs(ctx, from, to, specs);
    const fromId = param(req.params.fromId);
    const toId = param(req.params.toId);
    const typeIds = associate(ctx, from, fromId, to, toId, defs);
    res.status(201).json(labelsBetween(account, from, fromId, to, toId, typeIds));
  });

  router.delete('/:fromType/:fromId/associations/:toType/:toId', (req, res) => {
    const { from, to, ctx } = pairSetup(state, res, param(req.params.fromType), param(req.params.toType), true);
    dissociate(ctx, from, param(req.params.fromId), to, param(req.params.toId));
    res.status(204).end();
  });

  router.get('/:fromType/:fromId/associations/:toType', (req, res) => {
    const { from, to, account } = pairSetup(state, res, param(req.params.fromType), param(req.params.toType), false);
    const fromId = param(req.params.fromId);
    requireRecord(account, from, fromId);
    const limit = Number(queryString(req.query.limit) ?? MAX_ASSOCIATIONS_PAGE);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ASSOCIATIONS_PAGE) throw validationError(`limit must be between 1 and ${MAX_ASSOCIATIONS_PAGE}`);
    const links = account.associations.list(from, fromId, to);
    const { page, next } = pageLinks(links, queryString(req.query.after), limit);
    res.json({ results: page.map((l) => linkOut(account, from, to, l)), ...(next ? { paging: { next: { after: next } } } : {}) });
  });

  return router;
}
