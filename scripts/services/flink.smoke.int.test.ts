import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { startFlink } from './flink.mjs';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// The Flink harness itself: a session cluster on loopback with the settings the backend's tests
// rely on, and nothing of it left once stopped.
it('starts a Flink session cluster on loopback and stops both JVMs by PID', async () => {
  const flink = await startFlink();
  let stopped = false;
  try {
    expect(flink.restUrl).toBe(`http://127.0.0.1:${flink.restPort}`);
    const overview = await (await fetch(`${flink.restUrl}/overview`)).json();
    expect(overview).toMatchObject({ taskmanagers: 1, 'slots-total': 4, 'flink-version': '2.3.0' });
    const entries: { key: string; value: string }[] = await (
      await fetch(`${flink.restUrl}/jobmanager/config`)
    ).json();
    const config = Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
    expect(config).toMatchObject({
      'jobmanager.scheduler': 'adaptive',
      'jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling': '2s',
      'rest.bind-address': '127.0.0.1',
      'jobmanager.bind-host': '127.0.0.1',
      'taskmanager.bind-host': '127.0.0.1',
      'state.backend.type': 'hashmap',
      'execution.checkpointing.dir': `file://${flink.checkpointDir}`,
      'execution.checkpointing.savepoint-dir': `file://${flink.savepointDir}`,
    });
    expect(alive(flink.pids.jobManager) && alive(flink.pids.taskManager)).toBe(true);
    await flink.stop();
    stopped = true;
    expect(alive(flink.pids.jobManager) || alive(flink.pids.taskManager)).toBe(false);
    expect(existsSync(flink.dir)).toBe(false);
  } finally {
    if (!stopped) await flink.stop();
  }
}, 180_000);
