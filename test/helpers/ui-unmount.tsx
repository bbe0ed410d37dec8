/**
 * Vitest setup file: every screen a UI test rendered with `createRenderer` is unmounted when the test ends.
 * The testing library has no unmount, so a screen that polls (the first sync's progress, an export) would
 * keep calling `hubspot.fetch` into later tests of the file (their routed calls, their backend) and past
 * the harness's shutdown. `render` is wrapped to put the node under a gate; after each test the gate
 * closes, React unmounts the screen and its effects' cleanups stop the timers.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import type * as Testing from '@hubspot/ui-extensions/testing';

interface MountedScreen {
  close: (() => Promise<void>) | null;
}
const screens = new Set<MountedScreen>();
// A screen whose unmount was scheduled but never committed must not hold up the test run.
const UNMOUNT_WAIT_MS = 2_000;

function MountGate({ screen, children }: { screen: MountedScreen; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  const [closed, setClosed] = useState<(() => void) | null>(null);
  screen.close = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, UNMOUNT_WAIT_MS);
      setClosed(() => () => {
        clearTimeout(timer);
        resolve();
      });
      setOpen(false);
    });
  // Runs after the commit that removed the children, so their effect cleanups have run.
  useEffect(() => {
    if (!open) closed?.();
  }, [open, closed]);
  return open ? children : null;
}

vi.mock('@hubspot/ui-extensions/testing', async (importOriginal) => {
  const testing = await importOriginal<typeof Testing>();
  const createRenderer: typeof testing.createRenderer = (location) => {
    const renderer = testing.createRenderer(location);
    const render = renderer.render;
    renderer.render = (node) => {
      const screen: MountedScreen = { close: null };
      screens.add(screen);
      return render(<MountGate screen={screen}>{node}</MountGate>);
    };
    return renderer;
  };
  return { ...testing, createRenderer };
});

afterEach(async () => {
  const open = [...screens];
  screens.clear();
  await Promise.all(open.map((s) => (s.close ? s.close() : Promise.resolve())));
});
