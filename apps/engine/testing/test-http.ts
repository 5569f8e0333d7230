/**
 * Raw tRPC-over-HTTP calls for tests that look at what a client really sees: status codes,
 * Set-Cookie headers, and which credential was sent.
 */
export interface CallOptions {
  cookie?: string;
  bearer?: string;
  origin?: string;
  headers?: Record<string, string>;
  /** The request body as sent, instead of `input` as JSON (bodies JSON.stringify cannot make). */
  rawBody?: string;
  /** A multipart body instead (a jar upload), encoded as browsers do; `input` is ignored. */
  form?: FormData;
}

export interface CallResult {
  status: number;
  /** The tRPC error code (UNAUTHORIZED, FORBIDDEN, ...), or null on success. */
  code: string | null;
  message: string | null;
  data: unknown;
  setCookies: string[];
  headers: Headers;
}

export async function call(
  baseUrl: string,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.origin) headers.origin = options.origin;
  const encoded = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res =
    type === 'query'
      ? await fetch(`${baseUrl}/trpc/${path}${encoded}`, { headers })
      : options.form
        ? await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers, body: options.form })
        : await fetch(`${baseUrl}/trpc/${path}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: options.rawBody ?? JSON.stringify(input ?? null),
          });
  const body = (await res.json()) as {
    result?: { data: unknown };
    error?: { message: string; data: { code: string } };
  };
  return {
    status: res.status,
    code: body.error?.data.code ?? null,
    message: body.error?.message ?? null,
    data: body.result?.data,
    setCookies: res.headers.getSetCookie(),
    headers: res.headers,
  };
}

/** `name=value` of the session cookie a response set, ready for a Cookie header. */
export function sessionCookieFrom(result: CallResult): string {
  const cookie = result.setCookies.find((c) => c.startsWith('weir_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(result)}`);
  return cookie.split(';')[0] as string;
}
