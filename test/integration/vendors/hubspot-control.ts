/**
 * The HubSpot emulator's control API as the vendor tests use it: fresh installed accounts, seeding,
 * limits and faults, and the call log (the witness of what really went over the wire).
 */
import { expect } from 'vitest';
import type { AppHarness } from '../../helpers/app-harness.ts';

export interface LoggedCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** The control API's answers, loosely: each test reads the fields it asked for. */
export interface ControlAnswer {
  firstId?: number;
  total?: number;
  id?: string;
  access_token?: string;
  results?: Array<{ id: string; properties: Record<string, string | null> } & LoggedCall>;
}

/** Short backoff so fault tests run fast. */
export const fast = { backoff: { baseMs: 20, capMs: 200 } };

export function hubspotControl(h: AppHarness, firstPortal: number) {
  let nextPortal = firstPortal;
  const control = async (path: string, method = 'GET', body?: unknown): Promise<ControlAnswer> => {
    const res = await fetch(`${h.hubspot.baseUrl}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as ControlAnswer);
  };
  return {
    control,
    calls: async (portal: number): Promise<LoggedCall[]> => (await control(`/accounts/${portal}/calls`)).results ?? [],
    /** A fresh installed account per test: limits, faults, budgets and call logs never mix. */
    freshPortal: async (): Promise<number> => {
      const portal = nextPortal++;
      expect((await h.install(portal)).status).toBe(302);
      await control(`/accounts/${portal}/calls`, 'DELETE');
      return portal;
    },
  };
}

/** Most calls in any rolling `windowMs` of the log. */
export function busiestWindow(log: LoggedCall[], windowMs: number): number {
  const times = log.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
