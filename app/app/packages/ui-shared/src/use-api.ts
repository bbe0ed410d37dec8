/**
 * Loads one backend resource into a discriminated state (loading | ready | error), drops answers that
 * arrive after a newer request started, and lets the caller reload. New `deps` show "loading" at once
 * and load again; `reload` keeps showing the data it has until the new answer arrives.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type ApiState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

export interface ApiResource<T> {
  state: ApiState<T>;
  reload: () => void;
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiResource<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  // The deps the state belongs to: new ones reset it while rendering (no flash of the old data).
  const [stateDeps, setStateDeps] = useState(deps);
  if (!sameDeps(stateDeps, deps)) {
    setStateDeps(deps);
    setState({ status: 'loading' });
  }
  const latestRequest = useRef(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  const request = useCallback(() => {
    const id = ++latestRequest.current;
    latestLoad.current().then(
      (data) => id === latestRequest.current && setState({ status: 'ready', data }),
      (error: unknown) => id === latestRequest.current && setState({ status: 'error', error }),
    );
  }, []);

  const reload = useCallback(() => {
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    request();
  }, [request]);

  // The caller's deps decide when to load again (like useEffect's own list).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(request, deps);

  return { state, reload };
}
