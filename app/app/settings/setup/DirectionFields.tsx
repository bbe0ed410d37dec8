import { Flex, Select } from '@hubspot/ui-extensions';
import { DIRECTION_LABELS, WINNER_LABELS } from '@quickbooks-sync/ui-shared/format.ts';
import type { Settings } from './setup-draft.ts';

const directions = Object.entries(DIRECTION_LABELS).map(([value, label]) => ({ value, label }));
const winners = Object.entries(WINNER_LABELS).map(([value, label]) => ({ value, label }));

/** R5/R6: which way records flow, and who wins when both sides changed (two-way only). */
export function DirectionFields({ scope, settings, onChange }: { scope: string; settings: Settings; onChange: (next: Settings) => void }) {
  return (
    <Flex direction="row" gap="md">
      <Select
        label="Sync direction"
        name="direction"
        testId={`direction-${scope}`}
        value={settings.direction}
        options={directions}
        onChange={(value) => onChange({ ...settings, direction: value as Settings['direction'] })}
      />
      {settings.direction === 'two_way' ? (
        <Select
          label="When both sides changed"
          name="conflictWinner"
          testId={`conflict-winner-${scope}`}
          value={settings.conflictWinner}
          options={winners}
          onChange={(value) => onChange({ ...settings, conflictWinner: value as Settings['conflictWinner'] })}
        />
      ) : null}
    </Flex>
  );
}
