import { type LogLevel, type LogLine, type LogsQueryInput, redactedSecret } from '@weir/contract';

/** pino's numeric levels. */
const LEVELS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};
const levelName = (n: number): LogLevel =>
  n >= 60
    ? 'fatal'
    : n >= 50
      ? 'error'
      : n >= 40
        ? 'warn'
        : n >= 30
          ? 'info'
          : n >= 20
            ? 'debug'
            : 'trace';

export interface LogStoreLimits {
  /** Most lines kept; the oldest go first. */
  maxLines: number;
  /** Most bytes kept (each line counted as the characters it holds, twice: as logged and lower-cased). */
  maxBytes: number;
  /** A longer line is cut to this many characters (its fields are read from all of it). */
  maxLineChars: number;
}

export const DEFAULT_LOG_STORE_LIMITS: LogStoreLimits = {
  maxLines: 20_000,
  maxBytes: 16 * 1024 * 1024,
  maxLineChars: 16 * 1024,
};

interface Entry {
  seq: number;
  time: number;
  level: number;
  msg: string;
  jobId: string | null;
  vertexId: string | null;
  subtaskIndex: number | null;
  line: string;
  /** `line` lower-cased once, for the text filter. */
  lower: string;
  bytes: number;
}

export type LogQuery = Omit<LogsQueryInput, 'instanceId'>;

export interface LogQueryResult {
  lines: LogLine[];
  before: number | null;
  after: number;
}

/** Fields whose values viewers must not read (the first admin's generated password, say). */
const SENSITIVE_KEY = /password|secret|token|authorization|cookie/i;

/** A copy with every sensitive field's literal value replaced, at any depth. */
function redacted(value: unknown, depth = 0): unknown {
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redacted(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SENSITIVE_KEY.test(key) ? redactedSecret(v) : redacted(v, depth + 1),
    ]),
  );
}

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

/**
 * This instance's newest log lines, bounded by count and bytes, each parsed once when it is
 * added. Lines are numbered (`seq`) in the order they were added: queries page back with
 * `beforeSeq` and follow with `afterSeq`.
 */
export class LogStore {
  private entries: Entry[] = [];
  /** Index of the oldest kept entry in `entries` (evicted ones before it are dropped in bulk). */
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  /** Text that did not end in a newline yet. */
  private partial = '';
  readonly limits: LogStoreLimits;

  constructor(limits: Partial<LogStoreLimits> = {}) {
    this.limits = { ...DEFAULT_LOG_STORE_LIMITS, ...limits };
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** The newest seq given so far (0 before the first line). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Takes logged text as it is written: one or more lines, or part of one. */
  write(chunk: string | Uint8Array): void {
    const textChunk =
      this.partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    const lines = textChunk.split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > this.limits.maxLineChars * 4) {
      // A line that never ends is kept as what it has so far.
      lines.push(this.partial);
      this.partial = '';
    }
    for (const line of lines) if (line.trim() !== '') this.add(line);
  }

  /** Adds one logged line (pino's JSON; other text is kept as an info line). */
  add(logged: string): void {
    let raw = logged;
    let fields: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(logged);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        fields = parsed as Record<string, unknown>;
    } catch {
      // not JSON: kept as it is
    }
    // Stdout has the line as logged; what viewers can query has no secrets in it.
    if (SENSITIVE_KEY.test(raw) && Object.keys(fields).length > 0) {
      fields = redacted(fields) as Record<string, unknown>;
      raw = JSON.stringify(fields);
    }
    const line =
      raw.length > this.limits.maxLineChars ? `${raw.slice(0, this.limits.maxLineChars)}…` : raw;
    const subtask = fields.subtask;
    const entry: Entry = {
      seq: this.nextSeq++,
      time: typeof fields.time === 'number' ? fields.time : Date.now(),
      level: typeof fields.level === 'number' ? fields.level : LEVELS.info,
      msg: (text(fields.msg) ?? (Object.keys(fields).length === 0 ? line : '')).slice(0, 2048),
      jobId: text(fields.job),
      vertexId: text(fields.vertex),
      subtaskIndex: typeof subtask === 'number' && Number.isInteger(subtask) ? subtask : null,
      line,
      lower: line.toLowerCase(),
      bytes: 0,
    };
    entry.bytes = (entry.line.length + entry.lower.length + entry.msg.length) * 2 + 96;
    this.entries.push(entry);
    this.bytes += entry.bytes;
    this.evict();
  }

  private evict(): void {
    while (
      this.size > 0 &&
      (this.size > this.limits.maxLines || this.bytes > this.limits.maxBytes)
    ) {
      const oldest = this.entries[this.head] as Entry;
      this.bytes -= oldest.bytes;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Index in `entries` of the entry with `seq` (seqs are consecutive). */
  private indexOf(seq: number): number {
    const first = this.entries[this.head];
    return first ? this.head + (seq - first.seq) : this.head;
  }

  /**
   * Lines matching every filter given, newest first, at most `limit`. With `afterSeq`, the
   * oldest `limit` lines newer than it (so a follower misses none); else the newest `limit`
   * older than `beforeSeq` (or of all).
   */
  query(q: LogQuery): LogQueryResult {
    const limit = q.limit;
    const minLevel = q.level ? LEVELS[q.level] : 0;
    const from = q.from ? Date.parse(q.from) : Number.NEGATIVE_INFINITY;
    const to = q.to ? Date.parse(q.to) : Number.POSITIVE_INFINITY;
    const needle = q.text ? q.text.toLowerCase() : null;
    const matches = (e: Entry) =>
      e.level >= minLevel &&
      e.time >= from &&
      e.time <= to &&
      (q.jobId === undefined || e.jobId === q.jobId) &&
      (needle === null || e.lower.includes(needle));
    const end = this.entries.length;
    const found: Entry[] = [];
    if (q.afterSeq !== undefined) {
      let i = Math.max(this.head, this.indexOf(q.afterSeq + 1));
      let after = Math.max(q.afterSeq, this.lastSeq);
      for (; i < end; i++) {
        const e = this.entries[i] as Entry;
        if (!matches(e)) continue;
        found.push(e);
        if (found.length === limit) {
          after = e.seq;
          break;
        }
      }
      if (q.beforeSeq !== undefined) {
        const before = q.beforeSeq;
        return this.page(found.filter((e) => e.seq < before).reverse(), null, after);
      }
      return this.page(found.reverse(), null, after);
    }
    let i = Math.min(end, q.beforeSeq === undefined ? end : this.indexOf(q.beforeSeq)) - 1;
    for (; i >= this.head; i--) {
      const e = this.entries[i] as Entry;
      if (!matches(e)) continue;
      found.push(e);
      if (found.length === limit) break;
    }
    const oldest = found[found.length - 1];
    const more = found.length === limit && oldest !== undefined && i > this.head;
    return this.page(found, more && oldest ? oldest.seq : null, this.lastSeq);
  }

  private page(entries: Entry[], before: number | null, after: number): LogQueryResult {
    return {
      lines: entries.map((e) => ({
        seq: e.seq,
        at: new Date(e.time).toISOString(),
        level: levelName(e.level),
        msg: e.msg,
        jobId: e.jobId,
        vertexId: e.vertexId,
        subtaskIndex: e.subtaskIndex,
        line: e.line,
      })),
      before,
      after,
    };
  }
}
