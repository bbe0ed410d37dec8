/**
 * The emulator's side of hosting UI extensions: which extensions a page shows (those of the apps installed
 * in the account, read from each app's uploaded project), the context HubSpot gives each one (account,
 * signed-in user, the CRM record for cards), and the host sessions that tie a page's extension to that
 * context, so `hubspot.fetch` signs only for the app, account and record the page rendered.
 */
import { randomBytes } from 'node:crypto';
import type { HubSpotAccount } from '../state/account.ts';
import type { RegisteredApp } from '../state/apps.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { OBJECT_TYPE_INFO, type ObjectType } from '../objects/object-types.ts';
import { ExtensionBundler } from './bundler.ts';
import { HubSpotFetchProxy } from './fetch-proxy.ts';
import { readHubSpotProject, type HubSpotProject, type UiExtension } from './project.ts';

const SESSION_TTL_MS = 12 * 3_600_000;

export interface HostSession {
  portalId: number;
  appId: number;
  extensionUid: string;
  record: { objectType: ObjectType; objectId: string } | null;
  expiresAt: number;
}

/** The account's signed-in user in the emulator: one super admin per account. */
export function accountUser(account: HubSpotAccount) {
  return {
    id: 2_000_000 + (account.portalId % 1_000_000),
    email: `admin@${account.hubDomain}`,
    emails: [`admin@${account.hubDomain}`],
    firstName: 'Sam',
    lastName: 'Admin',
    roles: [],
    teams: [],
    locale: 'en-us',
    language: 'en',
    permissions: ['integrations-management-write'],
  };
}

/** What the page's host script needs to mount one extension (see host/ExtensionFrame.tsx). */
export interface ExtensionSpec {
  slot: string;
  uid: string;
  location: string;
  title: string;
  appName: string;
  workerUrl: string;
  session: string;
  context: Record<string, unknown>;
}

export class ExtensionHost {
  readonly bundler = new ExtensionBundler();
  readonly fetchProxy = new HubSpotFetchProxy();
  private readonly sessions = new Map<string, HostSession>();

  constructor(private readonly state: HubSpotSandboxState) {}

  /** The app's project as it is on disk now (re-read per page, so edits show on reload). */
  project(app: RegisteredApp): HubSpotProject | null {
    return app.project ? readHubSpotProject(app.project.dir) : null;
  }

  installedApps(account: HubSpotAccount): RegisteredApp[] {
    return [...account.installedApps].map((id) => this.state.apps.get(id)).filter((a): a is RegisteredApp => a !== undefined);
  }

  session(token: unknown): HostSession | undefined {
    if (typeof token !== 'string') return undefined;
    const session = this.sessions.get(token);
    if (!session || session.expiresAt < Date.now()) return undefined;
    return session;
  }

  /** One extension mounted on a page for `account`'s user, on `record` for cards. */
  spec(account: HubSpotAccount, app: RegisteredApp, project: HubSpotProject, extension: UiExtension, record: HostSession['record'], slot: string): ExtensionSpec {
    const token = randomBytes(18).toString('base64url');
    this.sessions.set(token, { portalId: account.portalId, appId: app.appId, extensionUid: extension.uid, record, expiresAt: Date.now() + SESSION_TTL_MS });
    this.dropExpired();
    const base = {
      user: accountUser(account),
      portal: { id: account.portalId, timezone: 'America/New_York' },
      extension: { appId: app.appId, appName: project.appName, ...(extension.location === 'settings' ? {} : { cardTitle: extension.name }) },
    };
    const context =
      extension.location === 'settings' || record === null
        ? { ...base, location: extension.location }
        : { ...base, location: extension.location, crm: { objectId: Number(record.objectId), objectTypeId: OBJECT_TYPE_INFO[record.objectType].objectTypeId } };
    return {
      slot,
      uid: extension.uid,
      location: extension.location,
      title: extension.name,
      appName: project.appName,
      workerUrl: `/_hubspot/ui-extensions/workers/${app.appId}/${encodeURIComponent(extension.uid)}.js`,
      session: token,
      context,
    };
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [token, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(token);
  }
}
