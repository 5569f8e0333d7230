import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';
import { waitFor } from '../../../testing/wait-for.js';
import { planJobGraph } from '../../core/job-graph.js';
import type { WorkerReport } from '../../core/messages.js';
import { planDeployment } from './deployment.js';
import { Slot } from './slot.js';
import type { WireEvent } from './transport.js';

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

describe('Slot', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const done of cleanup.splice(0)) done();
  });

  // Workers get `start` at different moments; a peer that started first sends right away.
  // The recovery test at parallelism 2 lost records this way: a source subtask stepped before
  // `start` found no splits, finished, and the job ran on without its records.
  it('runs no subtask before start, even when a peer already sent it events', async () => {
    const spec = boundedClickJob({
      count: 20_000,
      ratePerSecond: 10_000,
      throttle: false,
      resultsFile: '/dev/null',
      checkpointIntervalMs: 60_000,
      parallelism: 2,
    });
    const inits = planDeployment(spec, planJobGraph(spec), {
      credits: 4,
      batchSize: 64,
      operatorsDir: null,
      stateFor: () => ({}),
      finished: () => false,
    });
    const init = inits[1];
    const peerInit = inits[0];
    if (!init || !peerInit) throw new Error('expected two slots');
    const { port1, port2 } = new MessageChannel();
    cleanup.push(() => {
      port1.close();
      port2.close();
    });
    const reports: WorkerReport[] = [];
    const slot = new Slot(
      init,
      new Map<number, MessagePort>([[0, port1]]),
      (r) => reports.push(r),
      new Map(),
    );
    cleanup.push(() => void slot.stop());

    // What the source in slot 0 sends to the keyed subtask in slot 1: a watermark is enough.
    const peerSource = peerInit.subtasks.find((s) => s.inputs.length === 0);
    const toThisSlot = peerSource?.outputs[0]?.channels.find((c) => c.peerSlot === 1);
    if (!toThisSlot) throw new Error('no channel from the peer source into slot 1');
    let delivered = false;
    port1.on('message', () => {
      delivered = true; // listeners run in order: the slot has taken the event by now
    });
    port2.postMessage([{ t: 'watermark', ch: toThisSlot.id, watermark: 0 }] satisfies WireEvent[]);
    await waitFor('the event to reach the slot', () => delivered);
    await nextMacrotask();
    expect(reports.filter((r) => r.t !== 'metrics')).toEqual([]);

    // Once started, this slot's source reads its own splits and sends to the peer's subtask.
    const ownSource = init.subtasks.find((s) => s.inputs.length === 0);
    const toPeer = ownSource?.outputs[0]?.channels.find((c) => c.peerSlot === 0);
    let recordsFromSource = 0;
    port2.on('message', (events: WireEvent[]) => {
      for (const event of events)
        if (event.t === 'wire' && event.ch === toPeer?.id) recordsFromSource += 1;
    });
    slot.start();
    await waitFor('records from the started source', () => recordsFromSource > 0);
    expect(reports.filter((r) => r.t === 'finished' || r.t === 'failed')).toEqual([]);
  });
});
