/** QBO failures, normalised: the rest of the app never sees a raw HTTP response from Intuit. */
export type QboErrorKind = 'throttled' | 'unavailable' | 'auth' | 'validation' | 'stale' | 'duplicate_name' | 'not_found' | 'unknown';

export class QboApiError extends Error {
  constructor(
    message: string,
    public readonly kind: QboErrorKind,
    public readonly status: number,
    /** Fault code as a string, e.g. "6240" (duplicate name), "5010" (stale object). */
    public readonly code: string | undefined,
    public readonly detail: string | undefined,
    public readonly intuitTid: string | undefined,
    /** When our own shared budget refused the call: how long until it may be tried again. */
    public readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'QboApiError';
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
  }
}

interface FaultBody {
  Fault?: { Error?: Array<{ Message?: string; Detail?: string; code?: string }>; type?: string };
  fault?: { error?: Array<{ message?: string; detail?: string; code?: string }>; type?: string };
}

export function qboErrorFrom(status: number, body: unknown, intuitTid: string | undefined): QboApiError {
  const fault = body as FaultBody | undefined;
  const first = fault?.Fault?.Error?.[0];
  const gateway = fault?.fault?.error?.[0];
  const code = first?.code ?? gateway?.code;
  const message = first?.Message ?? gateway?.message ?? `QuickBooks answered ${status}`;
  const detail = first?.Detail ?? gateway?.detail;
  let kind: QboErrorKind = 'unknown';
  if (status === 429) kind = 'throttled';
  else if (status >= 500 || status === 0) kind = 'unavailable';
  else if (status === 401 || status === 403) kind = 'auth';
  else if (code === '6240' || code === '6140' || code === '6210') kind = 'duplicate_name';
  else if (code === '5010' && /stale/i.test(`${message} ${detail ?? ''}`)) kind = 'stale';
  else if (code === '610' || status === 404) kind = 'not_found';
  else if (status === 400) kind = 'validation';
  return new QboApiError(detail ? `${message}: ${detail}` : message, kind, status, code, detail, intuitTid);
}
