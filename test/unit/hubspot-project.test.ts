import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUBSPOT_REQUIRED_SCOPES } from '../../backend/src/vendors/hubspot/oauth.ts';

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads loose JSON

describe('HubSpot project files', () => {
  it('hsproject.json: srcDir app on platform 2026.03', () => {
    expect(json('hsproject.json')).toMatchObject({ srcDir: 'app', platformVersion: '2026.03' });
  });

  it('app-hsmeta.json: a marketplace OAuth app asking exactly for the scopes the install flow requests', () => {
    const app = json('app/app/app-hsmeta.json');
    expect(Object.keys(app).sort()).toEqual(['config', 'type', 'uid']);
    expect(app.type).toBe('app');
    expect(app.config.distribution).toBe('marketplace');
    expect(app.config.auth.type).toBe('oauth');
    expect([...app.config.auth.requiredScopes].sort()).toEqual([...HUBSPOT_REQUIRED_SCOPES].sort());
    expect(app.config.auth.redirectUrls[0]).toMatch(/^https:\/\/[^/]+\/oauth\/hubspot\/callback$/);
    for (const url of app.config.permittedUrls.fetch) expect(url).toMatch(/^https:\/\/[^/]+$/);
  });

  it('webhooks-hsmeta.json: the contact, product, invoice and payment changes the sync needs, and privacy deletion', () => {
    const hooks = json('app/app/webhooks/webhooks-hsmeta.json');
    expect(hooks.type).toBe('webhooks');
    expect(hooks.config.settings.targetUrl).toMatch(/\/webhooks\/hubspot$/);
    const objects = new Set(hooks.config.subscriptions.crmObjects.map((s: { objectType: string }) => s.objectType));
    expect([...objects].sort()).toEqual(['commerce_payment', 'contact', 'invoice', 'product']);
    expect(hooks.config.subscriptions.hubEvents).toContainEqual({ subscriptionType: 'contact.privacyDeletion', active: true });
    for (const s of hooks.config.subscriptions.crmObjects) {
      if (s.subscriptionType === 'object.propertyChange') expect(s.propertyName).toBeTruthy();
    }
  });
});
