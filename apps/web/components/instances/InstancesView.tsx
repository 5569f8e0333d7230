'use client';

import { useMutation } from '@tanstack/react-query';
import { EMBEDDED_CLUSTER } from '@weir/contract';
import { useState } from 'react';
import { useClusterOverview } from '@/lib/queries/cluster';
import { useTRPC } from '@/lib/trpc/context';
import { QueryState } from '../QueryState';
import { InstanceResourcesPanel } from './InstanceResourcesPanel';
import { ProfilePanel } from './ProfilePanel';
import type { ProfileRequest } from './ThreadsTable';
import './instances.css';

/**
 * Every engine instance, the leader first, with its threads' resources; a CPU profile of any
 * thread on demand (one at a time from this page), shown as a flame graph on top.
 */
export function InstancesView() {
  const trpc = useTRPC();
  const cluster = useClusterOverview(EMBEDDED_CLUSTER);
  const profile = useMutation(trpc.instances.profile.mutationOptions());
  // The thread's name for the page while its profile is taken; the engine needs only its id.
  const [asked, setAsked] = useState<(ProfileRequest & { thread: string }) | null>(null);
  return (
    <>
      <h1>Instances</h1>
      <ProfilePanel
        pending={profile.isPending ? asked : null}
        result={profile.data}
        error={profile.error}
      />
      <QueryState query={cluster} what="the instances" isEmpty={(c) => c.instances.length === 0}>
        {(c) =>
          [...c.instances]
            .sort((a, b) => Number(b.role === 'leader') - Number(a.role === 'leader'))
            .map((instance) => (
              <InstanceResourcesPanel
                key={instance.instanceId}
                instance={instance}
                profiling={profile.isPending}
                onProfile={({ thread, ...request }) => {
                  setAsked({ thread, ...request });
                  profile.mutate(request);
                }}
              />
            ))
        }
      </QueryState>
    </>
  );
}
