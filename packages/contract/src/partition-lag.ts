/** One partition's lag as sources report it: records behind the log end, and seconds behind. */
export interface LagFigures {
  records: number;
  /** Null while behind without having read a record yet (no age to tell). */
  seconds: number | null;
}

/**
 * A source's lag over many partitions, as the topology, the charts and the alert rules show
 * it: records add up (that much is left to read), seconds are the partition furthest behind
 * (how stale the freshest view of the input can be).
 */
export function totalLag(partitions: readonly LagFigures[]): LagFigures {
  const ages = partitions.flatMap((p) => (p.seconds === null ? [] : [p.seconds]));
  return {
    records: partitions.reduce((sum, p) => sum + p.records, 0),
    seconds: ages.length > 0 ? Math.max(...ages) : null,
  };
}
