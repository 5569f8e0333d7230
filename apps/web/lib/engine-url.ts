const DEFAULT_ENGINE_URL = 'http://127.0.0.1:4100';

/**
 * The engine instances to talk to, in order of preference: WEIR_ENGINE_URL is one URL or a
 * comma-separated list (every instance of an HA cluster). Any instance answers, since standbys
 * forward what only the leader can do; the list lets the console outlive the one it prefers.
 * Read on every request, never at build time, so one build can be pointed at any engine.
 */
export function engineUrls(): string[] {
  const raw = process.env.WEIR_ENGINE_URL?.trim() || DEFAULT_ENGINE_URL;
  return raw
    .split(',')
    .map((url) => url.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}
