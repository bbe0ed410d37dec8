/** Signed API of the guided setup's income-account choices (products' and the custom line item's, R13). */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { incomeAccounts } from '../../../views/income-accounts.ts';

export function incomeAccountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/quickbooks/income-accounts', async (_req, res) => {
    res.json(await incomeAccounts(ctx, accountOf(res).portalId));
  });
  return router;
}
