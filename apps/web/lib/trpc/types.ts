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
export type Me = NonNullable<RouterOutputs['auth']['me']>;
export type Role = Me['role'];
export type User = RouterOutputs['users']['list'][number];
export type ApiToken = RouterOutputs['tokens']['list'][number];
export type AuditRow = RouterOutputs['audit']['list']['rows'][number];
export type AuditFilters = Omit<RouterInputs['audit']['list'], 'cursor' | 'limit'>;
export type AlertRule = RouterOutputs['alerts']['rules'][number];
export type Alert = RouterOutputs['alerts']['history']['rows'][number];
export type PendingAlert = RouterOutputs['alerts']['current']['pending'][number];
export type Severity = AlertRule['severity'];
export type RuleKind = AlertRule['kind'];
export type JobOperation = RouterOutputs['jobs']['operation'];
export type RestoreCheck = RouterOutputs['jobs']['restoreCheck'];
export type VertexLoadHistory = RouterOutputs['jobs']['loadHistory'];
export type LoadSample = VertexLoadHistory['subtasks'][number]['samples'][number];
export type CheckpointingSpec = JobDetail['spec']['checkpointing'];
