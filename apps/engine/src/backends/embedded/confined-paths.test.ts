import path from 'node:path';
import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';

const current = BackendHarness.perTest();

/** Issue 15, finding 3: files a job writes, and snapshots a restore reads, stay in their folders. */
describe('paths a user names', () => {
  const withResults = (resultsFile: string) =>
    boundedClickJob({
      count: 1000,
      ratePerSecond: 1000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 60_000,
    });

  it.each([['/etc/cron.d/weir'], ['../../escaped.jsonl']])(
    'refuses a file sink writing to %s, naming the field',
    async (file) => {
      await expect(current().backend.submit(withResults(file))).rejects.toThrow(
        /operators\[3\]\.config\.path: .* lies outside /,
      );
    },
  );

  it('runs a file sink given a path relative to its root, stored resolved', async () => {
    const spec = JobSpecSchema.parse(withResults('out/results.jsonl'));
    await current().backend.submit(spec);
    const detail = await current().backend.getJob(spec.id);
    const sink = detail.spec?.operators.find((op) => op.kind === 'file-sink');
    expect(sink?.config).toEqual({ path: path.join(current().dir, 'out/results.jsonl') });
  });

  it.each([['/etc'], ['/proc/self'], ['../../etc']])(
    'refuses to look for a snapshot in %s',
    async (snapshotPath) => {
      const spec = withResults(path.join(current().dir, 'r.jsonl'));
      await current().backend.submit(spec);
      await expect(
        current().backend.restoreCheck({
          jobId: spec.id,
          snapshotPath,
          allowNonRestoredState: false,
        }),
      ).rejects.toThrow(/^snapshotPath: .* lies outside /);
    },
  );
});

/** Issue 15, finding 6: a spec cannot ask for more than the engine runs. */
describe('what one job may take', () => {
  const spec = (overrides: Record<string, unknown>) =>
    JobSpecSchema.parse({
      ...boundedClickJob({
        count: 1000,
        ratePerSecond: 1000,
        throttle: true,
        resultsFile: 'r.jsonl',
        checkpointIntervalMs: 60_000,
      }),
      ...overrides,
    });

  it('refuses more worker threads than the engine allows, naming the field', async () => {
    await expect(
      current().backend.submit(spec({ parallelism: 500, maxParallelism: 512 })),
    ).rejects.toThrow(
      /^parallelism: 500 subtasks need as many worker threads; this engine runs at most 32 per job/,
    );
  });

  it('refuses more key groups than the engine allows', async () => {
    await expect(current().backend.submit(spec({ maxParallelism: 30_000 }))).rejects.toThrow(
      /^maxParallelism: 30000 is more than this engine's limit of 4096/,
    );
  });

  it('refuses a rescale past the limit before stopping anything', async () => {
    const running = spec({ maxParallelism: 128 });
    await current().backend.submit(running);
    await expect(
      current().backend.rescale({ jobId: running.id, vertexParallelism: { parse: 100 } }),
    ).rejects.toThrow(/^operators\[1\]\.parallelism: 100 subtasks/);
    expect((await current().backend.getJob(running.id)).status).toBe('RUNNING');
  });

  it('refuses unknown operators in a rescale, "constructor" included', async () => {
    const running = spec({});
    await current().backend.submit(running);
    await expect(
      current().backend.rescale({ jobId: running.id, vertexParallelism: { constructor: 2 } }),
    ).rejects.toThrow(/no operator "constructor"/);
  });
});
