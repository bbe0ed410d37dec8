/** Signed API for the sync settings (R5–R11): list, set up (recommended or custom), edit, disable/enable, delete, Sync now. */
import { Router } from 'express';
import { objectTypeSchema } from '@quickbooks-sync/contract';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { httpErrors } from '../../errors.ts';
import {
  createRecommendedDefinition,
  deleteDefinition,
  listDefinitionViews,
  saveDefinition,
  setDefinitionEnabled,
  syncNow,
  validateDefinition,
} from '../../../sync/definitions/definitions-service.ts';
import { fieldCatalogue } from '../../../views/field-catalogue.ts';

const objectTypeParam = objectTypeSchema;

function objectTypeOf(raw: unknown) {
  const parsed = objectTypeParam.safeParse(raw);
  if (!parsed.success) throw httpErrors.notFound('Unknown object type: use contacts, products, invoices or payments.');
  return parsed.data;
}

export function syncRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/syncs', async (_req, res) => {
    res.json({ syncs: await listDefinitionViews(ctx, accountOf(res).portalId) });
  });
  router.put('/syncs/:objectType', async (req, res) => {
    res.json(await saveDefinition(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType), req.body));
  });
  router.post('/syncs/:objectType/validate', async (req, res) => {
    res.json(await validateDefinition(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType), req.body));
  });
  router.post('/syncs/:objectType/recommended', async (req, res) => {
    res.status(201).json(await createRecommendedDefinition(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType)));
  });
  router.post('/syncs/:objectType/enable', async (req, res) => {
    res.json(await setDefinitionEnabled(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType), true));
  });
  router.post('/syncs/:objectType/disable', async (req, res) => {
    res.json(await setDefinitionEnabled(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType), false));
  });
  router.delete('/syncs/:objectType', async (req, res) => {
    await deleteDefinition(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType));
    res.status(204).end();
  });
  router.get('/syncs/:objectType/fields', async (req, res) => {
    res.json(await fieldCatalogue(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType)));
  });
  router.post('/syncs/:objectType/sync-now', async (req, res) => {
    res.status(202).json(await syncNow(ctx, accountOf(res).portalId, objectTypeOf(req.params.objectType)));
  });
  return router;
}
