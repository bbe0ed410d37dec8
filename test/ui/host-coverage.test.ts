/**
 * The HubSpot emulator's host must render every component and prop our UI extensions use: this scans the
 * extension sources (every .tsx under the project's srcDir) for JSX elements imported from
 * `@hubspot/ui-extensions` and fails naming any component or prop the host's table does not support.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PROPS, UNIVERSAL_PROPS, isSupportedComponent } from '../../backend/sandbox/hubspot/ui-extensions/host/supported.ts';
import { HOST_COMPONENTS } from '../../backend/sandbox/hubspot/ui-extensions/host/components/index.tsx';

const ROOT = new URL('../../app/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.tsx') ? [path] : [];
  });
}

/** Component → props used, with the files using them (`key` is React's, never sent to the host). */
function usage(): Map<string, Map<string, string>> {
  const used = new Map<string, Map<string, string>>();
  for (const file of sources(ROOT)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const imported = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !(statement.moduleSpecifier as ts.StringLiteral).text.startsWith('@hubspot/ui-extensions')) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) imported.set(e.name.text, (e.propertyName ?? e.name).text);
    }
    const visit = (node: ts.Node) => {
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        const name = imported.get(node.tagName.getText(source));
        if (name) {
          const props = used.get(name) ?? new Map<string, string>();
          used.set(name, props);
          props.set('', file);
          for (const attribute of node.attributes.properties) {
            const prop = ts.isJsxAttribute(attribute) ? attribute.name.getText(source) : '{...spread}';
            if (prop !== 'key') props.set(prop, file);
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(source);
  }
  return used;
}

describe('the HubSpot emulator host covers our UI extensions', () => {
  const used = usage();

  it('finds the components our extensions render', () => {
    expect([...used.keys()]).toEqual(expect.arrayContaining(['Flex', 'Button', 'Table', 'Tabs', 'Toggle', 'Select', 'Accordion', 'StatusTag']));
  });

  it('supports every component and prop they use', () => {
    const missing: string[] = [];
    for (const [component, props] of used) {
      if (!isSupportedComponent(component)) {
        missing.push(`<${component}> (${props.get('')})`);
        continue;
      }
      const known: readonly string[] = SUPPORTED_PROPS[component];
      for (const [prop, file] of props) if (prop !== '' && !known.includes(prop) && !UNIVERSAL_PROPS.includes(prop)) missing.push(`<${component} ${prop}> (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('has an implementation for every component its table lists', () => {
    expect(Object.keys(HOST_COMPONENTS).sort()).toEqual(Object.keys(SUPPORTED_PROPS).sort());
  });
});
