/** Records every authenticated API call (method, path, status, time) in the account's call log. */
import type { NextFunction, Request, Response } from 'express';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import type { ApiLocals } from './context.ts';

export function callLogger(state: HubSpotSandboxState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    res.on('finish', () => {
      const account = (res.locals as Partial<ApiLocals>).account;
      if (account) state.callLog.record(String(account.portalId), { method: req.method, path, status: res.statusCode });
    });
    next();
  };
}
