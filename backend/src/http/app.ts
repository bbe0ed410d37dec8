/** The Express application: middleware order, routes, and the single error handler last. */
import express, { type Express } from 'express';
import type { AppContext } from '../jobs/context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { createMetrics, metricsMiddleware, type Metrics } from './metrics.ts';
import { healthRoutes } from './routes/health/health.ts';

/** The raw request bytes, kept for signature checks (a re-serialised body would not verify). */
export type RequestWithRawBody = express.Request & { rawBody?: Buffer };

export function createHttpApp(ctx: AppContext, metrics: Metrics = createMetrics()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.env.TRUST_PROXY);
  app.use(metricsMiddleware(metrics));
  app.use(
    express.json({
      limit: '1mb',
      verify: (req, _res, buf) => {
        (req as RequestWithRawBody).rawBody = Buffer.from(buf);
      },
    }),
  );
  app.use(healthRoutes(ctx, metrics));
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
