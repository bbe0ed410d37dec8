import { Button, ErrorState, Text } from '@hubspot/ui-extensions';
import { errorMessage } from './api-error.ts';

/** A failed load: the backend's own message (it says what to do) and a retry. */
export function ErrorView({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <ErrorState title={title} testId="error">
      <Text>{errorMessage(error)}</Text>
      {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
    </ErrorState>
  );
}
