/**
 * A HubSpot project as `hs project upload` hands it to HubSpot: `hsproject.json` names the source folder,
 * and every `*-hsmeta.json` under it declares a component. The emulator reads the app's settings
 * (`permittedUrls.fetch`) and its UI extensions (cards and the settings page) from these files, so it hosts
 * exactly what the uploaded project declares, starting from the same entry points HubSpot builds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const projectFile = z.object({ name: z.string(), srcDir: z.string(), platformVersion: z.string() });
const component = z.object({ uid: z.string(), type: z.string(), config: z.record(z.string(), z.unknown()) });
const appConfig = z.object({ name: z.string(), permittedUrls: z.object({ fetch: z.array(z.string()).default([]) }).default({ fetch: [] }) });
const cardConfig = z.object({
  name: z.string(),
  description: z.string().optional(),
  location: z.enum(['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar']),
  entrypoint: z.string(),
  objectTypes: z.array(z.string()).min(1),
});
const settingsConfig = z.object({ entrypoint: z.string() });

export interface UiExtension {
  uid: string;
  /** `settings` for the app's settings page; a card's location otherwise. */
  location: 'settings' | z.infer<typeof cardConfig>['location'];
  /** The card's title in the record page (the app's name for the settings page). */
  name: string;
  /** Absolute path of the entry point file HubSpot builds. */
  entrypoint: string;
  /** Card object types (`contacts`, `deals`, …); empty for the settings page. */
  objectTypes: string[];
}

export interface HubSpotProject {
  dir: string;
  appName: string;
  /** The app's `permittedUrls.fetch`: the only origins `hubspot.fetch` may call. */
  permittedFetchOrigins: string[];
  extensions: UiExtension[];
}

function hsmetaFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...hsmetaFiles(path));
    else if (entry.endsWith('-hsmeta.json')) found.push(path);
  }
  return found.sort();
}

/** Reads the project rooted at `dir` (the folder holding `hsproject.json`); throws naming the file that is wrong. */
export function readHubSpotProject(dir: string): HubSpotProject {
  const root = resolve(dir);
  const project = projectFile.parse(JSON.parse(readFileSync(join(root, 'hsproject.json'), 'utf8')));
  const srcDir = join(root, project.srcDir);
  let appName = project.name;
  let permittedFetchOrigins: string[] = [];
  const extensions: UiExtension[] = [];
  for (const file of hsmetaFiles(srcDir)) {
    const parsed = component.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not a HubSpot component file (${parsed.error.message})`);
    const { uid, type, config } = parsed.data;
    const entry = (path: string) => resolve(srcDir, `.${path.startsWith('/') ? path : `/${path}`}`);
    if (type === 'app') {
      const app = appConfig.parse(config);
      appName = app.name;
      permittedFetchOrigins = app.permittedUrls.fetch.map((u) => new URL(u).origin);
    } else if (type === 'card') {
      const card = cardConfig.parse(config);
      extensions.push({ uid, location: card.location, name: card.name, entrypoint: entry(card.entrypoint), objectTypes: card.objectTypes });
    } else if (type === 'settings') {
      extensions.push({ uid, location: 'settings', name: '', entrypoint: entry(settingsConfig.parse(config).entrypoint), objectTypes: [] });
    }
  }
  for (const e of extensions) {
    if (e.location === 'settings') e.name = appName;
    if (!statSync(e.entrypoint, { throwIfNoEntry: false })?.isFile()) throw new Error(`${e.uid}: entrypoint ${e.entrypoint} does not exist`);
  }
  return { dir: root, appName, permittedFetchOrigins, extensions };
}

/** The folder HubSpot builds an extension in (its entry point's folder, with its own package.json). */
export const extensionDir = (extension: UiExtension): string => dirname(extension.entrypoint);
