/** Per-request facts the API middleware establishes (who is calling, for which account). */
import type { Response } from 'express';
import type { AccessToken } from '../oauth/token-store.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { ChangeSource } from '../state/changes.ts';

export interface ApiLocals {
  token: AccessToken;
  account: HubSpotAccount;
  source: ChangeSource;
}

export function apiLocals(res: Response): ApiLocals {
  const locals = res.locals as Partial<ApiLocals>;
  if (!locals.account || !locals.token || !locals.source) throw new Error('API route reached without authentication');
  return locals as ApiLocals;
}
