/**
 * Writes that are safe to repeat. HubSpot's hubspot.fetch proxy retries once on a connection failure or a
 * 5xx, so a POST our UI sent once can reach us twice, and the first may have done its work (the answer
 * was lost). Every write from our UI carries `requestId` (a random id, covered by the signature): the
 * first request with an id runs and its answer is kept; a repeat gets that same answer (header
 * `x-repeated-request: true`) without running again. A request that failed on our side (5xx) keeps no
 * answer, so its repeat runs. A repeat that arrives while the first is still running waits for it (up to
 * 10 s, then 409 `conflict`, "in progress"). Writes without `requestId` run as before.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../../jobs/context.ts';
import { claimRequest, getReplay, releaseClaim, storeAnswer } from '../../db/request-replays.ts';
import { httpErrors } from '../errors.ts';
import { accountOf } from './hubspot-signature.ts';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,100}$/;
const WAIT_MS = 10_000;
const POLL_MS = 150;

const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? req.originalUrl;

function keepAnswer(ctx: AppContext, res: Response, portalId: number, requestId: string): void {
  const json = res.json.bind(res);
  let body: unknown;
  res.json = (value: unknown) => {
    body = value;
    return json(value);
  };
  res.once('finish', () => {
    const done = res.statusCode >= 500 ? releaseClaim(ctx.db, portalId, requestId) : storeAnswer(ctx.db, portalId, requestId, res.statusCode, body);
    done.catch((err: unknown) => ctx.logger.warn({ err, requestId }, 'could not keep the answer of a write for its repeats'));
  });
  res.once('close', () => {
    // The connection dropped before an answer: the repeat must be able to run.
    if (!res.writableFinished) releaseClaim(ctx.db, portalId, requestId).catch(() => undefined);
  });
}

export function repeatSafeWrites(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.query.requestId === undefined) return next();
    const requestId = req.query.requestId;
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) throw httpErrors.invalidRequest('requestId must be 8 to 100 letters, digits, - or _.', [{ path: 'requestId', message: 'Not a valid request id.' }]);
    const { portalId } = accountOf(res);
    const path = pathOf(req);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await claimRequest(ctx.db, portalId, requestId, req.method, path)) {
        keepAnswer(ctx, res, portalId, requestId);
        return next();
      }
      const kept = await getReplay(ctx.db, portalId, requestId);
      if (kept && (kept.method !== req.method || kept.path !== path)) throw httpErrors.conflict('This requestId was already used for another request.', { requestId });
      if (kept && kept.status !== null) {
        res.status(kept.status).set('x-repeated-request', 'true');
        if (kept.body === null) res.end();
        else res.json(kept.body);
        return;
      }
      if (Date.now() > deadline) throw httpErrors.conflict('The same request is still in progress; refresh in a moment to see its result.', { requestId });
      // Still running (or released by a failure, then the next claim succeeds).
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
}
