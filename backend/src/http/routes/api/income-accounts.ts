/** Signed API of the guided setup's choices read from the company: income accounts (products' and the custom line item's, R13) and tax codes (R22). */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { incomeAccounts } from '../../../views/income-accounts.ts';
import { taxCodes } from '../../../views/tax-codes.ts';

export function incomeAccountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/quickbooks/income-accounts', async (_req, res) => {
    res.json(await incomeAccounts(ctx, accountOf(res).portalId));
  });
  router.get('/quickbooks/tax-codes', async (_req, res) => {
    res.json(await taxCodes(ctx, accountOf(res).portalId));
  });
  return router;
}
