/**
 * Step 1 of the HubSpot check: what `hs project upload` validates before it sends anything, run with
 * HubSpot's own parser (`@hubspot/project-parsing-lib`, the library the CLI calls): hsproject.json,
 * every `*-hsmeta.json` found where the parser looks for them, uids, component types, folders, one
 * component of each singular kind (app, settings, …), and the platform version.
 *
 * The one thing that cannot run here: the per-component JSON schemas, which the parser downloads from
 * HubSpot for the platform version (`project-components-external/project-schemas/v3/<version>`, an
 * authenticated call). That download is answered locally with a schema that accepts any config for
 * every component type the parser knows, so everything else in HubSpot's validation runs unchanged.
 * Field names, required config fields and enum values (locations, objectTypes, scopes) are therefore
 * not checked here; the README says so.
 */
import path from 'node:path';
import { http } from '@hubspot/local-dev-lib/http';
import { Components, USER_FACING_TO_INTERNAL_TYPE } from '@hubspot/project-parsing-lib/constants';
import { parseProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { isTranslationError, translate, type IntermediateRepresentationNode } from '@hubspot/project-parsing-lib/translate';

export interface ProjectConfig {
  name: string;
  srcDir: string;
  platformVersion: string;
}

export interface ProjectValidation {
  config: ProjectConfig | null;
  nodes: IntermediateRepresentationNode[];
  errors: string[];
}

const SCHEMA_URL_PREFIX = 'project-components-external/project-schemas/';

/** The parser's internal name for a component type (its `mapToInternalType`, which it does not export). */
const internalType = (type: string) => ((USER_FACING_TO_INTERNAL_TYPE as Record<string, string | undefined>)[type] ?? type).toUpperCase().replace(/-/g, '_');

/** Every component type the parser knows, each with a schema that accepts any config. */
function permissiveSchemas(): Record<string, object> {
  return Object.fromEntries(Object.keys(Components).map((type) => [internalType(type), {}]));
}

/** Runs `fn` while the parser's schema download is answered locally; any other HubSpot call fails. */
async function withLocalSchemas<T>(fn: () => Promise<T>): Promise<T> {
  const realGet = http.get;
  http.get = (async (_accountId: number, options: { url?: string }) => {
    if (options.url?.startsWith(SCHEMA_URL_PREFIX)) return { data: permissiveSchemas() };
    throw new Error(`the HubSpot check makes no HubSpot calls (asked for ${options.url ?? '?'})`);
  }) as typeof http.get;
  try {
    return await fn();
  } finally {
    http.get = realGet;
  }
}

export async function validateProject(projectDir: string): Promise<ProjectValidation> {
  let config: ProjectConfig;
  try {
    config = parseProjectConfig(projectDir);
  } catch (error) {
    return { config: null, nodes: [], errors: [`hsproject.json: ${(error as Error).message}`] };
  }
  const projectSourceDir = path.resolve(projectDir, config.srcDir);
  try {
    const { intermediateRepresentation, skippedHsMetaFiles } = await withLocalSchemas(() =>
      // accountId only has to be present: it is the account the schemas would be fetched for.
      translate({ projectSourceDir, platformVersion: config.platformVersion, accountId: 1 }, { skipValidation: false }),
    );
    const errors = skippedHsMetaFiles.map((file) => `${path.join(config.srcDir, file)}: HubSpot skips this file (an *-hsmeta.json outside a component folder)`);
    return { config, nodes: Object.values(intermediateRepresentation.intermediateNodesIndexedByUid), errors };
  } catch (error) {
    // The components as parsed without validation, so the check still builds and lints them and
    // reports every problem at once.
    const nodes = await translate({ projectSourceDir, platformVersion: config.platformVersion }, { skipValidation: true }).then(
      (result) => Object.values(result.intermediateRepresentation.intermediateNodesIndexedByUid),
      () => [],
    );
    if (isTranslationError(error)) {
      // Per file, the messages HubSpot's CLI prints under "Encountered the following errors for <file>".
      const perFile = (error as unknown as { errors: Array<{ file: string; errors: string[] }> }).errors;
      const errors = perFile.flatMap(({ file, errors: messages }) => messages.map((message) => `${path.join(config.srcDir, file)}: ${oneLine(message)}`));
      return { config, nodes, errors: errors.length > 0 ? errors : [oneLine(error.toString())] };
    }
    return { config, nodes, errors: [`${config.srcDir}: ${oneLine((error as Error).message)}`] };
  }
}

export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
