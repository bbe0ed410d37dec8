import { LoadingSpinner } from '@hubspot/ui-extensions';

export function LoadingView({ label }: { label: string }) {
  return <LoadingSpinner label={label} showLabel={true} layout="centered" testId="loading" />;
}
