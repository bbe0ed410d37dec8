/**
 * What sits in front of every /v3/company/{realmId} route, in QBO's order: call log, Bearer auth
 * (401/403 gateway envelopes), throttling (429), then the per-realm injected faults.
 */
import type { NextFunction, Request, Response } from 'express';
import type { CallLog } from '../../common/call-log.ts';
import { sleep, type Faults } from '../../common/faults.ts';
import { qboEnvelopeTime } from '../core/clock.ts';
import { faults as qboFaults, gatewayFaultBody, THROTTLE_XML, throttleJsonBody } from '../core/fault.ts';
import { authenticate } from '../oauth/tokens.ts';
import type { QboState } from '../state/store.ts';
import type { Throttle } from './limits.ts';

export interface GatewayDeps {
  state: QboState;
  callLog: CallLog;
  faults: Faults;
  throttle: Throttle;
}

function realmOf(req: Request): string {
  return String(req.params.realmId ?? '');
}

export function sendThrottled(res: Response, deps: GatewayDeps, realmId: string): void {
  const time = qboEnvelopeTime(deps.state.clock.now());
  if (deps.throttle.limits(realmId).throttleBody === 'json') res.status(429).json(throttleJsonBody(time));
  else res.status(429).type('application/xml').send(THROTTLE_XML);
}

export function gateway(deps: GatewayDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const realmId = realmOf(req);
    const started = new Date(deps.state.clock.now()).toISOString();
    // Calls never answered (timeout fault, client gave up) are logged with status 0.
    res.on('close', () => deps.callLog.record(realmId, { method: req.method, path: req.path, status: res.writableFinished ? res.statusCode : 0, at: started }));

    const header = req.headers.authorization ?? '';
    const auth = authenticate(deps.state, deps.state.clock, header.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
    const time = qboEnvelopeTime(deps.state.clock.now());
    if ('error' in auth) return void res.status(401).json(gatewayFaultBody(401, auth.error, time));
    if (auth.grant.realmId !== realmId || !deps.state.companies.has(realmId)) {
      return void res.status(403).json(gatewayFaultBody(403, 'The token is not authorized for this realm', time));
    }

    const release = deps.throttle.admit(realmId, auth.grant.clientId, req.path.endsWith('/batch'));
    if (!release) return sendThrottled(res, deps, realmId);
    res.on('close', release);

    const fault = deps.faults.forRequest(realmId);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === 'throttle') return sendThrottled(res, deps, realmId);
    if (fault.kind === 'timeout') {
      // Never answer; drop the connection once the client would have given up.
      const timer = setTimeout(() => res.destroy(), fault.timeoutMs);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (fault.kind === 'server_error') {
      const error = qboFaults.systemFailure();
      return void res.status(error.status).json({ Fault: error.body(), time });
    }
    next();
  };
}
