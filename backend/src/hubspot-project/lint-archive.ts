/**
 * Step 4 of the HubSpot check: HubSpot's lint rules over the extracted archive, the way `hs project
 * lint` runs them (`npx eslint .` in each card / settings / pages folder, with that folder's config)
 * and also in each shared package, whose code ends up in the same bundles. The archive is extracted
 * under `<tmp>/src/`, so files sit at `src/app/cards/…`: HubSpot's rules recognise an extension folder
 * by that path (`no-parent-imports` looks for `src/app/<extension>`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { run } from './npm-in-archive.ts';
import { oneLine } from './validate-project.ts';

export interface LintResult {
  roots: string[];
  files: number;
  errors: string[];
  warnings: string[];
}

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line?: number;
  column?: number;
}

const EXTENSION_FOLDERS = ['cards', 'settings', 'pages'];
const CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** The folders to lint: extension folders with a package.json, and every package under app/packages/. */
function lintRoots(appDir: string): string[] {
  const roots = EXTENSION_FOLDERS.map((folder) => path.join(appDir, folder)).filter((dir) => existsSync(path.join(dir, 'package.json')));
  const packagesDir = path.join(appDir, 'packages');
  if (existsSync(packagesDir)) {
    for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, 'package.json'))) roots.push(path.join(packagesDir, entry.name));
    }
  }
  return roots;
}

export async function lintArchive(archiveSrcDir: string, srcDirName: string): Promise<LintResult> {
  const appDir = path.join(archiveSrcDir, 'app');
  const shown = (file: string) => path.posix.join(srcDirName, path.relative(archiveSrcDir, file).split(path.sep).join('/'));
  const result: LintResult = { roots: [], files: 0, errors: [], warnings: [] };
  for (const root of lintRoots(appDir)) {
    result.roots.push(shown(root));
    if (!CONFIG_FILES.some((file) => existsSync(path.join(root, file)))) {
      result.errors.push(`${shown(root)}: no ESLint config (HubSpot's lint rules must be configured here: eslint.config.js)`);
      continue;
    }
    let eslintBin: string;
    try {
      eslintBin = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('eslint/package.json')), 'bin', 'eslint.js');
    } catch {
      result.errors.push(`${shown(root)}: eslint is not installed for this folder (list HubSpot's lint packages in its devDependencies)`);
      continue;
    }
    const lint = await run(process.execPath, [eslintBin, '--format', 'json', '.'], root);
    let reports: Array<{ filePath: string; messages: EslintMessage[] }>;
    try {
      reports = JSON.parse(lint.stdout) as typeof reports;
    } catch {
      result.errors.push(`${shown(root)}: eslint did not run: ${oneLine(lint.stderr).slice(0, 600)}`);
      continue;
    }
    result.files += reports.length;
    for (const { filePath, messages } of reports) {
      for (const message of messages) {
        const line = `${shown(filePath)}:${message.line ?? 0}:${message.column ?? 0}: ${oneLine(message.message)}${message.ruleId ? ` (${message.ruleId})` : ''}`;
        (message.severity === 2 ? result.errors : result.warnings).push(line);
      }
    }
  }
  if (result.roots.length === 0) result.errors.push(`${srcDirName}/app: no extension folder with a package.json to lint`);
  return result;
}
