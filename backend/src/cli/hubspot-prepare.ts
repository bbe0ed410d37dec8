/**
 * `PUBLIC_BASE_URL=https://… npm run hubspot:prepare [projectDir]`: writes the service's origin into
 * the HubSpot project files before `hs project upload` (backend/src/hubspot-project/prepare.ts).
 */
import path from 'node:path';
import { PROJECT_FILES, PrepareError, prepareProject } from '../hubspot-project/prepare.ts';

const projectDir = path.resolve(process.argv[2] ?? '.');
try {
  const values = prepareProject(projectDir, process.env.PUBLIC_BASE_URL);
  console.log(`hubspot:prepare: ${PROJECT_FILES.app}: auth.redirectUrls [${values.redirectUrl}], permittedUrls.fetch [${values.fetchOrigin}]`);
  console.log(`hubspot:prepare: ${PROJECT_FILES.webhooks}: settings.targetUrl ${values.webhookTargetUrl}`);
  console.log(`hubspot:prepare: ${PROJECT_FILES.backendUrl}: BACKEND_BASE_URL ${values.fetchOrigin}`);
  console.log('hubspot:prepare: next: npm run hubspot:check, then hs project upload (see the README, "Deploying the HubSpot project")');
} catch (error) {
  if (!(error instanceof PrepareError)) throw error;
  console.error(`hubspot:prepare refused: ${error.message}`);
  process.exitCode = 1;
}
