import type { JobPlan, UploadedJar } from '@weir/contract';
import { defaultEntryClass } from './entry-class.js';
import { listedJar, planJar, uploadJar } from './flink-jars.js';
import type { FlinkJobControl, Run } from './flink-job-control.js';
import type { FlinkRestClient } from './flink-rest-client.js';
import type { JarLaunch } from './job-launches.js';
import { plannedTopology } from './planned-topology.js';

/** A program launch whose entry class may be left to the jar's manifest. */
export type JarLaunchRequest = Omit<JarLaunch, 'entryClass'> & { entryClass?: string };

/** New jobs from uploaded jars: upload, the plan they would run, and the run itself. */
export class FlinkJarPrograms {
  constructor(
    private readonly client: FlinkRestClient,
    private readonly jobs: FlinkJobControl,
  ) {}

  /** Uploads a job jar (`POST /jars/upload`); answers with the entry classes its manifest names. */
  async upload(jar: File): Promise<UploadedJar> {
    const jarId = await uploadJar(this.client, jar, jar.name);
    const listed = await listedJar(this.client, jarId);
    return { jarId, fileName: listed.name, entryClasses: listed.entry.map((entry) => entry.name) };
  }

  /**
   * The launch of an uploaded jar's program, the entry class its manifest names filled in when
   * none is given: what `plan` previews and `submit` runs (and records).
   */
  async launch(request: JarLaunchRequest): Promise<JarLaunch> {
    const { jarId, entryClass, args } = request;
    if (entryClass) return { jarId, entryClass, args };
    const jar = await listedJar(this.client, jarId);
    const listed = jar.entry.map((entry) => entry.name);
    return { jarId, entryClass: defaultEntryClass(jar.name, listed), args };
  }

  /** The job graph the program would run at `parallelism` (`POST /jars/:id/plan`); runs nothing. */
  async plan(launch: JarLaunch & { parallelism: number }): Promise<JobPlan> {
    const { jarId, ...program } = launch;
    return plannedTopology(await planJar(this.client, jarId, program));
  }

  /**
   * Runs an uploaded jar (`POST /jars/:id/run`) and remembers how, so that a restore or a
   * rescale can run it again; answers with the new job's id once it runs.
   */
  async submit(launch: JarLaunch & Run): Promise<string> {
    const { jarId, entryClass, args, ...run } = launch;
    return this.jobs.run({ jarId, entryClass, args }, run);
  }
}
