import type { JobSpec } from '@weir/contract';
import type { JobGraphPlan } from '../core/job-graph.js';
import type { OperatorState } from '../core/operator.js';
import { restoresFinished, stateForSubtask } from '../state/state-assignment.js';
import type { LoadedSnapshot } from './storage/read-snapshot.js';

/**
 * What each subtask of a deployment gets from `restore` (or nothing without one): its operators'
 * state for its key groups, and whether it stays finished. Refuses a snapshot holding state of
 * operators the job no longer has (the restore check lets such state be dropped first).
 */
export function restoreAssignment(
  spec: JobSpec,
  plan: JobGraphPlan,
  restore: LoadedSnapshot | null,
) {
  if (restore) {
    const known = new Set(spec.operators.map((op) => op.uid));
    const orphaned = [...restore.states.keys()].filter((uid) => !known.has(uid));
    if (orphaned.length > 0)
      throw new Error(
        `snapshot ${restore.dir} has state for operators not in the job: ${orphaned.join(', ')}`,
      );
  }
  const operatorsOf = (vertexId: string) =>
    plan.vertices.find((v) => v.id === vertexId)?.operators ?? [];
  return {
    stateFor(vertexId: string, index: number, parallelism: number): Record<string, OperatorState> {
      const states: Record<string, OperatorState> = {};
      for (const op of restore ? operatorsOf(vertexId) : []) {
        const stored = restore?.states.get(op.uid);
        if (stored)
          states[op.uid] = stateForSubtask(stored, index, parallelism, spec.maxParallelism);
      }
      return states;
    },
    /**
     * The subtask finished before the snapshot was taken, and so did everything upstream of
     * it: it stays finished rather than run its end again.
     */
    finished(vertexId: string, index: number, parallelism: number): boolean {
      return operatorsOf(vertexId).every((op) => {
        const stored = restore?.states.get(op.uid);
        return stored !== undefined && restoresFinished(stored, index, parallelism);
      });
    },
  };
}
