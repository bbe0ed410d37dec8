/**
 * The demo's emulator state survives a restart, like the service's database: both emulators' state
 * stores (accounts, records, associations, apps, tokens, companies and their entities, the QuickBooks
 * clock, requestid replays) and what the demo provisioned are saved in one file,
 * `<SANDBOX_DATA_DIR>/state.json` (default `.data/sandbox/`), written atomically (temporary file +
 * rename) shortly after every write request either emulator answers (at most every SAVE_EVERY_MS, so a
 * first sync's writes are not each a save) and once more when the demo stops. A kill -9 of `npm start`
 * can lose the last second of emulator writes; a normal stop (Ctrl-C) loses nothing.
 *
 * Saved: the state stores, generically (common/snapshot.ts). Not saved: call logs, fault settings,
 * rate-limit windows and queued webhook deliveries — what a vendor does not keep either.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { classRegistry, restoreSnapshot, toSnapshot, type SnapshotOptions } from '../common/snapshot.ts';
import { HubSpotSandboxState } from '../hubspot/state/sandbox-state.ts';
import { HubSpotAccount } from '../hubspot/state/account.ts';
import { ObjectCollection } from '../hubspot/objects/collection.ts';
import { AssociationStore } from '../hubspot/associations/association-store.ts';
import { TokenStore } from '../hubspot/oauth/token-store.ts';
import { JournalStore } from '../hubspot/journal/journal-store.ts';
import { QboState } from '../qbo/state/store.ts';
import { Company } from '../qbo/state/company.ts';
import { Clock } from '../qbo/core/clock.ts';
import { StartupError } from '../../src/startup-error.ts';

/** Bumped when a saved file can no longer be read by this build. */
const FORMAT = 1;
const SAVE_DEBOUNCE_MS = 200;
const SAVE_EVERY_MS = 1_000;

/** The classes of the state stores (a new store class goes here; the round-trip test says so). */
const classes = classRegistry([HubSpotSandboxState, HubSpotAccount, ObjectCollection, AssociationStore, TokenStore, JournalStore, QboState, Company, Clock]);

export const HUBSPOT_SNAPSHOT: SnapshotOptions = { classes, transient: ['callLog', 'faults', 'listeners', 'lifecycleListeners'] };
export const QBO_SNAPSHOT: SnapshotOptions = { classes };

export interface SavedSandbox<Demo> {
  hubspot: HubSpotSandboxState;
  quickbooks: QboState;
  demo: Demo;
  savedAt: string;
}

interface SandboxFile {
  format: number;
  savedAt: string;
  demo: unknown;
  hubspot: unknown;
  quickbooks: unknown;
}

export function sandboxStateFile(dir: string): string {
  return path.join(path.resolve(dir), 'state.json');
}

/** The saved state, revived into fresh stores; undefined when nothing was saved. */
export async function loadSandbox<Demo>(dir: string, fresh: { hubspot: HubSpotSandboxState; quickbooks: QboState }): Promise<SavedSandbox<Demo> | undefined> {
  const file = sandboxStateFile(dir);
  if (!existsSync(file)) return undefined;
  const unreadable = (why: string) =>
    new StartupError(`the saved emulator state ${file} cannot be read (${why}). Delete ${path.dirname(file)} together with the database of the demo (.data/postgres, or the DATABASE_URL database) to start the demo afresh.`);
  let saved: SandboxFile;
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as SandboxFile;
  } catch (err) {
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
  if (saved.format !== FORMAT) throw unreadable(`format ${String(saved.format)}, this build reads ${FORMAT}`);
  try {
    return {
      hubspot: restoreSnapshot(fresh.hubspot, saved.hubspot, HUBSPOT_SNAPSHOT),
      quickbooks: restoreSnapshot(fresh.quickbooks, saved.quickbooks, QBO_SNAPSHOT),
      demo: saved.demo as Demo,
      savedAt: saved.savedAt,
    };
  } catch (err) {
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
}

export async function saveSandbox(dir: string, state: { hubspot: HubSpotSandboxState; quickbooks: QboState; demo: unknown }): Promise<void> {
  const file = sandboxStateFile(dir);
  await mkdir(path.dirname(file), { recursive: true });
  const body: SandboxFile = {
    format: FORMAT,
    savedAt: new Date().toISOString(),
    demo: state.demo,
    hubspot: toSnapshot(state.hubspot, HUBSPOT_SNAPSHOT),
    quickbooks: toSnapshot(state.quickbooks, QBO_SNAPSHOT),
  };
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, JSON.stringify(body));
  await rename(partial, file);
}

/** Saves after writes: debounced, at most every SAVE_EVERY_MS, one save at a time; flush() saves now. */
export class SandboxAutoSave {
  private timer: NodeJS.Timeout | undefined;
  private lastSave = 0;
  private running: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** A write happened. */
  touch = (): void => {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(SAVE_DEBOUNCE_MS, this.lastSave + SAVE_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
    this.timer.unref();
  };

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.lastSave = Date.now();
      await this.save().catch((err: unknown) => {
        this.dirty = true;
        this.onError(err);
      });
    });
    return this.running;
  }
}
