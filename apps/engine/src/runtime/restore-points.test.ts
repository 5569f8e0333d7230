import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type JobSpec, JobSpecSchema, type WindowResult } from '@weir/shared';
import { describe, expect, it } from 'vitest';
import type { LoadedSnapshot } from '../checkpoint/storage.js';
import { listCheckpointDirs, readSnapshot } from '../checkpoint/storage.js';
import { clickEventAt, clickLineAt } from '../connectors/datagen/click-generator.js';
import { windowStartOf } from '../operators/windows/aligned-window-operator.js';
import { slotsOfGroup } from '../operators/windows/packed-windows.js';
import { boundedClickJob, datagenOf } from '../testing/bounded-click-job.js';
import { foldResults, referenceWindowCounts, resultId } from '../testing/click-reference.js';
import { MasterHarness } from '../testing/master-harness.js';

const current = MasterHarness.perTest();
const WINDOW_MS = 10_000;
/** Restores per parallelism, spread over the run's checkpoints. */
const RESTORES = 6;

const readResults = async (file: string): Promise<WindowResult[]> =>
  (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/**
 * Windows a run restored from `snapshot` must emit itself: those in window state, and those
 * with a record the sources have not read yet (no record is late, so none of those fired).
 */
function windowsLeft(snapshot: LoadedSnapshot, spec: JobSpec): Set<string> {
  const config = datagenOf(spec);
  const left = new Set<string>();
  const splits = (snapshot.states.get('clicks')?.operator ?? []).flat() as Array<{ next: number }>;
  for (const { next } of splits) {
    for (let i = next; i < config.count; i += config.splits) {
      if (!clickLineAt(config, i).endsWith('}')) continue;
      const event = clickEventAt(config, i);
      left.add(resultId({ key: event.user, windowStart: windowStartOf(event.ts, WINDOW_MS) }));
    }
  }
  for (const [group, state] of snapshot.states.get('count-per-user')?.keyed ?? []) {
    for (const slot of slotsOfGroup(state, group))
      if (!slot.fired) left.add(resultId({ key: slot.key, windowStart: slot.start }));
  }
  return left;
}

/** The same job under its own id and results file, at `parallelism`, reading at full speed. */
function restoredSpec(
  spec: JobSpec,
  id: string,
  parallelism: number,
  resultsFile: string,
): JobSpec {
  return JobSpecSchema.parse({
    ...spec,
    id,
    parallelism,
    operators: spec.operators.map((op) => {
      if (op.uid === 'results') return { ...op, config: { path: resultsFile } };
      if (op.kind === 'datagen') return { ...op, config: { ...op.config, throttle: false } };
      return op;
    }),
  });
}

/**
 * One failure-free run keeps every checkpoint; then each of several, from early to late, is
 * restored (at the same parallelism, at 1 and one higher) and run to the end. Whatever the
 * restored run emits must agree with the failure-free counts, and it must emit every window
 * the checkpoint had not emitted yet. At 6 subtasks, two of the four splits' sources have
 * nothing to read and finish at once: checkpoints from then on hold them as finished.
 */
describe.each([2, 3, 6])('restoring at parallelism %i', (parallelism) => {
  it('from checkpoints taken all through a run gives the failure-free counts', async () => {
    const dir = current().dir;
    const base = boundedClickJob({
      count: 60_000,
      ratePerSecond: 20_000,
      throttle: true,
      resultsFile: path.join(dir, 'failure-free.jsonl'),
      checkpointIntervalMs: 100,
      parallelism,
    });
    const spec = JobSpecSchema.parse({
      ...base,
      checkpointing: { ...base.checkpointing, retained: 100 },
    });
    const first = current().master(spec);
    await first.start({ restore: null, firstCheckpointId: 1 });
    await first.whenTerminated();
    expect(first.status).toBe('FINISHED');
    const failureFree = await readResults(path.join(dir, 'failure-free.jsonl'));
    expect(foldResults(failureFree)).toEqual(referenceWindowCounts(datagenOf(spec), WINDOW_MS));

    const checkpoints = (
      await listCheckpointDirs(current().paths.checkpointsOf(spec.id))
    ).reverse();
    // How many fit in the run depends on the machine (each one fsyncs its files); at least one
    // always does, and at parallelism 6 none did while finished subtasks paused checkpoints.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    const step = Math.max(1, Math.floor(checkpoints.length / RESTORES));
    const chosen = checkpoints.filter((_, i) => i % step === 0).slice(0, RESTORES);
    if (parallelism > 4) {
      // The newest is the final checkpoint: it holds every subtask finished, so the restores
      // include one of finished subtasks. (An early checkpoint may have been triggered before
      // the sources without a split ran and finished.)
      const newest = await readSnapshot((chosen[0] as { dir: string }).dir);
      expect(newest.states.get('clicks')?.finishedSubtasks).toEqual(expect.arrayContaining([4, 5]));
    }
    const problems: string[] = [];
    for (const [n, { dir: checkpointDir, id }] of chosen.entries()) {
      const snapshot = await readSnapshot(checkpointDir);
      const restoreAt = [parallelism, 1, parallelism + 1][n % 3] as number;
      const resultsFile = path.join(dir, `from-${id}.jsonl`);
      const restored = current().master(
        restoredSpec(spec, `${spec.id}-from-${id}`, restoreAt, resultsFile),
      );
      await restored.start({ restore: snapshot, firstCheckpointId: id + 1 });
      await restored.whenTerminated();
      const emitted = await readResults(resultsFile);
      const what = `checkpoint ${id} restored at parallelism ${restoreAt}`;
      try {
        foldResults([...failureFree, ...emitted]);
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
      const got = new Set(emitted.map(resultId));
      const missing = [...windowsLeft(snapshot, spec)].filter((w) => !got.has(w));
      if (missing.length > 0)
        problems.push(`${what}: ${missing.length} windows never emitted, e.g. ${missing[0]}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
