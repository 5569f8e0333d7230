import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@weir/engine/api';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type JobDetail = RouterOutputs['jobs']['get'];
export type JobSummary = RouterOutputs['jobs']['list'][number];
export type Vertex = JobDetail['vertices'][number];
export type JobEdge = JobDetail['edges'][number];
export type Snapshot = RouterOutputs['checkpoints']['list'][number];
export type WindowResult = RouterOutputs['jobs']['recentResults'][number];
export type ClusterOverview = RouterOutputs['cluster']['overview'];
