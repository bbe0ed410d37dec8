import { LoadingSpinner } from '@hubspot/ui-extensions';

/** `testId` must be unique on the page when several parts load at once. */
export function LoadingView({ label, testId = 'loading' }: { label: string; testId?: string }) {
  return <LoadingSpinner label={label} showLabel={true} layout="centered" testId={testId} />;
}
