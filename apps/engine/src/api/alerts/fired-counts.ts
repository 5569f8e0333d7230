/**
 * How often each rule fired per bucket, oldest bucket first: the data of the dashboard's
 * per-rule chart. Pure, so the bucketing is tested without a database.
 */
export function firedCounts(
  fired: { ruleId: number; firedAt: Date }[],
  opts: { from: number; bucketMs: number; buckets: number },
): Map<number, number[]> {
  const counts = new Map<number, number[]>();
  for (const { ruleId, firedAt } of fired) {
    const index = Math.floor((firedAt.getTime() - opts.from) / opts.bucketMs);
    if (index < 0 || index >= opts.buckets) continue;
    let row = counts.get(ruleId);
    if (!row) {
      row = new Array<number>(opts.buckets).fill(0);
      counts.set(ruleId, row);
    }
    row[index] = (row[index] ?? 0) + 1;
  }
  return counts;
}
