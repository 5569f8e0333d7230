import { runJar, TestFlink } from '@weir/engine/testing';

export interface FlinkWithExample {
  flink: TestFlink;
  /** The example job's id on that cluster. */
  jobId: string;
}

/**
 * A real Flink 2.3 session cluster (adaptive scheduler, one TaskManager) running the example
 * job (examples/flink-clicks), for the specs about registered clusters. Stop it with
 * `flink.stop()`, which ends its processes by PID and removes its folder.
 */
export async function startFlinkWithExample(): Promise<FlinkWithExample> {
  const flink = await TestFlink.start();
  try {
    const example = await flink.uploadExample();
    const jobId = await runJar(flink.client(), example.jarId, {
      entryClass: example.entryClass,
      args: ['--rate', '500', '--checkpoint-interval', '1000'],
      parallelism: 2,
    });
    return { flink, jobId };
  } catch (error) {
    await flink.stop();
    throw error;
  }
}
