/**
 * The HubSpot project files of the settings page and the card (platform 2026.03 rules from
 * hubspot-platform.md §1.2–1.5), and the entry points registering the components the other tests render.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hubspot } from '@hubspot/ui-extensions';
import { SettingsApp } from '../../app/app/settings/SettingsApp.tsx';
import { InvoiceSyncStatus } from '../../app/app/cards/InvoiceSyncStatus.tsx';
import { PaymentDetails } from '../../app/app/cards/PaymentDetails.tsx';

const root = new URL('../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as { uid: string; type: string; config: Record<string, unknown> };
const srcDir = (JSON.parse(readFileSync(new URL('hsproject.json', root), 'utf8')) as { srcDir: string }).srcDir;
/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const entryExists = (entrypoint: string) => existsSync(new URL(`${srcDir}/${entrypoint.replace(/^\//, '')}`, root));

describe('UI extension project files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('settings: one settings component whose entrypoint exists', () => {
    const settings = json('app/app/settings/settings-hsmeta.json');
    expect(Object.keys(settings).sort()).toEqual(['config', 'type', 'uid']);
    expect(settings.type).toBe('settings');
    expect(settings.uid).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(entryExists(settings.config.entrypoint as string)).toBe(true);
  });

  it('card: required fields, a valid location, on deals, contacts and companies (invoice cards are unconfirmed)', () => {
    const card = json('app/app/cards/invoice-sync-status-hsmeta.json');
    expect(Object.keys(card).sort()).toEqual(['config', 'type', 'uid']);
    expect(card.type).toBe('card');
    expect(card.config).toMatchObject({ location: 'crm.record.tab', objectTypes: ['deals', 'contacts', 'companies'] });
    expect(card.config.name).toBeTruthy();
    expect(entryExists(card.config.entrypoint as string)).toBe(true);
    expect(card.uid).not.toBe(json('app/app/settings/settings-hsmeta.json').uid);
  });

  it('payment details card (R30): on deals only, its own uid, an entrypoint that exists', () => {
    const card = json('app/app/cards/payment-details-hsmeta.json');
    expect(Object.keys(card).sort()).toEqual(['config', 'type', 'uid']);
    expect(card.type).toBe('card');
    expect(card.config).toMatchObject({ location: 'crm.record.tab', objectTypes: ['deals'] });
    expect(card.config.name).toBeTruthy();
    expect(entryExists(card.config.entrypoint as string)).toBe(true);
    expect(card.uid).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(card.uid).not.toBe(json('app/app/cards/invoice-sync-status-hsmeta.json').uid);
  });

  it('each extension folder and shared UI package declares every package its code imports (HubSpot runs npm ci there)', () => {
    for (const folder of ['settings', 'cards', 'packages/ui-shared', 'packages/contract']) {
      const dir = new URL(`app/app/${folder}/`, root);
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { dependencies: Record<string, string> };
      const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
      const imported = new Set(
        sources.flatMap((file) => [...readFileSync(new URL(file, dir), 'utf8').matchAll(/from '([^'.][^']*)'/g)].map(([, spec]) => packageName(spec!))),
      );
      expect(sources.length).toBeGreaterThan(0);
      expect([...imported].filter((name) => !(name in pkg.dependencies)), folder).toEqual([]);
    }
  });

  it('the entry points register the settings page and the cards', async () => {
    const extend = vi.spyOn(hubspot, 'extend');
    await import('../../app/app/settings/SettingsPage.tsx');
    await import('../../app/app/cards/InvoiceSyncStatusCard.tsx');
    await import('../../app/app/cards/PaymentDetailsCard.tsx');
    const rendered = extend.mock.calls.map(([render]) => (render as unknown as () => { type: unknown })().type);
    expect(rendered).toEqual([SettingsApp, InvoiceSyncStatus, PaymentDetails]);
  });
});
