/** Calls `tick` every `intervalMs` while `active` (first call at once); never two calls in flight. */
import { useEffect, useRef } from 'react';

export function usePolling(tick: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(tick);
  // The newest tick after each render (refs are written in effects, never while rendering).
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      latest.current().then(
        () => !stopped && (timer = setTimeout(run, intervalMs)),
        () => !stopped && (timer = setTimeout(run, intervalMs)),
      );
    };
    run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [intervalMs, active]);
}
