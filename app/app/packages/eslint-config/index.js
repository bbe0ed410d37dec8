// HubSpot's lint setup for UI extensions: the rule sets of the eslint.config.js that `hs project lint`
// writes into a card or settings folder (platform 2026.03 template), with HubSpot's own rules
// (@hubspot/eslint-config-ui-extensions: no parent imports, no DOM or browser storage, no native
// HTTP, …). Every package of the project re-exports it, so the CLI, `npm run hubspot:check` and a
// developer's editor all judge the same rules.
import js from '@eslint/js';
import { config as hubspotUiExtensions } from '@hubspot/eslint-config-ui-extensions';
import prettier from 'eslint-config-prettier';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import unusedImports from 'eslint-plugin-unused-imports';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  tseslint.configs.stylistic,
  react.configs.flat.recommended,
  react.configs.flat['jsx-runtime'],
  { settings: { react: { version: 'detect' } } },
  ...hubspotUiExtensions,
  reactHooks.configs.flat['recommended-latest'],
  {
    plugins: { 'unused-imports': unusedImports },
    rules: {
      'react/prop-types': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      'unused-imports/no-unused-imports': 'error',
      'unused-imports/no-unused-vars': ['warn', { vars: 'all', varsIgnorePattern: '^_', args: 'after-used', argsIgnorePattern: '^_' }],
    },
  },
  prettier,
]);
