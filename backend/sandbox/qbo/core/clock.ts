/**
 * The emulator's notion of "now". Tests shift it forward (token expiry, CDC look-back) through the
 * control API instead of waiting, so no test depends on wall-clock timing.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  offset(): number {
    return this.offsetMs;
  }
}

/** QBO reports times in the company's local zone; the sandbox companies all live at UTC-07:00 (Pacific). */
const OFFSET_MINUTES = -7 * 60;

function shifted(ms: number): string {
  return new Date(ms + OFFSET_MINUTES * 60_000).toISOString();
}

/** `2026-11-24T13:17:06-07:00`, the MetaData.CreateTime / LastUpdatedTime format. */
export function qboDateTime(ms: number): string {
  return `${shifted(ms).slice(0, 19)}-07:00`;
}

/** `2026-11-24T13:17:06.123-07:00`, the envelope `time` format. */
export function qboEnvelopeTime(ms: number): string {
  return `${shifted(ms).slice(0, 23)}-07:00`;
}

/** `2026-11-24`, the company-local date used for TxnDate/DueDate defaults. */
export function qboDate(ms: number): string {
  return shifted(ms).slice(0, 10);
}
