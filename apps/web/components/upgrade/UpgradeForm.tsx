'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobSpec } from '@weir/contract';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { jobPath } from '@/lib/paths';
import { DEFAULT_ROLLBACK_SECONDS } from '@/lib/rollback-after';
import { useTRPC } from '@/lib/trpc/context';
import { type UpgradeForm as Form, upgradeRequest } from '@/lib/upgrade-request';
import { useClusterId } from '@/lib/use-cluster-id';
import { ErrorNotice } from '../ErrorNotice';
import { SpecActions } from '../new-job/SpecActions';
import { SpecField } from '../new-job/SpecField';
import { Spinner } from '../Spinner';
import { RollbackAfterField } from './RollbackAfterField';
import { UpgradeCheckSummary } from './UpgradeCheckSummary';
import { DEFAULT_CHOICES, UpgradeChoicesFields } from './UpgradeChoicesFields';

/**
 * The job's spec to edit, how to take its state across, a dry run that says what would
 * happen, and the upgrade itself. The upgrade goes ahead only once the dry run of exactly what
 * is on screen passed; any edit puts the dry run away. Once started, the job's versions open,
 * where its phases show (as they do on every tab of the job, after a reload too).
 */
export function UpgradeForm({ jobId, spec }: { jobId: string; spec: JobSpec }) {
  const trpc = useTRPC();
  const router = useRouter();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => ({
    ...DEFAULT_CHOICES,
    text: JSON.stringify(spec, null, 2),
    rollbackSeconds: DEFAULT_ROLLBACK_SECONDS,
  }));
  const dryRun = useMutation(trpc.jobs.upgradeCheck.mutationOptions());
  const upgrade = useMutation(
    trpc.jobs.upgrade.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.jobs.operations.pathFilter());
        router.push(jobPath(cluster, jobId, 'versions'));
      },
    }),
  );
  const parsed = upgradeRequest(jobId, form);
  // A dry run or a refusal is about the request as it was sent: a change puts it away.
  const edit = (change: Partial<Form>) => {
    setForm({ ...form, ...change });
    dryRun.reset();
    upgrade.reset();
  };
  const busy = dryRun.isPending || upgrade.isPending || upgrade.isSuccess;
  const checked = dryRun.data?.ok === true;

  return (
    <div className="stacked-form">
      <SpecField
        value={form.text}
        onChange={(text) => edit({ text })}
        lead="This upgrade cannot be asked for yet:"
        problems={parsed.ok ? [] : parsed.problems}
      />
      <UpgradeChoicesFields choices={form} onChange={edit} disabled={busy}>
        <RollbackAfterField
          value={form.rollbackSeconds}
          what="version"
          onChange={(rollbackSeconds) => edit({ rollbackSeconds })}
        />
      </UpgradeChoicesFields>
      <SpecActions
        checkLabel="Dry run"
        onCheck={() => parsed.ok && dryRun.mutate(parsed.request)}
        actLabel="Upgrade"
        onAct={() => parsed.ok && upgrade.mutate(parsed.request)}
        disabled={!parsed.ok || busy}
        actDisabled={!checked}
      />
      {checked || busy ? null : (
        <p className="muted small">The upgrade can be confirmed once its dry run passes.</p>
      )}
      {busy ? (
        <p className="notice" role="status">
          <Spinner /> {dryRun.isPending ? 'Checking the upgrade…' : 'Starting the upgrade…'}
        </p>
      ) : null}
      <ErrorNotice error={upgrade.error ?? dryRun.error} />
      {dryRun.data ? (
        <UpgradeCheckSummary check={dryRun.data} stateless={form.mode === 'stateless'} />
      ) : null}
    </div>
  );
}
