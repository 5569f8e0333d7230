import { describeError } from '@/lib/describe-error';

/** A failed action's error in words, or nothing when it did not fail. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="notice notice-bad" role="alert">
      {describeError(error)}
    </p>
  );
}
