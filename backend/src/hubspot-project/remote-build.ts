/**
 * Step 3 of the HubSpot check: every card, settings page and app page built from the extracted upload
 * archive as HubSpot's remote build does (`@hubspot/ui-extensions-dev-server`'s `uie build`, which
 * mirrors it): in the entry point's folder, a lockfile is made if there is none
 * (`npm install --package-lock-only`), then `npm ci`, then the dev server's `remoteBuild` (Vite,
 * minified, HubSpot's plugins) with that folder as the root. With npm workspaces (our layout) npm runs
 * from the workspace root that lists the folder, with that root's lockfile.
 *
 * The archive sits in a temporary folder outside the repository, so a package missing from the
 * archive's own node_modules cannot be found in ours by accident.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build';
import type { IntermediateRepresentationNode } from '@hubspot/project-parsing-lib/translate';
import { NPM_CI_ARGS, NPM_LOCK_ONLY_ARGS, npmError, run } from './npm-in-archive.ts';
import { oneLine } from './validate-project.ts';

export interface EntryPointBuild {
  uid: string;
  entrypoint: string;
  bytes: number;
}

export interface RemoteBuilds {
  builds: EntryPointBuild[];
  errors: string[];
  installSeconds: number;
}

const entrypointOf = (node: IntermediateRepresentationNode) => (node.config as { entrypoint?: unknown } | null)?.entrypoint;

/** Files whose content the lockfile step must not change: every package-lock.json between the folder and srcDir. */
function lockfilesAbove(dir: string, srcDir: string): Map<string, string> {
  const locks = new Map<string, string>();
  for (let current = dir; current.startsWith(srcDir); current = path.dirname(current)) {
    const lock = path.join(current, 'package-lock.json');
    if (existsSync(lock)) locks.set(lock, readFileSync(lock, 'utf8'));
    if (current === srcDir) break;
  }
  return locks;
}

/** Captures what HubSpot's build plugins print (they log through console) during one build. */
async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; warnings: string[] }> {
  const warnings: string[] = [];
  const saved = { warn: console.warn, error: console.error, log: console.log, info: console.info };
  console.warn = console.error = (...args: unknown[]) => warnings.push(oneLine(args.map(String).join(' ')));
  console.log = console.info = () => {};
  try {
    return { value: await fn(), warnings };
  } catch (error) {
    return { error, warnings };
  } finally {
    Object.assign(console, saved);
  }
}

export async function buildEntryPoints(archiveSrcDir: string, srcDirName: string, nodes: IntermediateRepresentationNode[], distDir: string): Promise<RemoteBuilds> {
  const errors: string[] = [];
  const builds: EntryPointBuild[] = [];
  const installed = new Map<string, boolean>();
  let installMs = 0;
  const shown = (file: string) => path.posix.join(srcDirName, path.relative(archiveSrcDir, file).split(path.sep).join('/'));

  for (const node of nodes) {
    const entrypoint = entrypointOf(node);
    if (typeof entrypoint !== 'string') continue;
    const file = path.resolve(archiveSrcDir, entrypoint.replace(/^\//, ''));
    const extensionRoot = path.dirname(file);
    if (!existsSync(file)) {
      errors.push(`${shown(file)}: entrypoint of ${node.uid} is not in the upload archive`);
      continue;
    }

    if (!installed.has(extensionRoot)) {
      const started = Date.now();
      let ok = true;
      if (!existsSync(path.join(extensionRoot, 'package-lock.json'))) {
        const before = lockfilesAbove(extensionRoot, archiveSrcDir);
        const lock = await run('npm', NPM_LOCK_ONLY_ARGS, extensionRoot);
        if (!lock.ok) {
          errors.push(`${shown(extensionRoot)}: npm install --package-lock-only failed: ${npmError(lock)}`);
          ok = false;
        }
        for (const [lockfile, content] of before) {
          if (existsSync(lockfile) && readFileSync(lockfile, 'utf8') !== content) {
            errors.push(`${shown(lockfile)}: out of date with its package.json files (HubSpot's build would rewrite it): run npm install --package-lock-only in ${shown(path.dirname(lockfile))}`);
            ok = false;
          }
        }
        if (before.size === 0 && ok) errors.push(`${shown(extensionRoot)}: no committed package-lock.json for this folder or its workspace root (HubSpot's build would resolve versions itself)`);
      }
      const ci = await run('npm', NPM_CI_ARGS, extensionRoot);
      if (!ci.ok) {
        errors.push(`${shown(extensionRoot)}: npm ci failed: ${npmError(ci)}`);
        ok = false;
      }
      installMs += Date.now() - started;
      installed.set(extensionRoot, ok);
    }
    if (!installed.get(extensionRoot)) continue;

    const outputDir = path.join(distDir, node.uid);
    const { error, warnings } = await capturingConsole(() => remoteBuild({ root: extensionRoot, entryPoint: file, outputDir, logLevel: 'silent' }));
    // HubSpot's code-blocking plugin only warns about imports from outside the extension folder; they fail in production.
    for (const warning of warnings.filter((w) => /outside of the extension directory|require statements are not supported/.test(w))) {
      errors.push(`${shown(file)}: ${warning}`);
    }
    if (error) {
      errors.push(`${shown(file)}: build of ${node.uid} failed: ${oneLine(error instanceof Error ? error.message : JSON.stringify(error)).slice(0, 600)}`);
      continue;
    }
    const bundle = path.join(outputDir, `${path.basename(file).replace(/\.[jt]sx?$/, '')}.js`);
    builds.push({ uid: node.uid, entrypoint, bytes: existsSync(bundle) ? statSync(bundle).size : 0 });
  }
  return { builds, errors, installSeconds: installMs / 1000 };
}
