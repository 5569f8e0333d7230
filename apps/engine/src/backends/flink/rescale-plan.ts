import type { RescaleRequest } from '@weir/contract';
import { invalidArgument } from '../../errors/weir-error.js';
import type { FlinkJobDetails, FlinkResourceRequirements } from './flink-schemas.js';

/**
 * The parallelism each vertex should run at after `request`: `vertexParallelism` by Flink
 * vertex id (the ids the job page shows), else `parallelism`, else unchanged. Refused up
 * front, before anything changes: unknown vertex ids, a parallelism above a vertex's maximum
 * (its key groups), and a request that changes nothing.
 */
export function rescaleTargets(
  details: FlinkJobDetails,
  request: RescaleRequest,
): Map<string, number> {
  const perVertex = request.vertexParallelism ?? {};
  const ids = new Set(details.vertices.map((vertex) => vertex.id));
  const unknown = Object.keys(perVertex).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw invalidArgument(
      `vertexParallelism: job ${details.jid} has no vertex ${unknown.join(', ')} (its vertices: ${[...ids].join(', ')})`,
    );
  }
  const targets = new Map<string, number>();
  for (const vertex of details.vertices) {
    const target = perVertex[vertex.id] ?? request.parallelism ?? vertex.parallelism;
    const max = vertex.maxParallelism ?? 0;
    if (max > 0 && target > max) {
      throw invalidArgument(
        `parallelism: vertex "${vertex.name}" can run at most ${max} subtasks (its max parallelism), not ${target}`,
      );
    }
    targets.set(vertex.id, target);
  }
  if (details.vertices.every((vertex) => targets.get(vertex.id) === vertex.parallelism)) {
    throw invalidArgument('parallelism: the job already runs at that parallelism');
  }
  return targets;
}

/**
 * The resource requirements that make the adaptive scheduler run each vertex at its target:
 * the upper bound is the target; a lower bound already set is kept where it still fits, so
 * the job keeps running on fewer slots while they are short.
 */
export function resourceRequirements(
  current: FlinkResourceRequirements,
  targets: Map<string, number>,
): FlinkResourceRequirements {
  return Object.fromEntries(
    [...targets].map(([vertexId, target]) => [
      vertexId,
      {
        parallelism: {
          lowerBound: Math.min(current[vertexId]?.parallelism.lowerBound ?? 1, target),
          upperBound: target,
        },
      },
    ]),
  );
}

/**
 * The one parallelism a resubmitted job runs at: a jar runs at one parallelism (per-operator
 * ones are the program's own), so different targets per vertex are refused.
 */
export function wholeJobParallelism(targets: Map<string, number>, scheduler: string): number {
  const distinct = new Set(targets.values());
  const [only] = distinct;
  if (only === undefined || distinct.size > 1) {
    throw invalidArgument(
      `vertexParallelism: this job runs under Flink's ${scheduler} scheduler, which rescales a job by running it again at one parallelism; give one parallelism (per-vertex parallelism needs jobmanager.scheduler: adaptive)`,
    );
  }
  return only;
}

/** Whether every vertex runs, at its target parallelism. */
export function runsAt(details: FlinkJobDetails, targets: Map<string, number>): boolean {
  return (
    details.state === 'RUNNING' &&
    details.vertices.every(
      (vertex) => vertex.status === 'RUNNING' && vertex.parallelism === targets.get(vertex.id),
    )
  );
}

/**
 * The scheduler a job runs under. Flink 2.x names it in the job's details; 1.20 does not, and
 * its streaming jobs run under the cluster's `jobmanager.scheduler` (reactive mode implies the
 * adaptive one). Batch jobs have their own scheduler, which Weir does not rescale.
 */
export function schedulerOf(details: FlinkJobDetails, settings: Map<string, string>): string {
  if (details.schedulerType) return details.schedulerType;
  if (details['job-type'] !== undefined && details['job-type'] !== 'STREAMING') return 'Default';
  const adaptive =
    settings.get('jobmanager.scheduler')?.toLowerCase() === 'adaptive' ||
    settings.get('scheduler-mode')?.toLowerCase() === 'reactive';
  return adaptive ? 'Adaptive' : 'Default';
}
