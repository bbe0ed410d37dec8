/** The Express application: middleware order, routes, and the single error handler last. */
import { dealPaymentRoutes } from './routes/api/deal-payments.ts';
import express, { type Express } from 'express';
import type { AppContext } from '../jobs/context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { createMetrics, metricsMiddleware, type Metrics } from './metrics.ts';
import { healthRoutes } from './routes/health/health.ts';
import { homeRoutes } from './routes/home/home.ts';
import { hubspotInstallRoutes } from './routes/oauth/hubspot-install.ts';
import { quickbooksOAuthRoutes } from './routes/oauth/quickbooks.ts';
import { hubspotWebhookRoutes } from './routes/webhooks/hubspot.ts';
import { quickbooksWebhookRoutes } from './routes/webhooks/quickbooks.ts';
import { connectionRoutes } from './routes/api/connection.ts';
import { syncRoutes } from './routes/api/syncs.ts';
import { recordRoutes } from './routes/api/records.ts';
import { exportRoutes } from './routes/api/exports.ts';
import { exportDownloadRoutes } from './routes/api/export-download.ts';
import { setupCheckRoutes } from './routes/api/setup-checks.ts';
import { incomeAccountRoutes } from './routes/api/income-accounts.ts';
import { signedAccount, verifiedHubSpotRequest } from './middleware/hubspot-signature.ts';
import { repeatSafeWrites } from './middleware/repeat-safe-writes.ts';
import { refuseInvalidText } from './middleware/text-input.ts';

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
  // Before any route: NUL, control characters and invalid UTF-8 in the path, query or body are a 400, never a 500.
  app.use(refuseInvalidText);
  app.use(healthRoutes(ctx, metrics), homeRoutes(ctx));
  app.use(hubspotInstallRoutes(ctx));
  app.use(quickbooksOAuthRoutes(ctx));
  app.use(hubspotWebhookRoutes(ctx));
  app.use(quickbooksWebhookRoutes(ctx));
  // Opened by the browser from an alert or e-mail: the signed, expiring link is the credential.
  app.use(exportDownloadRoutes(ctx));
  // Everything under /api/v1 is called by our UI extensions through signed hubspot.fetch.
  app.use('/api/v1', verifiedHubSpotRequest(ctx), signedAccount(ctx), repeatSafeWrites(ctx), connectionRoutes(ctx), syncRoutes(ctx), recordRoutes(ctx), exportRoutes(ctx), setupCheckRoutes(ctx), dealPaymentRoutes(ctx), incomeAccountRoutes(ctx));
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
