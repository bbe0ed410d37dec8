/**
 * The UI tests' setup file (test/helpers/ui-unmount.tsx) unmounts every rendered screen when its test
 * ends: a screen polling with the app's own `usePolling` stops, and its effect cleanups have run before the
 * next test starts.
 */
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { usePolling } from '@quickbooks-sync/ui-shared/use-polling.ts';

const poller = { ticks: 0, cleanedUp: false };

function Poller() {
  usePolling(
    async () => {
      poller.ticks++;
    },
    5,
    true,
  );
  useEffect(
    () => () => {
      poller.cleanedUp = true;
    },
    [],
  );
  return <Text testId="poller">polling</Text>;
}

describe('rendered screens after their test', () => {
  it('a screen polls while its test runs', async () => {
    const r = createRenderer('crm.record.tab');
    r.render(<Poller />);
    expect(r.findByTestId(Text, 'poller').text).toBe('polling');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(poller.ticks).toBeGreaterThan(2);
    expect(poller.cleanedUp).toBe(false);
  });

  it('is unmounted once that test ended: cleanups ran and the polling stopped', async () => {
    expect(poller.cleanedUp).toBe(true);
    const ticks = poller.ticks;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(poller.ticks).toBe(ticks);
  });
});
