import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUBSPOT_REQUIRED_SCOPES } from '../../backend/src/vendors/hubspot/oauth.ts';
import { MAX_APP_SUBSCRIPTIONS, requiredWebhookSubscriptions } from '../../backend/src/hubspot-project/webhook-subscriptions.ts';
import { defaultCompanyMappings, defaultContactMappings, defaultInvoiceMappings, defaultPaymentMappings, defaultProductMappings } from '@quickbooks-sync/contract/definitions';
import { cataloguesFor } from '../../backend/src/sync/mappings/catalogues.ts';

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

  it('webhooks-hsmeta.json: the contact, company, product, invoice and payment changes the sync needs, and privacy deletion', () => {
    const hooks = json('app/app/webhooks/webhooks-hsmeta.json');
    expect(hooks.type).toBe('webhooks');
    expect(hooks.config.settings.targetUrl).toMatch(/\/webhooks\/hubspot$/);
    const objects = new Set(hooks.config.subscriptions.crmObjects.map((s: { objectType: string }) => s.objectType));
    expect([...objects].sort()).toEqual(['commerce_payment', 'company', 'contact', 'invoice', 'product']);
    expect(hooks.config.subscriptions.hubEvents).toContainEqual({ subscriptionType: 'contact.privacyDeletion', active: true });
    for (const s of hooks.config.subscriptions.crmObjects) {
      if (s.subscriptionType === 'object.propertyChange') expect(s.propertyName).toBeTruthy();
    }
  });

  it('webhooks-hsmeta.json: every HubSpot property a mapping may use, default or custom, of every object has a property-change subscription (issue 12)', () => {
    const hooks = json('app/app/webhooks/webhooks-hsmeta.json');
    const subscribed = new Set((hooks.config.subscriptions.crmObjects as Array<{ subscriptionType: string; objectType: string; propertyName?: string; active: boolean }>).filter((s) => s.active).map((s) => `${s.subscriptionType}:${s.objectType}:${s.propertyName ?? ''}`));
    for (const s of requiredWebhookSubscriptions()) expect(subscribed, `${s.objectType}.${s.propertyName ?? s.subscriptionType}`).toContain(`${s.subscriptionType}:${s.objectType}:${s.propertyName ?? ''}`);
    expect(hooks.config.subscriptions.crmObjects.length).toBeLessThanOrEqual(MAX_APP_SUBSCRIPTIONS);
    const objects = { contacts: ['contact', defaultContactMappings()], companies: ['company', defaultCompanyMappings()], products: ['product', defaultProductMappings()], invoices: ['invoice', defaultInvoiceMappings()], payments: ['commerce_payment', defaultPaymentMappings()] } as const;
    for (const [objectType, [hubspotObject, mappings]] of Object.entries(objects)) {
      // the default mappings, and every property the mapping editor offers for a custom mapping
      const offered = Object.entries(cataloguesFor(objectType as keyof typeof objects)!.hubspot).filter(([name, info]) => !name.startsWith('@') && !info.readOnly).map(([name]) => name);
      const mapped = mappings.map((m) => m.hubspotProperty).filter((p) => !p.startsWith('@') && !cataloguesFor(objectType as keyof typeof objects)!.hubspot[p]?.readOnly);
      for (const property of new Set([...offered, ...mapped])) expect(subscribed, `${hubspotObject}.${property}`).toContain(`object.propertyChange:${hubspotObject}:${property}`);
    }
    // the six the issue found missing
    for (const property of ['city', 'state', 'zip', 'country', 'mobilephone', 'website']) expect(subscribed).toContain(`object.propertyChange:contact:${property}`);
  });
});
