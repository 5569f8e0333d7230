import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';
import type { EngineProcess } from '../../../testing/engine-process.js';
import { haEnvironment } from '../../../testing/ha-environment.js';
import { waitFor } from '../../../testing/wait-for.js';

/** Every per-thread series the engine exports, as `/metrics` names them. */
const THREAD_METRICS = [
  'weir_thread_cpu_seconds_total',
  'weir_thread_gc_pause_seconds_total',
  'weir_thread_heap_used_bytes',
  'weir_thread_heap_total_bytes',
  'weir_thread_event_loop_utilization_ratio',
  'weir_thread_event_loop_delay_seconds',
  'weir_runtime_worker_threads',
];

/**
 * Issue 21's resources in a ZooKeeper cluster: each instance samples its own threads, and any
 * instance answers for another through that one's API, so a standby's threads are read (and
 * profiled) through the leader. The leader's job threads are on its `/metrics` too.
 */
describe('instance resources in a ZooKeeper cluster', () => {
  const env = haEnvironment('weir-resources-');

  it("reads and profiles a standby's threads through the leader", async () => {
    const clicks = boundedClickJob({
      count: 1_000_000_000,
      ratePerSecond: 2_000,
      throttle: true,
      parallelism: 2,
      resultsFile: path.join(env.dir, 'results.jsonl'),
      checkpointIntervalMs: 1_000,
    });
    const cluster = await env.startCluster(clicks, 3000);
    const leader = await cluster.waitForLeader();
    const standbyId = [...cluster.engines.keys()].find((id) => id !== leader.id) as string;
    const standby = cluster.engines.get(standbyId) as EngineProcess;
    const api = leader.engine.api;

    // The leader's own: its main thread and the job's two slots, with their subtasks.
    const own = await waitFor('the job slots sampled on the leader', async () => {
      const r = await api.instances.resources.query({});
      const slots = r.threads.filter((t) => t.jobId === clicks.id && t.samples.length > 0);
      return slots.length === 2 ? r : null;
    });
    expect(own.instanceId).toBe(leader.id);
    const job = await api.jobs.get.query({ jobId: clicks.id });
    for (const slot of [0, 1]) {
      const row = own.threads.find((t) => t.jobId === clicks.id && t.slot === slot);
      expect(row?.subtasks.map((s) => s.vertexId).sort()).toEqual(
        job.vertices
          .filter((v) => v.parallelism > slot)
          .map((v) => v.id)
          .sort(),
      );
    }

    // The standby's through the leader: a main thread and no workers (it runs no job).
    const remote = await waitFor('a sample of the standby', async () => {
      const r = await api.instances.resources.query({ instanceId: standbyId, windowMinutes: 5 });
      return r.process.length > 0 ? r : null;
    });
    expect(remote.instanceId).toBe(standbyId);
    expect(remote.threads.map((t) => t.kind)).toEqual(['main']);
    expect(remote.threads[0]?.samples[0]?.heapUsedBytes).toBeGreaterThan(0);
    expect(remote.process[0]?.workerThreads).toBe(0);
    // And the other way round.
    const viaStandby = await standby.api.instances.resources.query({ instanceId: leader.id });
    expect(viaStandby.instanceId).toBe(leader.id);
    expect(viaStandby.threads.filter((t) => t.jobId === clicks.id)).toHaveLength(2);

    // A profile of the standby's main thread, taken there and passed back by the leader.
    const profile = await api.instances.profile.mutate({
      instanceId: standbyId,
      threadId: 0,
      seconds: 1,
    });
    expect(profile).toMatchObject({ instanceId: standbyId, thread: 'main', seconds: 1 });
    const samples = (JSON.parse(profile.cpuprofile) as { samples: number[] }).samples;
    expect(profile.tree.nodes[0]?.total).toBe(samples.length);
    // One call, one audit row: written by the standby that took the profile, not by both.
    const audit = await api.audit.list.query({ action: 'instances.profile', limit: 10 });
    expect(audit.rows.map((r) => [r.actor, r.result])).toEqual([['admin', 'ok']]);

    // The leader's /metrics has the job's threads, labelled by job and slot.
    const scrape = await waitFor('thread metrics of both slots', async () => {
      const text = await (await fetch(`http://127.0.0.1:${leader.engine.port}/metrics`)).text();
      return text.includes(`weir_thread_cpu_seconds_total{job="${clicks.id}",thread="1"}`)
        ? text
        : null;
    });
    for (const name of THREAD_METRICS) expect(scrape).toMatch(new RegExp(`^${name}\\b`, 'm'));
    expect(scrape).toMatch(/^weir_thread_heap_used_bytes\{job="",thread="main"\} \d+/m);
    expect(scrape).toMatch(/^weir_runtime_worker_threads 2$/m);
  }, 240_000);
});
