/** Small helpers of the host components: calling the extension's functions, sizes, class names. */
import type { ReactNode } from 'react';
import { reportHostError } from '../host-errors.ts';

export interface WithChildren {
  children?: ReactNode;
  testId?: string;
}

/** Calls a function prop (an RPC function into the worker); its errors are the extension's, logged, never the page's. */
export function callRemote(fn: unknown, ...args: unknown[]): void {
  if (typeof fn !== 'function') return;
  try {
    const result = (fn as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((e: unknown) => console.error('extension handler failed', e));
  } catch (e) {
    reportHostError(`An event handler of the extension threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** What HubSpot hands a click handler: a plain ExtensionEvent (type, bubbles, timeStamp, id). */
export const extensionEvent = (event: { type: string; bubbles: boolean; timeStamp: number }) => ({
  type: event.type,
  bubbles: event.bubbles,
  timeStamp: event.timeStamp,
  id: crypto.randomUUID(),
});

const SIZE_ALIASES: Record<string, string> = { 'extra-small': 'xs', small: 'sm', medium: 'md', large: 'lg', 'extra-large': 'xl' };
/** `small` → `sm`: HubSpot accepts both spellings of t-shirt sizes. */
export const size = (value: unknown, fallback: string): string => (typeof value === 'string' ? (SIZE_ALIASES[value] ?? value) : fallback);

export const cx = (...names: Array<string | false | null | undefined>): string => names.filter(Boolean).join(' ');

export const testIdAttr = (testId: unknown) => (typeof testId === 'string' ? { 'data-testid': testId } : {});

/** A `href` prop: a URL string or `{ url, external }`. */
export function hrefOf(href: unknown): { url: string; external: boolean } | null {
  if (typeof href === 'string') return { url: href, external: false };
  if (href && typeof href === 'object' && typeof (href as { url?: unknown }).url === 'string') {
    return { url: (href as { url: string }).url, external: (href as { external?: unknown }).external === true };
  }
  return null;
}
