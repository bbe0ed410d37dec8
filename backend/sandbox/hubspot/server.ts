/** Assembles the Express app: control API, OAuth, then the authenticated CRM APIs. */
import express, { Router } from 'express';
import { associationBatchRoutes } from './associations/association-batch-routes.ts';
import { recordAssociationRoutes } from './associations/association-routes.ts';
import { controlDataRoutes } from './control/control-data-routes.ts';
import { controlRoutes } from './control/control-routes.ts';
import { authenticate } from './http/auth.ts';
import { callLogger } from './http/call-logger.ts';
import { apiLocals } from './http/context.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { apiGuards } from './limits/api-guards.ts';
import { objectBasicRoutes } from './objects/basic-routes.ts';
import { objectBatchRoutes } from './objects/batch-routes.ts';
import { authorizeRoutes } from './oauth/authorize-routes.ts';
import { appSettingsPageRoutes } from './app-pages/settings-page.ts';
import { journalRoutes } from './journal/journal-routes.ts';
import { tokenRoutes } from './oauth/token-routes.ts';
import { propertyRoutes } from './properties/property-routes.ts';
import { searchRoutes } from './search/search-routes.ts';
import type { HubSpotSandboxState } from './state/sandbox-state.ts';
import type { WebhookDispatcher } from './webhooks/delivery.ts';

export function createApp(state: HubSpotSandboxState, webhooks: WebhookDispatcher): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '20mb' }));
  app.use(express.urlencoded({ extended: false }));

  const control = Router();
  control.use(controlRoutes(state, webhooks), controlDataRoutes(state));
  app.use('/_sandbox', control);
  app.use(authorizeRoutes(state), tokenRoutes(state), appSettingsPageRoutes(state));
  // App-level APIs (client-credentials tokens), before the account-token authentication below.
  app.use(journalRoutes(state));

  const api = Router();
  api.use(callLogger(state), authenticate(state), apiGuards(state));
  api.use('/crm/v3/objects', searchRoutes(), objectBatchRoutes(state), objectBasicRoutes(state));
  api.use('/crm/v3/properties', propertyRoutes());
  api.use('/crm/v4/objects', recordAssociationRoutes(state));
  api.use('/crm/v4/associations', associationBatchRoutes(state));
  // The app uninstalling itself from the account its token belongs to.
  api.delete('/appinstalls/v3/external-install', (_req, res) => {
    const { account, token } = apiLocals(res);
    state.uninstall(account.portalId, token.appId);
    res.status(204).end();
  });
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
