/**
 * The settings page's guided setup as an admin opens it in HubSpot: rendered with the real SettingsApp,
 * its hubspot.fetch calls routed to our backend (signed as HubSpot signs them), ready once its
 * "Save and start" button shows.
 */
import { expect } from 'vitest';
import { Button } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { AppHarness } from './app-harness.ts';
import { routeHubSpotFetch } from './ui-backend.ts';
import { SettingsApp } from '../../app/app/settings/SettingsApp.tsx';

export async function openGuidedSetup(h: AppHarness, portalId: number, wait: { timeoutInMs: number }) {
  const backend = routeHubSpotFetch(h);
  const r = createRenderer('settings');
  r.mocks.context.portal.id = portalId;
  r.render(<SettingsApp />);
  await r.waitFor(() => expect(r.findByTestId(Button, 'save-and-start')).toBeTruthy(), wait);
  return { r, backend };
}
