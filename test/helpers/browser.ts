/**
 * Headless Chromium for the browser tests, driven by playwright-core (which never downloads a browser).
 * Which binary, in order:
 *   1. CHROMIUM_PATH, when set;
 *   2. the system's Chromium (Debian's /usr/bin/chromium, or chromium / chromium-browser on PATH),
 *      unless TEST_BROWSER=npm;
 *   3. the Chromium that ships inside the `@sparticuz/chromium` npm tarball (brotli-compressed), unpacked
 *      once into node_modules/.cache/ — nothing is downloaded from outside the npm registry. Where the
 *      machine lacks the few shared libraries it links (NSS, NSPR, expat), the ones in the same tarball
 *      are used.
 * Screenshots go to test-artifacts/ (git-ignored; CI keeps them as artifacts).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

const ROOT = new URL('../../', import.meta.url).pathname;
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PATH_NAMES = ['chromium', 'chromium-browser'];
const requireHere = createRequire(import.meta.url);

/** The @sparticuz/chromium package folder (its exports do not include package.json). */
function npmChromiumPackage(): string | undefined {
  let entry: string;
  try {
    entry = requireHere.resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'bin', 'chromium.br'))) return dir;
  }
  return undefined;
}

export interface BrowserBinary {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Extra environment for the browser process (the bundled libraries' folder, when needed). */
  env?: Record<string, string>;
}

function systemChromium(): string | undefined {
  for (const candidate of SYSTEM_CANDIDATES) if (existsSync(candidate)) return candidate;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Brotli-decompresses `source` to `target` atomically (parallel test files may race; the last rename wins). */
async function inflate(source: string, target: string, mode: number): Promise<void> {
  if (existsSync(target)) return;
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  await pipeline(createReadStream(source), createBrotliDecompress(), createWriteStream(partial, { mode }));
  await rename(partial, target);
}

async function extractTar(archive: string, into: string): Promise<void> {
  if (existsSync(path.join(into, '.complete'))) return;
  const partial = `${into}.${randomBytes(4).toString('hex')}.partial`;
  // tar-fs is @sparticuz/chromium's own dependency (it unpacks these archives with it).
  const tar = createRequire(requireHere.resolve('@sparticuz/chromium'))('tar-fs') as { extract(dir: string): NodeJS.WritableStream };
  await pipeline(createReadStream(archive), createBrotliDecompress(), tar.extract(partial));
  await writeFile(path.join(partial, '.complete'), '');
  await rm(into, { recursive: true, force: true });
  await rename(partial, into).catch(async (err: NodeJS.ErrnoException) => {
    // Another test file finished the same extraction first.
    if (existsSync(path.join(into, '.complete'))) await rm(partial, { recursive: true, force: true });
    else throw err;
  });
}

/** True when the binary starts with the machine's own libraries. */
function startsAsIs(executablePath: string, env?: Record<string, string>): boolean {
  try {
    execFileSync(executablePath, ['--version'], { stdio: 'ignore', timeout: 20_000, env: { ...process.env, ...env } });
    return true;
  } catch {
    return false;
  }
}

async function npmChromium(): Promise<BrowserBinary> {
  const root = npmChromiumPackage();
  if (!root) throw new Error('No Chromium for the browser tests: no system Chromium, and the @sparticuz/chromium dev dependency is not installed (run `npm ci`), or set CHROMIUM_PATH.');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = path.join(root, 'bin');
  const cache = path.join(ROOT, 'node_modules', '.cache', 'npm-chromium', version);
  await mkdir(cache, { recursive: true });
  const executablePath = path.join(cache, 'chromium');
  await inflate(path.join(bin, 'chromium.br'), executablePath, 0o755);
  if (startsAsIs(executablePath)) return { executablePath, source: 'npm' };
  // A machine without NSS/NSPR/expat (say a bare container): the tarball carries them.
  const libs = path.join(cache, 'al2023');
  await extractTar(path.join(bin, 'al2023.tar.br'), libs);
  const env = { LD_LIBRARY_PATH: [path.join(libs, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) };
  if (!startsAsIs(executablePath, env)) throw new Error(`The npm Chromium (${executablePath}) does not start on this machine, even with its bundled libraries. Install Chromium, or set CHROMIUM_PATH.`);
  return { executablePath, source: 'npm', env };
}

/** Which Chromium the browser tests use on this machine (see the header for the order). */
export async function resolveBrowser(): Promise<BrowserBinary> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist.`);
    return { executablePath: explicit, source: 'CHROMIUM_PATH' };
  }
  if (process.env.TEST_BROWSER !== 'npm') {
    const system = systemChromium();
    if (system) return { executablePath: system, source: 'system' };
  }
  return npmChromium();
}

export async function launchBrowser(): Promise<Browser> {
  const binary = await resolveBrowser();
  return chromium.launch({
    executablePath: binary.executablePath,
    headless: true,
    ...(binary.env ? { env: { ...process.env, ...binary.env } } : {}),
    // Without the background-networking flags Chromium keeps calling home, which this network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = new URL(`${name}.png`, ARTIFACTS).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}
