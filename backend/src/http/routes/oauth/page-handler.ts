import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Logger } from '../../../logger.ts';
import { ConnectFlowError } from '../../../connections/flow-errors.ts';
import { renderPage } from '../../../pages/render.ts';

/**
 * Handlers of browser-facing hand-off routes answer with a page, also when they fail: a flow error
 * becomes a page that says what to do; anything else is logged and shown as a generic page.
 */
export function pageHandler(logger: Logger, handle: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (err) {
      res.set('cache-control', 'no-store');
      if (err instanceof ConnectFlowError) {
        res.status(err.status).type('html').send(renderPage({ title: 'Something needs your attention', heading: 'That did not work', paragraphs: [err.message], tone: 'error', code: err.code, actions: err.retry ? [err.retry] : [] }));
        return;
      }
      logger.error({ err, path: req.path }, 'unexpected error in an OAuth hand-off');
      res
        .status(500)
        .type('html')
        .send(renderPage({ title: 'Unexpected error', heading: 'Something went wrong on our side', paragraphs: ['It has been logged. Please try again in a minute.'], tone: 'error', code: 'internal_error' }));
    }
  };
}

export const OAUTH_COOKIE = 'hqs_oauth';

/** Starts a hand-off: binds the browser with a cookie, then sends it to the vendor's consent page. */
export function sendToVendor(res: Response, flow: { redirectUrl: string; browserSecret: string }, cookie: { secure: boolean; maxAgeSeconds: number }): void {
  // Lax: the cookie must come back on the vendor's top-level redirect to our callback.
  res.cookie(OAUTH_COOKIE, flow.browserSecret, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/oauth', maxAge: cookie.maxAgeSeconds * 1000 });
  res.set('cache-control', 'no-store').redirect(302, flow.redirectUrl);
}

/** The browser binding of a hand-off coming back from the vendor. */
export function flowCookieOf(req: Request): string | undefined {
  return parseCookies(req.get('cookie') ?? '')[OAUTH_COOKIE];
}

export function endFlow(res: Response): void {
  res.clearCookie(OAUTH_COOKIE, { path: '/oauth' });
  res.set('cache-control', 'no-store');
}
