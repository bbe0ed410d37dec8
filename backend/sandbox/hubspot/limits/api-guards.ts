/**
 * Per-account faults and rate limits, applied to every authenticated API request:
 * - faults (off by default): added latency, forced 429 bursts, held-open "timeouts", 5xx;
 * - HubSpot's limits: a rolling 10-second window per installing account for each app (110 by default),
 *   and a separate per-second limit for the search API (5), which is excluded from the 10 s budget.
 * 429 bodies and X-HubSpot-RateLimit-* headers as HubSpot sends them.
 */
import type { NextFunction, Request, Response } from 'express';
import { RollingWindowLimiter } from '../../common/rate-limit.ts';
import { apiLocals } from '../http/context.ts';
import { HubSpotError, correlationId } from '../http/errors.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';

const TEN_SECONDS = 10_000;

/** Like sleep, but never keeps the process alive on its own (a held "timeout" must not block exit). */
function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function tenSecondly429(res: Response): void {
  res.status(429).json({
    status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
    correlationId: correlationId(), policyName: 'TEN_SECONDLY_ROLLING', requestId: correlationId(),
  });
}

function secondly429(res: Response): void {
  res.status(429).json({
    status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT',
    correlationId: correlationId(), policyName: 'SECONDLY', requestId: correlationId(),
  });
}

export function isSearchRequest(req: Request): boolean {
  return req.method === 'POST' && /^\/crm\/v3\/objects\/[^/]+\/search\/?$/.test(req.path);
}

export function apiGuards(state: HubSpotSandboxState) {
  const burst = new RollingWindowLimiter(110, TEN_SECONDS);
  const search = new RollingWindowLimiter(5, 1000);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { account, token } = apiLocals(res);
    const fault = state.faults.forRequest(String(account.portalId));
    if (fault.latencyMs > 0) await hold(fault.latencyMs);
    if (fault.kind === 'timeout') {
      // Never answer: hold the request, then drop the connection, as a hung upstream looks to a client.
      await hold(fault.timeoutMs);
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'throttle') return tenSecondly429(res);
    if (fault.kind === 'server_error') throw new HubSpotError(502, 'INTERNAL_ERROR', 'Bad Gateway: the request could not be completed. Please retry.');
    if (isSearchRequest(req)) {
      const limit = account.limits.searchPerSecond;
      if (limit !== null && !search.take(String(account.portalId), limit).allowed) return secondly429(res);
      return next();
    }
    const limit = account.limits.tenSecondly;
    if (limit === null) return next();
    const decision = burst.take(`${account.portalId}:${token.appId}`, limit);
    res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(TEN_SECONDS));
    res.setHeader('X-HubSpot-RateLimit-Max', String(limit));
    res.setHeader('X-HubSpot-RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) return tenSecondly429(res);
    next();
  };
}
