/** Signed API of record-view exports (R29): start one, list recent ones, poll one. */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { createExportRequestSchema, exportIdParamSchema } from '@quickbooks-sync/contract';
import { exportStatus, recentExports, requestExport } from '../../../exports/request-export.ts';
import { parseBody, parseParam } from './parse-input.ts';

export function exportRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/exports', async (req, res) => {
    const account = accountOf(res);
    const input = parseBody(createExportRequestSchema, req.body);
    res.status(202).json(await requestExport(ctx, account.portalId, input, { userId: account.userId, email: account.userEmail }));
  });
  router.get('/exports', async (_req, res) => {
    res.json(await recentExports(ctx, accountOf(res).portalId));
  });
  router.get('/exports/:exportId', async (req, res) => {
    res.json(await exportStatus(ctx, accountOf(res).portalId, parseParam(exportIdParamSchema, req.params.exportId, 'export')));
  });
  return router;
}
