'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  type Operation,
  splitLink,
} from '@trpc/client';
import { EMBEDDED_CLUSTER } from '@weir/contract';
import type { AppRouter } from '@weir/engine/api';
import { type ReactNode, useState } from 'react';
import { TRPCProvider } from './context';
import { getQueryClient } from './query-client';

// Same-origin proxy (app/api/trpc): the browser never needs to know where the engine is.
const API_URL = '/api/trpc';

/**
 * Calls that may wait on a registered cluster's REST API: those about its jobs, and the
 * clusters' own (the list asks every cluster for its overview). A batch answers when its
 * slowest call does, so these go alone: an unreachable Flink cluster, whose calls each wait out
 * their timeout, must not hold back the embedded cluster's answers or the very banner that says
 * it is unreachable.
 */
function mayWaitOnRegisteredCluster(op: Operation): boolean {
  const cluster = (op.input as { cluster?: unknown } | undefined)?.cluster;
  return op.path.startsWith('clusters.') || (cluster ?? EMBEDDED_CLUSTER) !== EMBEDDED_CLUSTER;
}

/**
 * What goes alone: calls that may wait on a registered cluster, and a form (a jar upload),
 * which only a request of its own can carry (multipart) and the engine takes only unbatched.
 */
const unbatched = (op: Operation) =>
  isNonJsonSerializable(op.input) || mayWaitOnRegisteredCluster(op);

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: unbatched,
          true: httpLink({ url: API_URL }),
          false: httpBatchLink({ url: API_URL }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
