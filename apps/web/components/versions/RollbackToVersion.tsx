'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import type { JobVersion } from '@/lib/trpc/types';
import { ConfirmedAction } from '../ConfirmedAction';
import { OperationProgress } from '../job/OperationProgress';
import { DEFAULT_CHOICES, UpgradeChoicesFields } from '../upgrade/UpgradeChoicesFields';

/**
 * Runs an earlier version's spec again: an upgrade to it, recorded as a new version, after a
 * confirmation that says so; its phases then show in the dialog until it ends.
 */
export function RollbackToVersion({ jobId, version }: { jobId: string; version: JobVersion }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState(DEFAULT_CHOICES);
  const mutation = useMutation(
    trpc.jobs.rollback.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.jobs.operations.pathFilter()),
    }),
  );
  const { comment, ...how } = choices;
  return (
    <ConfirmedAction
      requires="operator"
      showReason={false}
      label="Roll back to this version…"
      title={`Roll back job ${jobId} to version ${version.version}?`}
      confirmLabel="Roll back"
      busyLabel="Starting…"
      done={mutation.isSuccess}
      mutation={mutation}
      onConfirm={() =>
        mutation.mutate({
          jobId,
          version: version.version,
          ...how,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        })
      }
      failure="The rollback was not started."
    >
      <p>
        The job stops with its state and version {version.version}&apos;s spec starts from it,
        recorded as a new version. It is not rolled back again automatically.
      </p>
      <UpgradeChoicesFields
        choices={choices}
        onChange={setChoices}
        disabled={mutation.isPending || mutation.isSuccess}
      />
      {mutation.data ? <OperationProgress operationId={mutation.data.id} /> : null}
    </ConfirmedAction>
  );
}
