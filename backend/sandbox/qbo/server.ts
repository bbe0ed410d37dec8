/** Assembles the emulator's HTTP app: OAuth, control API, and the gated Accounting API. */
import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { CallLog } from '../common/call-log.ts';
import { Faults } from '../common/faults.ts';
import { gateway } from './api/gateway.ts';
import { Throttle } from './api/limits.ts';
import { faultOutcome, send } from './api/respond.ts';
import { apiRouter } from './api/routes.ts';
import { controlRouter } from './control/routes.ts';
import { faults as qboFaults } from './core/fault.ts';
import { oauthRouter } from './oauth/routes.ts';
import { QboState } from './state/store.ts';
import type { Company } from './state/company.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

export interface QboServices {
  state: QboState;
  callLog: CallLog;
  faults: Faults;
  throttle: Throttle;
  webhooks: WebhookDispatcher;
}

export function createServices(state = new QboState(), limitsMultiplier = 1): QboServices {
  const faults = new Faults();
  return { state, callLog: new CallLog(), faults, throttle: new Throttle(() => state.clock.now(), limitsMultiplier), webhooks: new WebhookDispatcher(state, faults) };
}

/** Wires entity changes of every company (existing and future) to webhook delivery. */
function connectWebhooks(services: QboServices): void {
  const attach = (company: Company) => {
    company.onChange = (change) => services.webhooks.enqueue(change);
  };
  for (const company of services.state.companies.values()) attach(company);
  const create = services.state.createCompany.bind(services.state);
  services.state.createCompany = (input) => {
    const company = create(input);
    attach(company);
    return company;
  };
}

export function createApp(services: QboServices): Express {
  connectWebhooks(services);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Every Intuit response carries a transaction id that support asks for.
  app.use((_req, res, next) => {
    res.setHeader('intuit_tid', randomUUID());
    next();
  });
  app.use(oauthRouter(services.state));
  app.use('/_sandbox', controlRouter(services));
  app.use(
    '/v3/company/:realmId',
    gateway(services),
    express.json({ limit: '10mb', type: ['application/json', 'application/*+json'] }),
    express.text({ limit: '1mb', type: ['application/text', 'text/plain'] }),
    apiRouter(services.state),
    // Body-parser failures (malformed JSON) become QBO Faults; this handler sees :realmId.
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      const company = services.state.company(String(req.params.realmId));
      if (!company || res.headersSent || (error as { type?: string }).type !== 'entity.parse.failed') return next(error);
      send(res, faultOutcome(company, qboFaults.invalidProperty('Malformed JSON in request body')));
    },
  );
  app.use((_req, res) => void res.status(404).json({ error: 'not_found' }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if ((error as { type?: string }).type === 'entity.parse.failed') return void res.status(400).json({ error: 'invalid_request' });
    console.error('[qbo-sandbox] unhandled error', error);
    res.status(500).json({ error: 'internal_error' });
  });
  return app;
}
