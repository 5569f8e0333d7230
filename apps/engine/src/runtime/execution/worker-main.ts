import { type MessagePort, parentPort } from 'node:worker_threads';
import type { ControlMessage, WorkerInit, WorkerReport } from '../../core/messages.js';
import { forwardWorkerLogs } from '../../logging/worker-logs.js';
import { loadCustomOperators } from '../../operators/custom/load-custom-operators.js';
import { serveThreadResources } from '../../resources/thread-channel.js';
import { Slot } from './slot.js';

/** Entry point of a worker thread: waits for its assignment, then runs its slot. */
if (!parentPort) throw new Error('worker-main must run in a worker thread');
const parent = parentPort;
// Its log lines reach the main thread's log store too (the API's logs.query).
forwardWorkerLogs();

parent.once(
  'message',
  async (message: {
    init: WorkerInit;
    ports: Record<number, MessagePort>;
    resources: MessagePort;
  }) => {
    serveThreadResources(message.resources);
    const ports = new Map(
      Object.entries(message.ports).map(([slot, port]) => [Number(slot), port]),
    );
    const report = (r: WorkerReport) => parent.postMessage(r);
    try {
      // User operator modules load in every worker: functions cannot be sent between threads.
      const custom = message.init.operatorsDir
        ? await loadCustomOperators(message.init.operatorsDir)
        : new Map();
      const slot = new Slot(message.init, ports, report, custom);
      parent.on('message', (control: ControlMessage) => {
        if (control.t === 'start') slot.start();
        else slot.control(control);
      });
      report({ t: 'ready' });
    } catch (error) {
      const e = error as Error;
      report({
        t: 'failed',
        vertexId: '(setup)',
        subtaskIndex: -1,
        message: e.message,
        stack: e.stack ?? null,
      });
    }
  },
);
