/** One link of a Java exception chain, as a printed stack trace shows it. */
export interface ThrowableLink {
  /** Fully qualified, e.g. "java.lang.IllegalArgumentException"; '' when the line names none. */
  className: string;
  /** The first line of its message; '' when it has none. */
  message: string;
}

const CLASS_AND_MESSAGE = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)(?::\s?(.*))?$/;

/**
 * The chain of a printed Java stack trace: the thrown exception, then each "Caused by", in
 * order. Frame lines ("\tat ...", "\t... 4 more") and continuation lines of messages are skipped.
 */
export function throwableChain(trace: string): ThrowableLink[] {
  const chain: ThrowableLink[] = [];
  let expectHeader = true;
  for (const raw of trace.split('\n')) {
    const line = raw.trimEnd();
    if (/^\s+(at |\.\.\. \d+ more)/.test(line) || /^\s*Suppressed: /.test(line)) {
      expectHeader = false;
      continue;
    }
    if (line.startsWith('Caused by: ')) {
      chain.push(link(line.slice('Caused by: '.length)));
      continue;
    }
    if (expectHeader && chain.length === 0 && line.trim() !== '') {
      chain.push(link(line.trim()));
      expectHeader = false;
    }
  }
  return chain;
}

function link(header: string): ThrowableLink {
  const match = CLASS_AND_MESSAGE.exec(header);
  if (!match) return { className: '', message: header.trim() };
  return { className: match[1] ?? '', message: (match[2] ?? '').trim() };
}

const simpleName = (className: string) => className.slice(className.lastIndexOf('.') + 1);

/**
 * Wrappers that say nothing of their own: the words are in what they wrap. Flink's "Recovery is
 * suppressed by <strategy>" tops a job's final failure; futures wrap everything in
 * CompletionException or ExecutionException.
 */
const WRAPPER =
  /^(java\.util\.concurrent\.(CompletionException|ExecutionException)|java\.lang\.reflect\.InvocationTargetException)$/;
const WRAPPER_MESSAGE = /^Recovery is suppressed by /;

/**
 * A chain in words, for people: the root cause's message with its exception's simple name,
 * after the top exception's message when that adds something ("Could not execute application:
 * --rate must be positive (IllegalArgumentException)").
 */
export function chainInWords(chain: ThrowableLink[]): string {
  const meaningful = chain.filter((entry) => entry.message !== '' || entry.className !== '');
  const top = meaningful[0];
  if (!top) return 'no message';
  const root = [...meaningful].reverse().find((entry) => entry.message !== '') ?? top;
  const describe = (entry: ThrowableLink) =>
    entry.message === ''
      ? simpleName(entry.className)
      : entry.className === ''
        ? entry.message
        : `${entry.message} (${simpleName(entry.className)})`;
  if (root === top) return describe(top);
  const topIsWrapper =
    top.message === '' || WRAPPER.test(top.className) || WRAPPER_MESSAGE.test(top.message);
  if (topIsWrapper || top.message.includes(root.message)) return describe(root);
  return `${top.message.replace(/\.$/, '')}: ${describe(root)}`;
}

/** `chainInWords` of a printed stack trace. */
export function traceInWords(trace: string): string {
  return chainInWords(throwableChain(trace));
}
