/**
 * The host page script: mounts each UI extension the page declares (a JSON block the emulator writes into
 * the page) into its slot.
 */
import { createRoot } from 'react-dom/client';
import { ExtensionFrame, type ExtensionSpec, type HostEndpoints } from './ExtensionFrame.tsx';
import { reportHostError } from './host-errors.ts';

interface HostPageConfig {
  endpoints: HostEndpoints;
  extensions: ExtensionSpec[];
}

const source = document.getElementById('hs-extension-host');
window.__hubspotHostErrors ??= [];
if (source?.textContent) {
  const config = JSON.parse(source.textContent) as HostPageConfig;
  for (const spec of config.extensions) {
    const slot = document.getElementById(spec.slot);
    if (!slot) {
      reportHostError(`no slot ${spec.slot} for ${spec.uid}`);
      continue;
    }
    slot.replaceChildren();
    createRoot(slot).render(<ExtensionFrame spec={spec} endpoints={config.endpoints} />);
  }
}
