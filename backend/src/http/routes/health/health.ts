import { Router } from 'express';
import { isDatabaseReachable } from '../../../db/knex.ts';
import type { AppContext } from '../../../jobs/context.ts';
import type { Metrics } from '../../metrics.ts';
import { httpErrors } from '../../errors.ts';

/** Liveness (process up), readiness (database and queue reachable) and Prometheus metrics. */
export function healthRoutes(ctx: AppContext, metrics: Metrics): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([isDatabaseReachable(ctx.db), ctx.queue.isReachable()]);
    if (!database || !queue) throw httpErrors.notReady('Not ready: a dependency is unreachable.', { database, queue });
    res.json({ status: 'ready', database, queue });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
