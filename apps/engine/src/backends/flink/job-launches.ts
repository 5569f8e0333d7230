import { WeirError } from '../../errors/weir-error.js';
import type { FlinkJarList } from './flink-schemas.js';

/** How to run a job's program again: an uploaded jar, its entry class, the program's args. */
export interface JarLaunch {
  jarId: string;
  entryClass: string;
  args: string[];
}

/**
 * The launch of every job started through this backend (`submitJar`, restores, rescales by
 * resubmission): Flink does not record which jar or arguments a job came from, and a restore
 * or a rescale runs the program again. The engine keeps them in its database (every instance
 * sees them, so a restore works the same after a Weir failover); a job started elsewhere is
 * matched by name instead (`launchByName`).
 */
export interface LaunchRecords {
  record(jobId: string, launch: JarLaunch): Promise<void>;
  get(jobId: string): Promise<JarLaunch | undefined>;
}

/** Launches remembered in memory; the oldest are forgotten first. */
const KEPT = 500;

/** For a backend used on its own (tests, tools): launches last as long as it does. */
export class MemoryLaunchRecords implements LaunchRecords {
  private readonly launches = new Map<string, JarLaunch>();

  async record(jobId: string, launch: JarLaunch): Promise<void> {
    this.launches.set(jobId, launch);
    if (this.launches.size > KEPT)
      this.launches.delete(this.launches.keys().next().value as string);
  }

  async get(jobId: string): Promise<JarLaunch | undefined> {
    return this.launches.get(jobId);
  }
}

/** Letters and digits only, lower case: "clicks-per-user" and "ClicksPerUser" read alike. */
const normalized = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const simpleName = (className: string) => className.slice(className.lastIndexOf('.') + 1);
const baseName = (fileName: string) => fileName.replace(/\.jar$/i, '');

/** What ParameterTool writes for a flag given without a value (`--verbose`). */
const NO_VALUE = '__NO_VALUE_KEY';

/**
 * The launch of a job this backend did not start, by its name: the uploaded jar whose entry
 * class (`ClicksPerUser`) or file name (`clicks-per-user.jar`) reads as the job's name
 * (`clicks-per-user`). The same jar uploaded again is the same program: the newest upload is
 * taken. Arguments are rebuilt from the job's global parameters (`user-config`): a program
 * that parses its arguments with Flink's ParameterTool and registers them (the usual pattern)
 * gets them back as `--key value`; any other starts without arguments. No match, or several
 * programs, is an error that names them.
 */
export function launchByName(
  jobName: string,
  jars: FlinkJarList,
  userConfig: Record<string, string>,
): JarLaunch {
  const wanted = normalized(jobName);
  const newest = new Map<
    string,
    { jarId: string; fileName: string; entryClass: string; uploaded: number }
  >();
  for (const file of jars.files) {
    for (const { name: entryClass } of file.entry) {
      const matches =
        normalized(simpleName(entryClass)) === wanted || normalized(baseName(file.name)) === wanted;
      const key = `${file.name} ${entryClass}`;
      const seen = newest.get(key);
      if (matches && (!seen || seen.uploaded < file.uploaded)) {
        newest.set(key, {
          jarId: file.id,
          fileName: file.name,
          entryClass,
          uploaded: file.uploaded,
        });
      }
    }
  }
  const candidates = [...newest.values()];
  const [only] = candidates;
  if (!only || candidates.length > 1) {
    const found =
      candidates.length === 0
        ? 'none of the uploaded jars has an entry class or file name like it'
        : `several do: ${candidates.map((c) => `${c.fileName} (${c.entryClass})`).join(', ')}`;
    throw new WeirError(
      'CONFLICT',
      `Weir did not start job "${jobName}" and Flink does not record which jar it runs; looking for the jar by the job's name, ${found}. Start the job through Weir to restore or resubmit it`,
      { domain: 'user' },
    );
  }
  const args = Object.entries(userConfig).flatMap(([key, value]) =>
    value === NO_VALUE ? [`--${key}`] : [`--${key}`, value],
  );
  return { jarId: only.jarId, entryClass: only.entryClass, args };
}
