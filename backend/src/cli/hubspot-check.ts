/**
 * `npm run hubspot:check [projectDir] [--keep]`: HubSpot's own tooling over the project (see
 * backend/src/hubspot-project/check.ts). Prints one line per error and exits 1 if there is any.
 */
import path from 'node:path';
import { checkHubSpotProject } from '../hubspot-project/check.ts';

const args = process.argv.slice(2);
const projectDir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? '.');
const started = Date.now();
const report = await checkHubSpotProject(projectDir, { keep: args.includes('--keep') });
const seconds = ((Date.now() - started) / 1000).toFixed(1);

for (const error of report.errors) console.log(`hubspot:check error: ${error}`);
for (const warning of report.lint?.warnings ?? []) console.log(`hubspot:check warning: ${warning}`);
const built = report.builds.map((b) => `${b.uid} ${(b.bytes / 1024).toFixed(0)} kB`).join(', ');
console.log(
  [
    `hubspot:check: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`,
    `platform ${report.platformVersion ?? '?'}, ${report.components.length} components`,
    report.archive ? `upload archive ${report.archive.files} files (${(report.archive.bytes / 1024).toFixed(0)} kB)` : 'no upload archive',
    `${report.builds.length} entry points built from it (${built || 'none'}; npm ci ${report.installSeconds.toFixed(1)} s)`,
    report.lint ? `HubSpot lint over ${report.lint.files} files in ${report.lint.roots.join(', ')}` : 'not linted',
    `${seconds} s${args.includes('--keep') ? `, kept in ${report.workDir}` : ''}`,
  ].join('; '),
);
process.exitCode = report.errors.length > 0 ? 1 : 0;
