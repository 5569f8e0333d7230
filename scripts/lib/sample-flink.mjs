// `npm start -- --flink`: a local Flink session cluster next to the embedded engine, running
// the example job (examples/flink-clicks), so a newcomer sees both kinds of cluster at once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFlink } from '../services/flink.mjs';
import { ensureFlinkExampleJar, FLINK_EXAMPLE_MAIN } from '../services/flink-example.mjs';

/** The name the console shows it under (`/clusters/local-flink`). */
export const SAMPLE_FLINK_CLUSTER = 'local-flink';

/**
 * Starts Flink with its folder kept in `.weir/flink` (checkpoints and savepoints survive a
 * restart) on a fixed REST port, so the cluster registered the first time is found again, and
 * submits the example job at parallelism 2.
 * @param {string} root the repository
 * @param {number} restPort
 */
export async function startSampleFlink(root, restPort) {
  const jar = await ensureFlinkExampleJar();
  const flink = await startFlink({ dir: path.join(root, '.weir', 'flink'), restPort });
  try {
    const form = new FormData();
    form.append('jarfile', new Blob([await readFile(jar)]), 'flink-clicks.jar');
    const uploaded = await flinkCall(flink.restUrl, '/jars/upload', { method: 'POST', body: form });
    const jarId = uploaded.filename.slice(uploaded.filename.lastIndexOf('/') + 1);
    await flinkCall(flink.restUrl, `/jars/${jarId}/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entryClass: FLINK_EXAMPLE_MAIN,
        programArgsList: ['--rate', '2000', '--checkpoint-interval', '5000'],
        parallelism: 2,
      }),
    });
  } catch (error) {
    await flink.stop();
    throw error;
  }
  return flink;
}

/** @param {string} restUrl @param {string} route @param {RequestInit} init */
async function flinkCall(restUrl, route, init) {
  const response = await fetch(`${restUrl}${route}`, {
    ...init,
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(`Flink ${route}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}
