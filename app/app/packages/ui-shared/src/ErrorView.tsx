import { Button, ErrorState, Text } from '@hubspot/ui-extensions';
import { errorMessage } from './api-error.ts';

/** A failed load: the backend's own message (it says what to do) and a retry. `testId` unique per page. */
export function ErrorView({ title, error, onRetry, testId = 'error' }: { title: string; error: unknown; onRetry?: () => void; testId?: string }) {
  return (
    <ErrorState title={title} testId={testId}>
      <Text>{errorMessage(error)}</Text>
      {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
    </ErrorState>
  );
}
