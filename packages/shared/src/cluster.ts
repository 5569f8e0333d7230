import { z } from 'zod';

export const HaModeSchema = z.enum(['embedded', 'zookeeper']);

export const InstanceSchema = z.object({
  instanceId: z.string(),
  role: z.enum(['leader', 'standby']),
  apiAddress: z.string(),
  startedAt: z.string().datetime(),
});
export type Instance = z.infer<typeof InstanceSchema>;

export const ClusterOverviewSchema = z.object({
  clusterId: z.string(),
  haMode: HaModeSchema,
  leader: InstanceSchema.nullable(),
  instances: z.array(InstanceSchema),
  jobs: z.object({
    running: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
});
export type ClusterOverview = z.infer<typeof ClusterOverviewSchema>;
