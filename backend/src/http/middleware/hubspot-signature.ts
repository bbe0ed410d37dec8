/**
 * Every route our UI extensions call (hubspot.fetch) and HubSpot's webhooks go through here: the v3
 * signature is checked against the raw body and the public URL (what HubSpot signed, even behind a
 * proxy), then the account is taken from the signed query string, never from anything unsigned.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../../jobs/context.ts';
import type { RequestWithRawBody } from '../app.ts';
import { getInstallation } from '../../db/installations.ts';
import { verifyV3 } from '../../vendors/hubspot/signature.ts';
import { publicBaseUrl } from '../../connections/config.ts';
import { httpErrors } from '../errors.ts';

export interface SignedAccount {
  portalId: number;
  userId: number | undefined;
  userEmail: string | undefined;
}

export function verifiedHubSpotRequest(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const secret = ctx.env.HUBSPOT_CLIENT_SECRET;
    if (!secret) throw httpErrors.notReady('HubSpot app credentials are not configured on this server.');
    const signed = (origin: string) =>
      verifyV3({
        method: req.method,
        uri: `${origin}${req.originalUrl}`,
        body: (req as RequestWithRawBody).rawBody?.toString('utf8') ?? '',
        timestamp: req.get('x-hubspot-request-timestamp'),
        signature: req.get('x-hubspot-signature-v3'),
        secret,
      });
    let result = signed(publicBaseUrl(ctx.env));
    // `hs project dev`: HubSpot's local proxy signs the local URL it forwards to (only when configured; never in production).
    const devOrigin = ctx.env.HUBSPOT_DEV_PROXY_LOCAL_URL;
    if (!result.ok && result.reason === 'mismatch' && devOrigin && ctx.env.NODE_ENV !== 'production') result = signed(devOrigin);
    if (!result.ok) {
      ctx.logger.warn({ path: req.path, reason: result.reason }, 'rejected a request with a bad HubSpot signature');
      throw httpErrors.invalidSignature();
    }
    next();
  };
}

/** A HubSpot id in a query string: decimal digits only (Number() would take `0x3E8F21`, `1e3` or ` 12` too). */
function decimalId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** For UI-extension routes: the signed `portalId` names the account; it must have the app installed. */
export function signedAccount(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const portalId = decimalId(req.query.portalId);
    if (portalId === undefined) throw httpErrors.invalidRequest('The signed request must carry the portalId of the HubSpot account (decimal digits).');
    const appId = typeof req.query.appId === 'string' ? req.query.appId : undefined;
    if (ctx.env.HUBSPOT_APP_ID && appId !== undefined && appId !== ctx.env.HUBSPOT_APP_ID) throw httpErrors.forbidden('This request was signed for another app.');
    const installation = await getInstallation(ctx.db, portalId);
    if (!installation || installation.status === 'uninstalled') throw httpErrors.forbidden('The app is not installed in this HubSpot account.');
    const account: SignedAccount = {
      portalId,
      userId: decimalId(req.query.userId),
      userEmail: typeof req.query.userEmail === 'string' ? req.query.userEmail : undefined,
    };
    res.locals.account = account;
    next();
  };
}

export function accountOf(res: { locals: Record<string, unknown> }): SignedAccount {
  const account = res.locals.account as SignedAccount | undefined;
  if (!account) throw new Error('signedAccount middleware did not run for this route');
  return account;
}
