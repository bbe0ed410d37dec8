/**
 * Problems the host found while rendering an extension (an unknown component or prop, a crashed worker,
 * a failed build): shown where they happen and collected on `window.__hubspotHostErrors`, which the
 * browser tests read (a page with host errors fails them).
 */
declare global {
  interface Window {
    __hubspotHostErrors?: string[];
  }
}

export function reportHostError(message: string): void {
  const list = (window.__hubspotHostErrors ??= []);
  if (!list.includes(message)) list.push(message);
  console.error(`[HubSpot emulator] ${message}`);
}
