/**
 * Records every authenticated API call (method, path, status, time) in the account's call log. A call
 * that never got an answer (a held "timeout" fault, or the client hanging up) is logged with status 0.
 */
import type { NextFunction, Request, Response } from 'express';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import type { ApiLocals } from './context.ts';

export function callLogger(state: HubSpotSandboxState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    const at = new Date().toISOString();
    res.on('close', () => {
      const account = (res.locals as Partial<ApiLocals>).account;
      if (account) state.callLog.record(String(account.portalId), { method: req.method, path, status: res.writableFinished ? res.statusCode : 0, at });
    });
    next();
  };
}
