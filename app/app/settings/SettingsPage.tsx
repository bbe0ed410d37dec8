/** Entry point HubSpot loads for the app's Settings tab (settings-hsmeta.json). */
import { hubspot } from '@hubspot/ui-extensions';
import { SettingsApp } from './SettingsApp.tsx';

hubspot.extend<'settings'>(() => <SettingsApp />);
