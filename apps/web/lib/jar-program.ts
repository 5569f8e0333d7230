import { programArgs } from './program-args';
import type { UploadedJar } from './trpc/types';

/** What to run of an uploaded jar, as its form's fields hold it. */
export interface JarProgram {
  entryClass: string;
  /** One argument a line, as typed. */
  argsText: string;
  /** NaN while the field is empty, so the API's check refuses it, naming the field. */
  parallelism: number;
}

/** The fields as they start for `jar`: the entry class its manifest names first, if any. */
export function initialProgram(jar: UploadedJar, parallelism: number): JarProgram {
  return { entryClass: jar.entryClasses[0] ?? '', argsText: '', parallelism };
}

/** The program as the API takes it: a blank entry class leaves the choice to the manifest. */
export function programRequest(program: JarProgram) {
  return {
    entryClass: program.entryClass.trim() || undefined,
    args: programArgs(program.argsText),
    parallelism: program.parallelism,
  };
}
