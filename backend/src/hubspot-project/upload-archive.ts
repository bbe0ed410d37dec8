/**
 * Step 2 of the HubSpot check: the zip `hs project upload` sends, built the way the CLI builds it
 * (@hubspot/cli 8.x `lib/projects/upload.ts` and `workspaces.ts`): every file under srcDir that
 * HubSpot's ignore rules keep (`@hubspot/local-dev-lib` `shouldIgnoreFile`, project mode: no
 * node_modules, no dot files, lockfiles kept), plus the npm workspaces and `file:` dependencies the
 * parser finds in srcDir's package.json files (`@hubspot/project-parsing-lib/workspaces`). A
 * package.json that declares workspaces is rewritten with the resolved workspace folders, as the CLI
 * does. The CLI would also copy workspaces and `file:` dependencies from outside srcDir into
 * `_workspaces/`; our rule is that nothing under app/ depends on anything outside it, so such a
 * dependency is reported as an error instead.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import archiver from 'archiver';
import { shouldIgnoreFile } from '@hubspot/local-dev-lib/ignoreRules';
import { collectFileDependencies, collectWorkspaceDirectories, findAndParsePackageJsonFiles, validateWorkspaceProtocolDependencies } from '@hubspot/project-parsing-lib/workspaces';
import { oneLine } from './validate-project.ts';

export interface UploadArchive {
  zip: Buffer;
  /** Archive entry names (posix paths relative to srcDir). */
  entries: string[];
  errors: string[];
}

const posix = (p: string) => p.split(path.sep).join(path.posix.sep);
const isInside = (dir: string, root: string) => {
  const rel = path.relative(root, dir);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
};

export async function buildUploadArchive(projectDir: string, srcDirName: string): Promise<UploadArchive> {
  const srcDir = realpathSync(path.resolve(projectDir, srcDirName));
  const errors: string[] = [];
  const parsedPackageJsons = await findAndParsePackageJsonFiles(srcDir);
  const workspaceMappings = await collectWorkspaceDirectories(parsedPackageJsons);
  const fileDependencies = await collectFileDependencies(parsedPackageJsons);
  try {
    validateWorkspaceProtocolDependencies(parsedPackageJsons, workspaceMappings);
  } catch (error) {
    errors.push(`${srcDirName}: ${oneLine((error as Error).message)}`);
  }
  for (const { workspaceDir, sourcePackageJsonPath } of workspaceMappings) {
    if (!isInside(workspaceDir, srcDir)) {
      errors.push(`${posix(path.relative(projectDir, sourcePackageJsonPath))}: workspace ${workspaceDir} is outside ${srcDirName}/ (shared code must live in a package inside ${srcDirName}/)`);
    }
  }
  for (const { packageName, localPath, sourcePackageJsonPath } of fileDependencies) {
    if (!isInside(localPath, srcDir)) {
      errors.push(`${posix(path.relative(projectDir, sourcePackageJsonPath))}: dependency ${packageName} points outside ${srcDirName}/ (${localPath})`);
    }
  }

  // package.json files that declare workspaces are appended rewritten, not walked (the CLI's getPackageJsonPathsToUpdate).
  const workspacesBySource = new Map<string, string[]>();
  for (const { workspaceDir, sourcePackageJsonPath } of workspaceMappings) {
    if (!isInside(workspaceDir, srcDir)) continue;
    const list = workspacesBySource.get(sourcePackageJsonPath) ?? [];
    list.push(posix(path.relative(path.dirname(sourcePackageJsonPath), workspaceDir)));
    workspacesBySource.set(sourcePackageJsonPath, list);
  }
  const rewritten = new Set([...workspacesBySource.keys()].map((file) => posix(path.relative(srcDir, file))));

  const archive = archiver('zip');
  const chunks: Buffer[] = [];
  const entries: string[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  archive.on('entry', (entry) => entries.push(entry.name));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  archive.directory(srcDir, false, (entry) => (rewritten.has(entry.name) || shouldIgnoreFile(entry.name, true) ? false : entry));
  for (const [packageJsonPath, workspaces] of workspacesBySource) {
    const content = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { workspaces?: unknown };
    const text = content.workspaces ? JSON.stringify({ ...content, workspaces }, null, 2) : readFileSync(packageJsonPath, 'utf8');
    archive.append(text, { name: posix(path.relative(srcDir, packageJsonPath)) });
  }
  await archive.finalize();
  await done;
  // local.json (hs project dev's proxy map) points HubSpot at a developer's machine: never upload it.
  for (const name of entries.filter((e) => path.posix.basename(e) === 'local.json')) {
    errors.push(`${path.posix.join(srcDirName, name)}: hs project dev's local proxy file would be uploaded: keep it out of the upload (it is git-ignored; move it away before hs project upload)`);
  }
  if (entries.length === 0) errors.push(`${srcDirName}: the upload archive is empty (HubSpot's ignore rules dropped every file)`);
  return { zip: Buffer.concat(chunks), entries: entries.filter((name) => !name.endsWith('/')).sort(), errors };
}
