import type { JobSpec, RestoreCheck } from '@weir/contract';
import { planJobGraph } from '../core/job-graph.js';
import type { Manifest } from './storage/manifest.js';

/**
 * What restoring `manifest` into `spec` would do, decided before anything changes: which
 * operators get their state back, which state has no operator any more (refused unless the
 * caller allows non-restored state), which operators start empty, and whether key groups
 * still line up (maxParallelism must not change: it fixes every key's key group).
 */
export function checkRestore(
  manifest: Manifest,
  spec: JobSpec,
  options: { allowNonRestoredState: boolean },
): RestoreCheck {
  const plan = planJobGraph(spec);
  const parallelismOf = new Map(
    plan.vertices.flatMap((v) => v.operators.map((op) => [op.uid, v.parallelism] as const)),
  );
  const inSnapshot = new Map(manifest.operators.map((op) => [op.uid, op]));
  const problems: string[] = [];
  const restored = spec.operators
    .filter((op) => inSnapshot.has(op.uid))
    .map((op) => ({
      uid: op.uid,
      kind: op.kind,
      fromParallelism: inSnapshot.get(op.uid)?.parallelism ?? 0,
      toParallelism: parallelismOf.get(op.uid) ?? spec.parallelism,
    }));
  const dropped = manifest.operators
    .filter((op) => !parallelismOf.has(op.uid))
    .map((op) => ({ uid: op.uid, kind: op.kind }));
  const startEmpty = spec.operators
    .filter((op) => !inSnapshot.has(op.uid))
    .map((op) => ({ uid: op.uid, kind: op.kind }));
  for (const op of restored) {
    const snapshotKind = inSnapshot.get(op.uid)?.kind;
    if (snapshotKind !== op.kind)
      problems.push(
        `operator "${op.uid}" was a ${snapshotKind} in the snapshot and is a ${op.kind} now; its state cannot carry over`,
      );
  }
  if (dropped.length > 0 && !options.allowNonRestoredState) {
    problems.push(
      `the snapshot holds state for ${dropped.map((d) => `"${d.uid}"`).join(', ')}, which the job no longer has; allow non-restored state to drop it`,
    );
  }
  if (manifest.maxParallelism !== spec.maxParallelism) {
    problems.push(
      `maxParallelism is ${spec.maxParallelism} but the snapshot was taken with ${manifest.maxParallelism}; keyed state cannot be redistributed across a change of maxParallelism`,
    );
  }
  const tooWide = [...parallelismOf].filter(([, p]) => p > spec.maxParallelism).map(([uid]) => uid);
  if (tooWide.length > 0)
    problems.push(
      `parallelism of ${tooWide.join(', ')} exceeds maxParallelism ${spec.maxParallelism}`,
    );
  return {
    ok: problems.length === 0,
    problems,
    restored,
    dropped,
    startEmpty,
    maxParallelism: { snapshot: manifest.maxParallelism, job: spec.maxParallelism },
  };
}
