/** Signed API of the deal card (R30): the deal's invoices and their payments. */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { dealIdParamSchema } from '@quickbooks-sync/contract';
import { dealPayments } from '../../../views/deal-payments.ts';
import { parseParam } from './parse-input.ts';

export function dealPaymentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/deals/:dealId/payments', async (req, res) => {
    res.json(await dealPayments(ctx, accountOf(res).portalId, parseParam(dealIdParamSchema, req.params.dealId, 'deal')));
  });
  return router;
}
