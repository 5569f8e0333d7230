/** POSTs `body` as JSON; null when the receiver answered 2xx, else what went wrong. */
export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs: number; authorization?: string | undefined },
): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.authorization) headers.authorization = options.authorization;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = res.ok ? '' : (await res.text()).trim().slice(0, 200);
    if (res.ok) await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}${text ? `: ${text}` : ''}`;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return cause instanceof Error ? cause.message : String(cause);
  }
}
