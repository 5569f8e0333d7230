/**
 * Where a Weir job spec would be read from, for a job that has none: a Flink job runs a jar,
 * whose code sets what a spec would say, and Weir does not read those settings from Flink yet.
 */
export function NoSpec({ what }: { what: string }) {
  return (
    <p className="state state-empty" data-testid="no-spec">
      This job runs a jar on Flink, not a Weir job spec: {what} come from its code, and the console
      does not show them yet.
    </p>
  );
}
