'use client';

import { useId } from 'react';
import type { JarProgram } from '@/lib/jar-program';
import type { UploadedJar } from '@/lib/trpc/types';
import { ParallelismField } from '../job/ParallelismField';

/** The fields' words for the API's names of them, for what the check or the engine refuses. */
export const PROGRAM_LABELS: Record<string, string> = {
  entryClass: 'Entry class',
  args: 'Program arguments',
  parallelism: 'Parallelism',
  jarId: 'Jar',
};

interface Props {
  jar: UploadedJar;
  program: JarProgram;
  onChange: (program: JarProgram) => void;
  /** Whether the check or the engine refused the field of this API name. */
  isInvalid: (field: string) => boolean;
}

/**
 * What to run of an uploaded jar, for a new job or an upgrade: the entry class (one its
 * manifest names, or any typed), the program's arguments one a line, the parallelism.
 */
export function JarProgramFields({ jar, program, onChange, isInvalid }: Props) {
  const entryClassesId = useId();
  const set = (change: Partial<JarProgram>) => onChange({ ...program, ...change });
  return (
    <>
      <label>
        Entry class
        <input
          list={entryClassesId}
          value={program.entryClass}
          placeholder="com.example.MyJob"
          autoComplete="off"
          aria-invalid={isInvalid('entryClass')}
          onChange={(e) => set({ entryClass: e.target.value })}
        />
      </label>
      <datalist id={entryClassesId}>
        {jar.entryClasses.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <p className="muted small">
        {jar.entryClasses.length > 0
          ? `The jar's manifest names ${jar.entryClasses.join(', ')}; any class of the jar with a main() can be typed instead.`
          : "The jar's manifest names no entry class: type the class whose main() to run."}
      </p>
      <label>
        Program arguments (one per line)
        <textarea
          rows={4}
          value={program.argsText}
          placeholder={'--input\nkafka:9092'}
          aria-invalid={isInvalid('args')}
          onChange={(e) => set({ argsText: e.target.value })}
        />
      </label>
      <ParallelismField
        label="Parallelism"
        value={program.parallelism}
        max={null}
        invalid={isInvalid('parallelism')}
        onChange={(parallelism) => set({ parallelism })}
      />
    </>
  );
}
