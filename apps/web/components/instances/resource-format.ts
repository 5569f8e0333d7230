const EMPTY = '—';

/** A share (CPU in cores, event-loop utilisation) as a percentage: 1 = one core, 100 %. */
export function formatPercent(value: number | null): string {
  if (value === null) return EMPTY;
  return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;
}

/** Milliseconds with a precision that suits delays and pauses (0.4 ms, 12 ms, 1.2 s). */
export function formatMs(ms: number | null): string {
  if (ms === null) return EMPTY;
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
