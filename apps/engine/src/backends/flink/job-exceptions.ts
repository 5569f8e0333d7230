import type { JobException } from '@weir/contract';
import type { FlinkExceptionEntry } from './flink-schemas.js';
import { throwableChain, traceInWords } from './java-throwable.js';

/** "parse (2/4)#1" is subtask 1 (zero-based) of four, attempt 1. */
export function subtaskIndex(taskName: string | null | undefined): number | null {
  const match = taskName ? /\((\d+)\/\d+\)(#\d+)?$/.exec(taskName) : null;
  return match ? Number(match[1]) - 1 : null;
}

/**
 * One failure in words. When Flink gave up ("Recovery is suppressed by ...") the top exception
 * is that wrapper: the cause is in its stack or, failing that, in the failures that happened at
 * the same time.
 */
export function failureMessage(entry: FlinkExceptionEntry): string {
  const chain = throwableChain(entry.stacktrace);
  const concurrent = entry.concurrentExceptions?.[0];
  if (chain.length <= 1 && /Recovery is suppressed/.test(chain[0]?.message ?? '') && concurrent) {
    return traceInWords(concurrent.stacktrace);
  }
  return traceInWords(entry.stacktrace);
}

/**
 * Flink's exception history, newest first. Flink names the failed task, not its vertex id: the
 * vertex is matched by name against the job's vertices when given.
 */
export function jobExceptions(
  entries: FlinkExceptionEntry[],
  vertices: { id: string; name: string }[] = [],
): JobException[] {
  const vertexOf = (taskName: string | null | undefined) => {
    if (!taskName) return null;
    const name = taskName.replace(/\s*\(\d+\/\d+\)(#\d+)?$/, '');
    return vertices.find((vertex) => vertex.name === name)?.id ?? null;
  };
  return [...entries]
    .sort((a, b) => b.timestamp - a.timestamp)
    .map((entry) => ({
      at: new Date(entry.timestamp).toISOString(),
      vertexId: vertexOf(entry.taskName),
      subtaskIndex: subtaskIndex(entry.taskName),
      message: failureMessage(entry),
      stack: entry.stacktrace || null,
    }));
}
