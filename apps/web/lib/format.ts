const EMPTY = '—';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return EMPTY;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return EMPTY;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/** How far behind a reader is, in time: whole seconds, then minutes (lag that matters is seconds and up). */
export function formatSecondsBehind(seconds: number | null): string {
  if (seconds === null) return EMPTY;
  return seconds < 60 ? `${Math.round(seconds)} s` : formatDuration(seconds * 1_000);
}

/** "12 s ago" relative to `now` (pass the query's dataUpdatedAt so it moves with each poll). */
export function formatAge(iso: string | null, now: number): string {
  if (iso === null) return EMPTY;
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1_000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const timeOnly = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatDateTime(value: string | number | null): string {
  return value === null ? EMPTY : dateTime.format(new Date(value));
}

/** Time only when it is today (the common case in live tables), otherwise date and time. */
export function formatTimestamp(value: string | null, now: number = Date.now()): string {
  if (value === null) return EMPTY;
  const date = new Date(value);
  return date.toDateString() === new Date(now).toDateString()
    ? timeOnly.format(date)
    : dateTime.format(date);
}

export function formatTime(value: string | number | null): string {
  return value === null ? EMPTY : timeOnly.format(new Date(value));
}

const rate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatRate(perSecond: number): string {
  return `${perSecond < 10 ? rate.format(perSecond) : integer.format(perSecond)}/s`;
}

export function formatCount(n: number): string {
  return integer.format(n);
}
