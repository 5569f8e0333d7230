import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ThreadResources } from '@weir/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendHarness } from '../../testing/backend-harness.js';
import { boundedClickJob } from '../../testing/bounded-click-job.js';
import { waitFor } from '../../testing/wait-for.js';
import { ResourceSampler } from './resource-sampler.js';

const current = BackendHarness.perTest();
const samplers: ResourceSampler[] = [];
afterEach(async () => {
  await Promise.all(samplers.splice(0).map((s) => s.stop()));
});
const sampler = (options: ConstructorParameters<typeof ResourceSampler>[0] = {}) => {
  const made = new ResourceSampler(options);
  samplers.push(made);
  return made;
};

/** Two slots that generate, parse and count as fast as they can: busy worker threads. */
async function busyJob() {
  const spec = boundedClickJob({
    count: 1_000_000_000,
    ratePerSecond: 1_000_000_000,
    throttle: false,
    parallelism: 2,
    resultsFile: path.join(current().dir, 'results.jsonl'),
    checkpointIntervalMs: 3_600_000,
  });
  await current().backend.submit(spec);
  const job = await waitFor('the job to run', async () => {
    const detail = await current().backend.getJob(spec.id);
    return detail.status === 'RUNNING' ? detail : null;
  });
  return job;
}

const HOUR = 3_600_000;

/** Samples until every worker of `jobId` has `count` samples; returns its rows. */
async function workerRows(s: ResourceSampler, jobId: string, count: number) {
  return waitFor(`${count} samples of each worker of ${jobId}`, async () => {
    await s.sample();
    const rows = s.resources(HOUR, 720).threads.filter((t) => t.jobId === jobId);
    return rows.length === 2 && rows.every((r) => r.samples.length >= count) ? rows : null;
  });
}

describe('ResourceSampler', () => {
  it("samples a running job's worker threads: CPU, heap and the subtasks each runs", async () => {
    const job = await busyJob();
    const s = sampler();
    const rows = await workerRows(s, job.id, 3);

    for (const [slot, row] of rows.entries()) {
      expect(row).toMatchObject({ kind: 'worker', slot, name: `${job.id} slot ${slot}` });
      expect(row.threadId).not.toBe(threadId);
      // Subtask i of every vertex runs in slot i.
      const expected = job.vertices
        .filter((v) => v.parallelism > slot)
        .map((v) => ({ vertexId: v.id, subtaskIndex: slot }));
      expect(sortSubtasks(row.subtasks)).toEqual(sortSubtasks(expected));
      const latest = row.samples.at(-1);
      expect(latest?.heapUsedBytes).toBeGreaterThan(0);
      expect(latest?.heapTotalBytes).toBeGreaterThanOrEqual(latest?.heapUsedBytes ?? 0);
      expect(latest?.eventLoopUtilization).toBeGreaterThan(0);
    }
    // The source slots generate flat out: their threads use real CPU time of their own,
    // while this (main) thread mostly waits; a process-wide clock would give all the same.
    const busiest = Math.max(...rows.map((r) => r.samples.at(-1)?.cpu ?? 0));
    expect(busiest).toBeGreaterThan(0.1);

    const { threads, process } = s.resources(HOUR, 720);
    expect(threads[0]).toMatchObject({ threadId, kind: 'main', name: 'main', subtasks: [] });
    expect(threads[0]?.samples.at(-1)?.cpu).toBeLessThan(busiest);
    expect(process.at(-1)?.rssBytes).toBeGreaterThan(0);
    expect(process.at(-1)?.workerThreads).toBeGreaterThanOrEqual(2);
    expect(process.at(-1)?.cpu).toBeGreaterThan(0);

    // The same readings as Prometheus sees them, labelled by job and slot.
    const metrics = s.threadMetrics().filter((m) => m.job === job.id);
    expect(metrics.map((m) => m.thread).sort()).toEqual(['0', '1']);
    expect(metrics.every((m) => (m.cpuSecondsTotal ?? 0) > 0)).toBe(true);

    // A cancelled job's threads leave the list.
    await current().backend.cancel(job.id);
    await waitFor('the workers to be gone', async () => {
      await s.sample();
      return s.resources(HOUR, 720).threads.every((t) => t.jobId !== job.id);
    });
  });

  it('keeps only the window it was made for, and merges samples into the points asked', async () => {
    const s = sampler({ intervalMs: 1_000, windowMs: 3_000 });
    for (let i = 0; i < 5; i++) await s.sample();
    const kept = s.resources(HOUR, 720);
    expect(kept.threads[0]?.samples).toHaveLength(3);
    expect(kept.process).toHaveLength(3);
    const merged = s.resources(HOUR, 2).threads[0]?.samples ?? [];
    expect(merged).toHaveLength(2);
    expect(merged.at(-1)?.at).toBe(kept.threads[0]?.samples.at(-1)?.at);
  });

  it("profiles a busy worker into a flame tree of the engine's operators", async () => {
    const job = await busyJob();
    const s = sampler();
    const [worker] = await workerRows(s, job.id, 1);
    const target = worker as ThreadResources;

    const profiling = s.profile(target.threadId, 1);
    // One profile at a time per thread.
    await expect(s.profile(target.threadId, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    const result = await profiling;
    expect(result).toMatchObject({ threadId: target.threadId, thread: target.name, seconds: 1 });
    const raw = JSON.parse(result.cpuprofile) as { samples: number[] };
    const root = result.tree.nodes[0];
    expect(raw.samples.length).toBeGreaterThan(100);
    expect(root?.total).toBe(raw.samples.length);
    const urls = new Set(result.tree.nodes.map((n) => result.tree.frames[n.frame]?.url ?? ''));
    expect([...urls].some((url) => /\/dist\/operators\/[\w-]+\.js$/.test(url))).toBe(true);
    // Parents first, and no child weighs more than its parent.
    for (const node of result.tree.nodes.slice(1)) {
      const parent = result.tree.nodes[node.parent];
      expect(node.parent).toBeGreaterThanOrEqual(0);
      expect(parent?.total).toBeGreaterThanOrEqual(node.total);
    }

    await expect(s.profile(999_999, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('profiles the main thread too', async () => {
    const result = await sampler().profile(threadId, 1);
    expect(result.thread).toBe('main');
    const raw = JSON.parse(result.cpuprofile) as { samples: number[] };
    expect(result.tree.nodes[0]?.total).toBe(raw.samples.length);
  });
});

const sortSubtasks = (subtasks: Array<{ vertexId: string; subtaskIndex: number }>) =>
  [...subtasks].sort((a, b) => a.vertexId.localeCompare(b.vertexId));
