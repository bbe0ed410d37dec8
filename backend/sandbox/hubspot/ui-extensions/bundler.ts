/**
 * Builds what the browser runs, with esbuild:
 * - per UI extension, its Web Worker script: the worker runtime first, then the extension's entry point
 *   (the file its `*-hsmeta.json` names), bundled the way HubSpot bundles an extension folder: imports
 *   resolve as npm resolves them from that folder (workspace packages included), JSX with React's
 *   automatic runtime, production React;
 * - the host page script (React in the page, the component map).
 * A build is kept until one of its input files changes (checked at most once a second), so editing an
 * extension while the emulator runs shows the change on the next page load, as `hs project dev` does.
 */
import { statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin, type PluginBuild } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const WORKER_RUNTIME = join(HERE, 'worker', 'runtime.ts');
const HOST_ENTRY = join(HERE, 'host', 'main.tsx');
const RECHECK_MS = 1_000;

const COMMON: BuildOptions = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
  metafile: true,
};

/** The folder of the package a resolved file belongs to (the nearest parent with node_modules/<name>). */
function packageDirOf(file: string, name: string): string {
  let dir = dirname(file);
  while (dir !== parse(dir).root && !dir.endsWith(join('node_modules', name))) dir = dirname(dir);
  return dir === parse(dir).root ? dirname(file) : dir;
}

/**
 * The runtime renders with the same React and `@remote-ui/*` copies as the extension's
 * `@hubspot/ui-extensions` (two Reacts would break every hook): its imports of those resolve from that package.
 */
function runtimeSharesExtensionDeps(extensionDir: string): Plugin {
  return {
    name: 'runtime-shares-extension-deps',
    setup(b: PluginBuild) {
      b.onResolve({ filter: /^(react|react\/.*|@remote-ui\/[^/]+)$/ }, async (args) => {
        if (!args.importer.startsWith(join(HERE, 'worker'))) return undefined;
        const sdk = await b.resolve('@hubspot/ui-extensions', { resolveDir: extensionDir, kind: 'import-statement' });
        if (sdk.errors.length > 0) return { errors: [{ text: `${extensionDir} does not depend on @hubspot/ui-extensions` }] };
        const sdkDir = packageDirOf(sdk.path, join('@hubspot', 'ui-extensions'));
        const remoteReact = await b.resolve('@remote-ui/react', { resolveDir: sdkDir, kind: 'import-statement' });
        for (const resolveDir of [sdkDir, packageDirOf(remoteReact.path, join('@remote-ui', 'react'))]) {
          const found = await b.resolve(args.path, { resolveDir, kind: args.kind });
          if (found.errors.length === 0) return found;
        }
        return { errors: [{ text: `${args.path} is not resolvable from the extension's @hubspot/ui-extensions` }] };
      });
    },
  };
}

interface Built {
  code: string;
  inputs: Array<{ path: string; mtimeMs: number }>;
  checkedAt: number;
}

const mtime = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

async function runBuild(options: BuildOptions): Promise<Built> {
  const result = await build({ ...COMMON, ...options });
  const inputs = Object.keys(result.metafile?.inputs ?? {})
    .filter((p) => !p.startsWith('<'))
    .map((p) => {
      const path = join(process.cwd(), p);
      return { path, mtimeMs: mtime(path) };
    });
  return { code: result.outputFiles?.[0]?.text ?? '', inputs, checkedAt: Date.now() };
}

/** A worker script that fails the way a failed build should look to the host: an error naming the problem. */
const failingScript = (what: string, error: unknown) =>
  `throw new Error(${JSON.stringify(`${what} could not be built: ${error instanceof Error ? error.message : String(error)}`)});`;

export class ExtensionBundler {
  private readonly builds = new Map<string, Promise<Built>>();

  /** The worker script of the extension whose entry point is `entrypoint`. */
  worker(entrypoint: string): Promise<string> {
    const extensionDir = dirname(entrypoint);
    return this.cached(`worker:${entrypoint}`, `The extension ${entrypoint}`, () =>
      runBuild({
        stdin: { contents: `import ${JSON.stringify(WORKER_RUNTIME)};\nimport ${JSON.stringify(entrypoint)};\n`, resolveDir: extensionDir, loader: 'ts', sourcefile: 'extension-worker.ts' },
        plugins: [runtimeSharesExtensionDeps(extensionDir)],
      }),
    );
  }

  /** The host page script. */
  host(): Promise<string> {
    return this.cached('host', 'The extension host', () => runBuild({ entryPoints: [HOST_ENTRY] }));
  }

  private async cached(key: string, what: string, make: () => Promise<Built>): Promise<string> {
    const current = this.builds.get(key);
    if (current) {
      const built = await current.catch(() => undefined);
      if (built && (Date.now() - built.checkedAt < RECHECK_MS || built.inputs.every((i) => mtime(i.path) === i.mtimeMs))) {
        built.checkedAt = Date.now();
        return built.code;
      }
      if (this.builds.get(key) !== current) return this.cached(key, what, make);
    }
    const next = make();
    this.builds.set(key, next);
    try {
      return (await next).code;
    } catch (error) {
      this.builds.delete(key);
      return failingScript(what, error);
    }
  }
}
