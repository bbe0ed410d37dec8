/** Signed API of the object view, the record view, a record's activity and its retry (R27, R28). */
import { Router } from 'express';
import type { AppContext } from '../../../jobs/context.ts';
import { accountOf } from '../../middleware/hubspot-signature.ts';
import { objectViewQuerySchema, recordIdParamSchema, recordListQuerySchema, recordLookupQuerySchema, activityQuerySchema } from '@quickbooks-sync/contract';
import { objectView } from '../../../views/object-view.ts';
import { getRecord, listRecords, lookupRecord } from '../../../views/record-view.ts';
import { listRecordActivity } from '../../../views/record-activity.ts';
import { retryRecord } from '../../../views/retry-record.ts';
import { parseParam, parseQuery } from './parse-input.ts';

export function recordRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/object-view', async (req, res) => {
    const { objectType } = parseQuery(objectViewQuerySchema, req.query);
    res.json(await objectView(ctx, accountOf(res).portalId, objectType));
  });
  router.get('/records', async (req, res) => {
    res.json(await listRecords(ctx, accountOf(res).portalId, parseQuery(recordListQuerySchema, req.query)));
  });
  // Before /records/:recordId, which would otherwise take "lookup" for an id.
  router.get('/records/lookup', async (req, res) => {
    res.json(await lookupRecord(ctx, accountOf(res).portalId, parseQuery(recordLookupQuerySchema, req.query)));
  });
  router.get('/records/:recordId', async (req, res) => {
    res.json(await getRecord(ctx, accountOf(res).portalId, parseParam(recordIdParamSchema, req.params.recordId, 'record')));
  });
  router.get('/records/:recordId/activity', async (req, res) => {
    const recordId = parseParam(recordIdParamSchema, req.params.recordId, 'record');
    res.json(await listRecordActivity(ctx, accountOf(res).portalId, recordId, parseQuery(activityQuerySchema, req.query)));
  });
  router.post('/records/:recordId/retry', async (req, res) => {
    const account = accountOf(res);
    const recordId = parseParam(recordIdParamSchema, req.params.recordId, 'record');
    res.status(202).json(await retryRecord(ctx, account.portalId, recordId, account.userEmail));
  });
  return router;
}
