'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGatedButton } from '../RoleGatedButton';

/** Sends a test notification through the channel now and says whether it arrived. */
export function TestChannelButton({ id, name }: { id: number; name: string }) {
  const trpc = useTRPC();
  const test = useMutation(trpc.alerts.testChannel.mutationOptions());
  const result = test.data;
  return (
    <>
      <RoleGatedButton
        requires="admin"
        showReason={false}
        className="button-quiet"
        disabled={test.isPending}
        aria-label={`Test ${name}`}
        onClick={() => test.mutate({ id })}
      >
        {test.isPending ? 'Sending…' : 'Test'}
      </RoleGatedButton>
      {result ? (
        <span
          role="status"
          data-testid={`channel-test-${name}`}
          className={result.delivered ? 'small' : 'small text-bad'}
        >
          {result.delivered
            ? ` Delivered in ${result.durationMs} ms`
            : ` Not delivered: ${result.error}`}
        </span>
      ) : null}
      <ErrorNotice error={test.error} />
    </>
  );
}
