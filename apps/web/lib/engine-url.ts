const DEFAULT_ENGINE_URL = 'http://127.0.0.1:4100';

/**
 * Read on every request, never at build time, so one build can be pointed at any engine
 * (tests start the engine on their own port after `next build`).
 */
export function engineUrl(): string {
  const raw = process.env.WEIR_ENGINE_URL?.trim() || DEFAULT_ENGINE_URL;
  return raw.replace(/\/+$/, '');
}
