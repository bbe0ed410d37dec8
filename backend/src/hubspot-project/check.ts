/**
 * The HubSpot check (`npm run hubspot:check`): the project validated by HubSpot's parser, the upload
 * archive built as the CLI builds it, every entry point built from that archive as HubSpot's remote
 * build does, and HubSpot's lint rules over it. Every problem is one line; none means HubSpot's own
 * tooling accepts what `hs project upload` would send (except the per-component JSON schemas, which
 * only HubSpot's servers have: see validate-project.ts).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractZipArchive } from '@hubspot/local-dev-lib/archive';
import { lintArchive, type LintResult } from './lint-archive.ts';
import { buildEntryPoints, type RemoteBuilds } from './remote-build.ts';
import { buildUploadArchive } from './upload-archive.ts';
import { validateProject } from './validate-project.ts';

export interface HubSpotCheckReport {
  platformVersion: string | null;
  components: Array<{ uid: string; type: string }>;
  archive: { files: number; bytes: number } | null;
  builds: RemoteBuilds['builds'];
  lint: Omit<LintResult, 'errors'> | null;
  installSeconds: number;
  errors: string[];
}

export interface HubSpotCheckOptions {
  /** Keep the extracted archive (its path is returned) instead of deleting it. */
  keep?: boolean;
}

export async function checkHubSpotProject(projectDir: string, options: HubSpotCheckOptions = {}): Promise<HubSpotCheckReport & { workDir: string }> {
  const report: HubSpotCheckReport = { platformVersion: null, components: [], archive: null, builds: [], lint: null, installSeconds: 0, errors: [] };
  const workDir = mkdtempSync(path.join(tmpdir(), 'hubspot-check-'));
  try {
    const validation = await validateProject(projectDir);
    report.errors.push(...validation.errors);
    if (!validation.config) return { ...report, workDir };
    const { srcDir, platformVersion } = validation.config;
    report.platformVersion = platformVersion;
    report.components = validation.nodes.map((node) => ({ uid: node.uid, type: node.componentType }));

    const archive = await buildUploadArchive(projectDir, srcDir);
    report.errors.push(...archive.errors);
    report.archive = { files: archive.entries.length, bytes: archive.zip.length };

    // HubSpot's deployed projects use "src" as srcDir; extracted there, paths read src/app/<extension>/….
    const archiveSrcDir = path.join(workDir, 'src');
    mkdirSync(archiveSrcDir);
    await extractZipArchive(archive.zip, 'hubspot-check', archiveSrcDir, { includesRootDir: false, hideLogs: true });

    if (validation.nodes.length > 0) {
      const remote = await buildEntryPoints(archiveSrcDir, srcDir, validation.nodes, path.join(workDir, 'dist'));
      report.builds = remote.builds;
      report.installSeconds = remote.installSeconds;
      report.errors.push(...remote.errors);
      const { errors, ...lint } = await lintArchive(archiveSrcDir, srcDir);
      report.lint = lint;
      report.errors.push(...errors);
    }
    return { ...report, workDir };
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}
