/**
 * One UI extension on the page, hosted as HubSpot hosts it: its bundle runs in a Web Worker, renders into a
 * remote root through `@remote-ui`, and this frame turns what arrives into host components. The worker
 * reaches the platform only through the services exposed here (hubspot.fetch through the emulator's
 * signing proxy, CRM associations, the logger) and the extension point's actions.
 */
import { useEffect, useMemo, useState } from 'react';
import { createController, createRemoteReceiver, RemoteRenderer } from '@remote-ui/react/host';
import { createEndpoint, fromWebWorker } from '@remote-ui/rpc';
import type { AssociationsRequest, FetchOptions, HostServices, ProxiedResponse, WorkerApi } from '../protocol.ts';
import { HOST_COMPONENTS, HostProblem } from './components/index.tsx';
import { reportHostError } from './host-errors.ts';
import { isSupportedComponent } from './supported.ts';

export interface ExtensionSpec {
  slot: string;
  uid: string;
  location: string;
  title: string;
  appName: string;
  workerUrl: string;
  /** The page's host session: which account, user, app and record this extension renders for. */
  session: string;
  context: Record<string, unknown>;
}

export interface HostEndpoints {
  fetch: string;
  associations: string;
}

interface Toast {
  id: number;
  type: string;
  title?: string;
  message: string;
}

async function callEmulator(endpoint: string, body: unknown): Promise<ProxiedResponse> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await res.json().catch(() => ({}))) as { response?: ProxiedResponse; error?: { message?: string } };
  if (!res.ok || !answer.response) throw new Error(answer.error?.message ?? `the HubSpot emulator answered ${res.status}`);
  return answer.response;
}

const controller = createController(HOST_COMPONENTS, {
  renderComponent(props, options) {
    const type = String(props.component.type);
    if (isSupportedComponent(type)) return options.renderDefault();
    return <HostProblem key={props.key} message={`<${type}> is not a component the host supports`} />;
  },
});

let toastIds = 0;

export function ExtensionFrame({ spec, endpoints }: { spec: ExtensionSpec; endpoints: HostEndpoints }) {
  const receiver = useMemo(() => createRemoteReceiver(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    const worker = new Worker(spec.workerUrl);
    const endpoint = createEndpoint<WorkerApi>(fromWebWorker(worker));
    const fail = (message: string) => {
      reportHostError(`${spec.title}: ${message}`);
      setFailure(message);
    };
    const services: HostServices = {
      fetch: (url: string, options: FetchOptions) => callEmulator(endpoints.fetch, { session: spec.session, url, options }),
      fetchAssociations: (request: AssociationsRequest) => callEmulator(endpoints.associations, { session: spec.session, ...request }),
      log: (level, data) => console[level](`[${spec.uid}]`, data),
      reportError: fail,
    };
    endpoint.expose(services as unknown as Record<string, (...args: unknown[]) => unknown>);
    worker.addEventListener('error', (event) => fail(event.message || 'the extension could not be loaded'));
    const dismiss = (id: number) => setToasts((list) => list.filter((t) => t.id !== id));
    const actions = {
      addAlert: (alert: { type?: string; title?: string; message: string }) => {
        const toast = { id: ++toastIds, type: alert.type ?? 'info', title: alert.title, message: alert.message };
        setToasts((list) => [...list, toast]);
        if (toast.type !== 'danger') setTimeout(() => dismiss(toast.id), 8_000);
      },
      reloadPage: () => window.location.reload(),
      copyTextToClipboard: (text: string) => navigator.clipboard.writeText(text),
      closeOverlay: () => undefined,
      openIframeModal: () => Promise.reject(new Error('openIframeModal is not supported by the HubSpot emulator')),
      ...(spec.location.startsWith('crm.')
        ? {
            refreshObjectProperties: () => undefined,
            onCrmPropertiesUpdate: () => undefined,
            fetchCrmObjectProperties: () => Promise.reject(new Error('fetchCrmObjectProperties is not supported by the HubSpot emulator')),
          }
        : {}),
    };
    endpoint.call.render(receiver.receive, { context: spec.context, actions }).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
    return () => {
      endpoint.terminate();
      worker.terminate();
    };
  }, [spec, endpoints, receiver]);

  return (
    <div className="hs-extension" data-extension={spec.uid}>
      {toasts.length > 0 ? (
        <div className="hs-toasts">
          {toasts.map((t) => (
            <div key={t.id} className={`hs-alert hs-alert--${t.type} hs-toast`} role="status">
              <div className="hs-alert__body">
                {t.title ? <p className="hs-alert__title">{t.title}</p> : null}
                <p>{t.message}</p>
              </div>
              <button type="button" className="hs-toast__close" aria-label="Dismiss" onClick={() => setToasts((list) => list.filter((x) => x.id !== t.id))}>×</button>
            </div>
          ))}
        </div>
      ) : null}
      {failure ? (
        <div className="hs-extension__failure" role="alert">
          <p className="hs-extension__failure-title">This app extension could not be displayed.</p>
          <p>{failure}</p>
        </div>
      ) : null}
      <RemoteRenderer receiver={receiver} controller={controller} />
    </div>
  );
}
