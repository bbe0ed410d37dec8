/**
 * Walks an OAuth hand-off the way a person's browser does, without a browser: follow our start URL
 * (keeping its cookie), answer the emulator's consent form, and bring the redirect back to our
 * callback. `npm start` uses it to install and connect the demo account through the real code paths;
 * integration tests use it for the error paths. (Browser tests click the same pages in Chromium.)
 */
export interface HandOffResult {
  /** Status and location of our callback's answer. */
  status: number;
  location: string | null;
  body: string;
  /** The URL the vendor redirected back to (our callback). */
  callbackUrl: string;
}

type Decision = 'allow' | 'deny';

async function followStart(startUrl: string): Promise<{ vendorUrl: URL; cookie: string }> {
  const start = await fetch(startUrl, { redirect: 'manual' });
  const location = start.headers.get('location');
  if (start.status !== 302 || !location) throw new Error(`start URL answered ${start.status}: ${(await start.text()).slice(0, 300)}`);
  const cookie = (start.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  return { vendorUrl: new URL(location), cookie };
}

async function submitConsent(action: string, fields: Record<string, string>): Promise<string> {
  const answer = await fetch(action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`consent form answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
  return location;
}

async function deliverCallback(callbackUrl: string, cookie: string): Promise<HandOffResult> {
  const response = await fetch(callbackUrl, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: response.status, location: response.headers.get('location'), body: await response.text(), callbackUrl };
}

/** HubSpot install: our /oauth/hubspot/install → HubSpot consent (Allow/Deny for `portalId`) → our callback. */
export async function driveHubSpotInstall(startUrl: string, portalId: number, decision: Decision = 'allow', options: { cookie?: string } = {}): Promise<HandOffResult> {
  const { vendorUrl, cookie } = await followStart(startUrl);
  const q = vendorUrl.searchParams;
  const callbackUrl = await submitConsent(`${vendorUrl.origin}/oauth/authorize/decision`, {
    client_id: q.get('client_id') ?? '',
    redirect_uri: q.get('redirect_uri') ?? '',
    scope: q.get('scope') ?? '',
    optional_scope: q.get('optional_scope') ?? '',
    state: q.get('state') ?? '',
    portal_id: String(portalId),
    decision,
  });
  return deliverCallback(callbackUrl, options.cookie ?? cookie);
}

/** QuickBooks connect: our connect link → Intuit consent (company `realmId`) → our callback. */
export async function driveQboConnect(connectUrl: string, realmId: string, decision: Decision = 'allow', options: { cookie?: string } = {}): Promise<HandOffResult> {
  const { vendorUrl, cookie } = await followStart(connectUrl);
  const q = vendorUrl.searchParams;
  const callbackUrl = await submitConsent(`${vendorUrl.origin}/oauth2/v1/authorize`, {
    client_id: q.get('client_id') ?? '',
    redirect_uri: q.get('redirect_uri') ?? '',
    scope: q.get('scope') ?? '',
    state: q.get('state') ?? '',
    realmId,
    decision,
  });
  return deliverCallback(callbackUrl, options.cookie ?? cookie);
}
