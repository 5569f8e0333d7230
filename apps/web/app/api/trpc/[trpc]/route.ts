import { JAR_UPLOAD_PATH, MAX_JAR_UPLOAD_BYTES } from '@weir/contract';
import type { NextRequest } from 'next/server';
import { engineUrls } from '@/lib/engine-url';
import { trpcErrorResponse } from '@/lib/trpc-error-body';

// Every call must reach the engine: never prerender or cache this route.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const PREFIX = '/api/trpc/';
// Procedure paths, comma-joined when batched. Anything else is not ours to forward.
const PROCEDURE_PATH = /^[A-Za-z0-9_.,-]+$/;

const REQUEST_HEADERS = [
  'accept',
  'content-type',
  'authorization',
  'cookie',
  // The engine refuses signed-in mutations from origins other than the console's (CSRF).
  'origin',
  // The browser's address, host and scheme, for the audit trail, sign-in limits and cookies:
  // server.mjs set them from the real connection, whatever the browser sent.
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-for',
  'last-event-id', // lets an SSE subscription resume after a reconnect
  'trpc-accept',
  'trpc-batch-mode',
  'x-trpc-source',
];
// content-length/-encoding are left out: fetch has already decoded the body. Set-Cookie is
// copied separately: Headers.get() would fold several cookies into one broken line.
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'vary', 'retry-after'];

function pick(from: Headers, names: readonly string[]): Headers {
  const out = new Headers();
  for (const name of names) {
    const value = from.get(name);
    if (value !== null) out.set(name, value);
  }
  return out;
}

/** The engine's limit (MAX_BODY_BYTES in its api/trpc.ts): larger bodies stop here. */
const MAX_BODY_BYTES = 1024 * 1024;
const TOO_LARGE = Symbol('too large');

/** The engine's bounds: a jar upload's, by its exact path as the engine tells it, is larger. */
const bodyLimitOf = (path: string) =>
  path === JAR_UPLOAD_PATH ? MAX_JAR_UPLOAD_BYTES : MAX_BODY_BYTES;

/** The request body, read only up to the limit: a huge upload is cut off, not buffered. */
async function boundedBody(
  req: NextRequest,
  limit: number,
): Promise<ArrayBuffer | typeof TOO_LARGE> {
  if (Number(req.headers.get('content-length') ?? 0) > limit) return TOO_LARGE;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader?.cancel();
      return TOO_LARGE;
    }
    chunks.push(chunk.value);
  }
  const joined = Buffer.concat(chunks);
  return joined.buffer.slice(
    joined.byteOffset,
    joined.byteOffset + joined.byteLength,
  ) as ArrayBuffer;
}

async function forward(req: NextRequest): Promise<Response> {
  // The raw (still-encoded) path, so a batch path "a,b" reaches the engine unchanged.
  const path = req.nextUrl.pathname.slice(PREFIX.length);
  const batch = req.nextUrl.searchParams.has('batch');
  if (!PROCEDURE_PATH.test(path)) {
    return trpcErrorResponse(
      { message: `No such API procedure: ${path}`, code: 'NOT_FOUND', path },
      batch,
    );
  }

  const headers = pick(req.headers, REQUEST_HEADERS);
  // Buffering keeps the request replayable on the next instance when one cannot be reached:
  // tRPC bodies are small JSON, and a jar upload is worth keeping too. Never more than the
  // engine would read.
  const limit = bodyLimitOf(path);
  const body =
    req.method === 'GET' || req.method === 'HEAD' ? undefined : await boundedBody(req, limit);
  if (body === TOO_LARGE) {
    return trpcErrorResponse(
      {
        message: `Request body over the limit of ${limit} bytes.`,
        code: 'PAYLOAD_TOO_LARGE',
        path,
      },
      batch,
    );
  }

  let upstream: Response | null = null;
  const unreachable: string[] = [];
  for (const base of engineUrls()) {
    try {
      upstream = await fetch(`${base}/trpc/${path}${req.nextUrl.search}`, {
        method: req.method,
        headers,
        body,
        // Closing the browser tab (or an SSE stream) also closes the engine request.
        signal: req.signal,
        cache: 'no-store',
        redirect: 'manual',
      });
      break;
    } catch (err) {
      if (req.signal.aborted) return new Response(null, { status: 499 });
      const reason =
        err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      unreachable.push(`${base} (${reason})`);
    }
  }
  if (!upstream) {
    return trpcErrorResponse(
      {
        message: `No engine instance is reachable: ${unreachable.join('; ')}.`,
        code: 'BAD_GATEWAY',
        path,
      },
      batch,
    );
  }

  const responseHeaders = pick(upstream.headers, RESPONSE_HEADERS);
  // The session cookie is the engine's: it sets it at sign-in and clears it at sign-out.
  for (const cookie of upstream.headers.getSetCookie())
    responseHeaders.append('set-cookie', cookie);
  // Streamed answers (SSE subscriptions, httpBatchStreamLink's JSON lines) must reach the
  // browser chunk by chunk: `no-transform` stops next start's gzip from buffering them, and
  // x-accel-buffering does the same for an nginx in front.
  const contentType = upstream.headers.get('content-type') ?? '';
  if (/^(text\/event-stream|application\/jsonl)/.test(contentType)) {
    responseHeaders.set('cache-control', 'no-cache, no-transform');
    responseHeaders.set('x-accel-buffering', 'no');
  }
  // Passing the body stream through (not awaiting it) keeps streaming responses streaming.
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export const GET = forward;
export const POST = forward;
