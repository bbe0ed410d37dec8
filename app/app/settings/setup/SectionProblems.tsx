import { Alert, List, Text } from '@hubspot/ui-extensions';
import type { Problem } from './setup-draft.ts';

/** R4: a section's errors, at its bottom, each saying where and what to fix. */
export function SectionProblems({ problems, testId }: { problems: Problem[]; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert title="Fix these before saving" variant="danger" testId={testId}>
      <List>
        {problems.map((p, i) => (
          <Text key={i}>{`${p.where}: ${p.message}`}</Text>
        ))}
      </List>
    </Alert>
  );
}
