'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGatedButton } from '../RoleGatedButton';

/** "I am on it": stops the incident's firing notifications not sent yet (operators). */
export function AcknowledgeButton({ id, rule }: { id: number; rule: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ack = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.alerts.current.pathFilter()),
    }),
  );
  return (
    <>
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        aria-label={`Acknowledge ${rule}`}
        disabled={ack.isPending}
        onClick={() => ack.mutate({ id })}
      >
        Acknowledge
      </RoleGatedButton>
      <ErrorNotice error={ack.error} />
    </>
  );
}
