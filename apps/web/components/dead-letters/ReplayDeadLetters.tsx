'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeadLetterEntry } from '@weir/contract';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import { useClusterId } from '@/lib/use-cluster-id';
import { ErrorNotice } from '../ErrorNotice';
import { ConfirmDialog } from '../job/ConfirmDialog';
import { RoleGatedButton } from '../RoleGatedButton';

/**
 * Sends the selected dead letters back into the job's Kafka input, each as kept or as edited
 * here (the record fixed by hand). Nothing is removed, so no confirmation beyond the dialog.
 */
export function ReplayDeadLetters({
  jobId,
  selected,
  onDone,
}: {
  jobId: string;
  selected: DeadLetterEntry[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const mutation = useMutation(
    trpc.jobs.replayDeadLetters.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setEdits({});
        onDone();
      },
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.deadLetters.pathFilter()),
    }),
  );
  const replay = () =>
    mutation.mutate({
      cluster,
      jobId,
      ids: selected.map((letter) => letter.id),
      replacements: edits,
    });
  return (
    <>
      <RoleGatedButton
        requires="operator"
        disabled={selected.length === 0}
        onClick={() => setOpen(true)}
      >
        Replay {selected.length} selected…
      </RoleGatedButton>
      {mutation.data ? (
        <p className="notice" role="status">
          Replayed {mutation.data.replayed} into topic {mutation.data.topic} (source{' '}
          {mutation.data.source}).
        </p>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Replay ${selected.length} dead letters`}
        confirmLabel="Replay"
        busyLabel="Replaying…"
        busy={mutation.isPending}
        onConfirm={replay}
        onClose={() => setOpen(false)}
      >
        <p className="muted">
          Each record goes into the job's Kafka input as shown; fix a record by editing it.
        </p>
        <ol className="replay-list">
          {selected.map((letter) => (
            <li key={letter.id}>
              <label>
                <span className="muted">
                  #{letter.id} · {letter.reason}
                  {letter.truncated ? ' · kept truncated: give its whole text' : ''}
                </span>
                <textarea
                  className="mono"
                  rows={2}
                  value={edits[letter.id] ?? letter.record}
                  onChange={(e) => setEdits({ ...edits, [letter.id]: e.target.value })}
                />
              </label>
            </li>
          ))}
        </ol>
        <ErrorNotice error={mutation.error} />
      </ConfirmDialog>
    </>
  );
}
