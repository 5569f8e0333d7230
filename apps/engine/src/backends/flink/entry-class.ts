import { invalidArgument } from '../../errors/weir-error.js';

/**
 * The class whose `main()` to run when the caller names none: the one the jar's manifest names
 * (Flink lists it as the jar's entry class). A manifest naming none, or several, leaves the
 * choice to the caller, and the refusal says which field to give. A class the caller names is
 * run as named: any class of the jar with a `main()` may be, listed or not.
 */
export function defaultEntryClass(fileName: string, listed: readonly string[]): string {
  const [only] = listed;
  if (only !== undefined && listed.length === 1) return only;
  throw invalidArgument(
    listed.length === 0
      ? `entryClass: the manifest of ${fileName} names no entry class (Main-Class); give the class to run`
      : `entryClass: ${fileName} has several entry classes (${listed.join(', ')}); choose one`,
  );
}
