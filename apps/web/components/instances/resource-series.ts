import type { InstanceResources, ThreadSample } from '@weir/contract';

export interface Point {
  at: number;
  value: number;
}

/** One line of a chart. */
export interface Series {
  name: string;
  points: Point[];
}

const perThread = (
  resources: InstanceResources,
  pick: (s: ThreadSample) => number | null,
): Series[] =>
  resources.threads.map((t) => ({
    name: t.name,
    points: t.samples.flatMap((s) => {
      const value = pick(s);
      return value === null ? [] : [{ at: s.at, value }];
    }),
  }));

/** CPU in cores: the whole process, then each thread. */
export const cpuSeries = (r: InstanceResources): Series[] => [
  { name: 'process', points: r.process.map((p) => ({ at: p.at, value: p.cpu })) },
  ...perThread(r, (s) => s.cpu),
];

/** The process's resident set, then each thread's V8 heap in use. */
export const memorySeries = (r: InstanceResources): Series[] => [
  { name: 'RSS', points: r.process.map((p) => ({ at: p.at, value: p.rssBytes })) },
  ...perThread(r, (s) => s.heapUsedBytes).map((s) => ({ ...s, name: `${s.name} heap` })),
];

export const delaySeries = (r: InstanceResources): Series[] =>
  perThread(r, (s) => s.eventLoopDelayMs.p99);

export const gcSeries = (r: InstanceResources): Series[] => perThread(r, (s) => s.gcPauseMs);
