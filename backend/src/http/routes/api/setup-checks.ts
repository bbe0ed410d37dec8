/** Signed API of the guided setup's checks and recommendations (R26). */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { runSetupChecks } from '../../../setup-checks/setup-checks-service.ts';

export function setupCheckRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/setup-checks', async (_req, res) => {
    res.json(await runSetupChecks(ctx, accountOf(res).portalId));
  });
  return router;
}
