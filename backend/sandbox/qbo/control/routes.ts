/** The control API under /_sandbox/ (JSON, no auth). Every route is documented in ../README.md. */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { CallLog } from '../../common/call-log.ts';
import { faultConfigSchema, type Faults } from '../../common/faults.ts';
import { limitsSchema, type Throttle } from '../api/limits.ts';
import { createGrant, issueTokens } from '../oauth/tokens.ts';
import type { Company } from '../state/company.ts';
import type { QboState } from '../state/store.ts';
import { isEntityName } from '../state/types.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { appSchema, clockSchema, companySchema, mintTokenSchema, seedSchema, webhookSchema } from './schemas.ts';
import { seedCompany } from './seed.ts';

export interface ControlDeps {
  state: QboState;
  callLog: CallLog;
  faults: Faults;
  throttle: Throttle;
  webhooks: WebhookDispatcher;
}

function companySummary(company: Company): Record<string, unknown> {
  const counts = Object.fromEntries(['Customer', 'Vendor', 'Employee', 'Item', 'Invoice', 'Payment', 'CreditMemo', 'Estimate', 'Account', 'Term', 'Class', 'Department'].map((e) => [e, company.collection(e as 'Customer').size]));
  return { ...company.settings, counts };
}

export function controlRouter(deps: ControlDeps): Router {
  const { state } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));

  const withCompany = (req: Request, res: Response): Company | undefined => {
    const company = state.company(String(req.params.realmId));
    if (!company) res.status(404).json({ error: 'company_not_found', realmId: req.params.realmId });
    return company;
  };

  router.get('/health', (_req, res) => void res.json({ ok: true }));

  router.post('/apps', (req, res) => void res.status(201).json(state.registerApp(appSchema.parse(req.body ?? {}))));
  router.get('/apps', (_req, res) => void res.json([...state.apps.values()]));
  router.get('/apps/:clientId', (req, res) => {
    const app = state.apps.get(req.params.clientId);
    if (!app) return void res.status(404).json({ error: 'app_not_found' });
    res.json(app);
  });
  router.put('/apps/:clientId/webhook', (req, res) => {
    const app = state.apps.get(req.params.clientId);
    if (!app) return void res.status(404).json({ error: 'app_not_found' });
    app.webhook = webhookSchema.parse(req.body);
    res.json(app);
  });
  router.get('/apps/:clientId/webhook-deliveries', (req, res) => void res.json(deps.webhooks.attempts.get(req.params.clientId) ?? []));

  router.post('/companies', (req, res) => void res.status(201).json(companySummary(state.createCompany(companySchema.parse(req.body ?? {})))));
  router.get('/companies', (_req, res) => void res.json([...state.companies.values()].map(companySummary)));
  router.get('/companies/:realmId', (req, res) => {
    const company = withCompany(req, res);
    if (company) res.json(companySummary(company));
  });

  router.post('/companies/:realmId/seed', (req, res) => {
    const company = withCompany(req, res);
    if (company) res.json(seedCompany(company, seedSchema.parse(req.body ?? {})));
  });

  router.get('/companies/:realmId/state', (req, res) => {
    const company = withCompany(req, res);
    if (!company) return;
    const entity = typeof req.query.entity === 'string' ? req.query.entity : undefined;
    if (entity === undefined) return void res.json({ ...companySummary(company), deleted: company.deleted });
    if (!isEntityName(entity)) return void res.status(400).json({ error: 'unknown_entity' });
    const offset = Number(req.query.offset ?? 0);
    const limit = Number(req.query.limit ?? 1000);
    const all = [...company.collection(entity).values()];
    res.json({ entity, total: all.length, offset, records: all.slice(offset, offset + limit) });
  });

  router.post('/tokens', (req, res) => {
    const input = mintTokenSchema.parse(req.body);
    if (!state.apps.has(input.clientId)) return void res.status(404).json({ error: 'app_not_found' });
    if (!state.companies.has(input.realmId)) return void res.status(404).json({ error: 'company_not_found' });
    const grant = createGrant(state, input.clientId, input.realmId, input.scope);
    res.status(201).json({ ...issueTokens(state, grant, false), realmId: input.realmId });
  });

  router.get('/companies/:realmId/faults', (req, res) => void res.json(deps.faults.config(String(req.params.realmId))));
  router.put('/companies/:realmId/faults', (req, res) => void res.json(deps.faults.configure(String(req.params.realmId), faultConfigSchema.parse(req.body ?? {}))));
  router.delete('/companies/:realmId/faults', (req, res) => {
    deps.faults.reset(String(req.params.realmId));
    res.status(204).end();
  });

  router.get('/companies/:realmId/limits', (req, res) => void res.json(deps.throttle.limits(String(req.params.realmId))));
  router.put('/companies/:realmId/limits', (req, res) => void res.json(deps.throttle.configure(String(req.params.realmId), limitsSchema.parse(req.body ?? {}))));

  router.get('/companies/:realmId/calls', (req, res) => {
    const since = typeof req.query.since === 'string' ? req.query.since : undefined;
    const realmId = String(req.params.realmId);
    res.json({ count: deps.callLog.count(realmId), calls: deps.callLog.list(realmId, since) });
  });
  router.delete('/companies/:realmId/calls', (req, res) => {
    deps.callLog.clear(String(req.params.realmId));
    res.status(204).end();
  });

  router.post('/clock', (req, res) => {
    state.clock.advance(clockSchema.parse(req.body).advanceMs);
    res.json({ offsetMs: state.clock.offset(), now: new Date(state.clock.now()).toISOString() });
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof z.ZodError) return void res.status(400).json({ error: 'invalid_request', issues: error.issues });
    if (error instanceof Error) return void res.status(400).json({ error: 'invalid_request', message: error.message });
    next(error);
  });
  return router;
}
