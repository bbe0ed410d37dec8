/**
 * Accounting API v3 routes under /v3/company/{realmId}. URIs are case sensitive, as in QBO:
 * `/customer`, `/invoice/{id}`, `/query`, `/cdc`, `/batch`, `/preferences`, `/companyinfo/{realmId}`.
 * `minorversion` is accepted and ignored: the emulator always answers in the mv75 shape.
 */
import express, { type Request, type Response, type Router } from 'express';
import { runBatch } from '../batch/batch.ts';
import { runCdc } from '../cdc/cdc.ts';
import { faults } from '../core/fault.ts';
import { performWrite, readEntity, type Operation } from '../entities/operations.ts';
import { executeQuery } from '../query/execute.ts';
import type { Company } from '../state/company.ts';
import type { QboState } from '../state/store.ts';
import type { EntityName } from '../state/types.ts';
import { attempt, faultOutcome, idempotent, send } from './respond.ts';

const PATHS: Record<string, EntityName> = {
  customer: 'Customer',
  vendor: 'Vendor',
  employee: 'Employee',
  creditmemo: 'CreditMemo',
  estimate: 'Estimate',
  term: 'Term',
  class: 'Class',
  department: 'Department',
  item: 'Item',
  invoice: 'Invoice',
  payment: 'Payment',
  account: 'Account',
  taxcode: 'TaxCode',
  taxrate: 'TaxRate',
  preferences: 'Preferences',
  companyinfo: 'CompanyInfo',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function apiRouter(state: QboState): Router {
  const router = express.Router({ mergeParams: true, caseSensitive: true });
  const company = (req: Request): Company => state.company(String(req.params.realmId)) as Company;

  const query = (req: Request, res: Response) => {
    const c = company(req);
    const source = req.method === 'POST' ? (typeof req.body === 'string' ? req.body : '') : str(req.query.query);
    send(res, attempt(c, () => ({ QueryResponse: executeQuery(c, source ?? '') })));
  };
  router.get('/query', query);
  router.post('/query', query);

  router.get('/cdc', (req, res) => {
    const c = company(req);
    send(res, attempt(c, () => runCdc(c, str(req.query.entities), str(req.query.changedSince))));
  });

  router.post('/batch', (req, res) => {
    const c = company(req);
    send(res, idempotent(c, req, () => attempt(c, () => runBatch(c, req.body))));
  });

  router.get('/preferences', (req, res) => {
    const c = company(req);
    send(res, attempt(c, () => ({ Preferences: readEntity(c, 'Preferences', '1') })));
  });

  router.get('/companyinfo/:id', (req, res) => {
    const c = company(req);
    send(res, attempt(c, () => {
      if (req.params.id !== c.realmId) throw faults.objectNotFound(`CompanyInfo Id=${String(req.params.id)}`);
      return { CompanyInfo: readEntity(c, 'CompanyInfo', '1') };
    }));
  });

  router.get('/:entity/:id', (req, res) => {
    const c = company(req);
    const entity = PATHS[String(req.params.entity)];
    if (!entity) return send(res, faultOutcome(c, faults.unsupportedOperation(`GET ${req.path}`)));
    send(res, attempt(c, () => ({ [entity]: readEntity(c, entity, String(req.params.id)) })));
  });

  router.post('/:entity', (req, res) => {
    const c = company(req);
    const entity = PATHS[String(req.params.entity)];
    if (!entity) return send(res, faultOutcome(c, faults.unsupportedOperation(`POST ${req.path}`)));
    const operation = str(req.query.operation) ?? 'create';
    if (!['create', 'update', 'delete', 'void'].includes(operation)) return send(res, faultOutcome(c, faults.unsupportedOperation(operation)));
    const allowDuplicateDocNum = (str(req.query.include) ?? '').split(',').includes('allowduplicatedocnum');
    send(res, idempotent(c, req, () => attempt(c, () => {
      const { record } = performWrite(c, entity, operation as Operation, req.body, { allowDuplicateDocNum });
      return { [entity]: record };
    })));
  });

  router.use((req: Request, res: Response) => send(res, faultOutcome(company(req), faults.unsupportedOperation(`${req.method} ${req.path}`))));
  return router;
}
