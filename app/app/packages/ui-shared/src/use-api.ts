/**
 * Loads one backend resource into a discriminated state (loading | ready | error), drops answers that
 * arrive after a newer request started, and lets the caller reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type ApiState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

export interface ApiResource<T> {
  state: ApiState<T>;
  reload: () => void;
}

export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiResource<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const run = useCallback(load, deps);

  const reload = useCallback(() => {
    const id = ++latest.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    run().then(
      (data) => id === latest.current && setState({ status: 'ready', data }),
      (error: unknown) => id === latest.current && setState({ status: 'error', error }),
    );
  }, [run]);

  useEffect(() => {
    setState({ status: 'loading' });
    reload();
  }, [reload]);

  return { state, reload };
}
