// HubSpot's UI-extension lint rules, shared by every package of the project (packages/eslint-config).
export { default } from '@quickbooks-sync/eslint-config';
