import {
  CpuProfileResultSchema,
  InstanceResourcesInputSchema,
  InstanceResourcesSchema,
  ProfileInputSchema,
} from '@weir/contract';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const instancesRouter = router({
  /** CPU, memory, event loop and GC of this instance's threads (or the one named), last hour. */
  resources: viewerProcedure
    .input(InstanceResourcesInputSchema)
    .output(InstanceResourcesSchema)
    .query(({ ctx, input }) => ctx.instances.resources(input, ctx.request)),
  /**
   * A CPU profile of one thread for `seconds`, as a flame tree and as V8's `.cpuprofile`.
   * The thread slows a little while sampled, hence the operator role (and the audit row).
   */
  profile: operatorProcedure
    .input(ProfileInputSchema)
    .output(CpuProfileResultSchema)
    // Made on another instance, the call is audited there (once), not here as well.
    .mutation(({ ctx, input }) =>
      ctx.instances.profile(input, ctx.request, () => ctx.audit.recordedElsewhere()),
    ),
});
