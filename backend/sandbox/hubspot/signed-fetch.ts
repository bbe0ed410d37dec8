/**
 * What HubSpot's `hubspot.fetch` proxy does for a UI extension: append `appId`, send the body as
 * JSON, and sign the request (X-HubSpot-Signature-v3 over method + URL + body + timestamp with the
 * app's client secret; the URL as HubSpot signs it, with the reserved characters it decodes).
 * Tests, the demo start-up and the benchmark use it to call our backend exactly as HubSpot would.
 */
import { signV3 } from './webhooks/signature.ts';

const SIGNED_AS_DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export interface SignedFetchOptions {
  clientSecret: string;
  appId: number | string;
  method?: string;
  body?: unknown;
  /** Override the clock (tests of stale signatures). */
  timestamp?: number;
}

/** The request HubSpot's proxy sends for `url`: `appId` appended, JSON body, v3 signature headers. */
export function hubspotSignedRequest(url: string, options: SignedFetchOptions & { headers?: Record<string, string> }): { url: URL; init: RequestInit } {
  const method = options.method ?? 'GET';
  const target = new URL(url);
  if (!target.searchParams.has('appId')) target.searchParams.set('appId', String(options.appId));
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const timestamp = String(options.timestamp ?? Date.now());
  const signedUri = target.toString().replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => SIGNED_AS_DECODED[m.toUpperCase()] ?? m);
  return {
    url: target,
    init: {
      method,
      headers: {
        ...options.headers,
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': signV3(options.clientSecret, method, signedUri, body, timestamp),
        'x-hubspot-signature-version': 'v3',
      },
      body: method === 'GET' || body === '' ? undefined : body,
    },
  };
}

export async function hubspotSignedFetch(url: string, options: SignedFetchOptions): Promise<Response> {
  const request = hubspotSignedRequest(url, options);
  return fetch(request.url, request.init);
}
