import type { WeirErrorData } from '@weir/contract';

/**
 * Bodies shaped like tRPC error responses, for failures that happen before the engine
 * answers. The client then raises an ordinary TRPCClientError and the UI shows `message`.
 */
export interface ProxyErrorOptions {
  message: string;
  code: 'BAD_GATEWAY' | 'NOT_FOUND' | 'PAYLOAD_TOO_LARGE';
  path: string;
}

// Same numbers and statuses as @trpc/server uses for these keys.
const RPC_CODE = { BAD_GATEWAY: -32603, NOT_FOUND: -32004, PAYLOAD_TOO_LARGE: -32013 } as const;
const HTTP_STATUS = { BAD_GATEWAY: 502, NOT_FOUND: 404, PAYLOAD_TOO_LARGE: 413 } as const;
// The engine's `data.weir`, so the UI has one way to tell "try again later".
const WEIR: Record<ProxyErrorOptions['code'], WeirErrorData> = {
  BAD_GATEWAY: { code: 'UNAVAILABLE', domain: 'external', retriable: true },
  NOT_FOUND: { code: 'NOT_FOUND', domain: 'user', retriable: false },
  PAYLOAD_TOO_LARGE: { code: 'INVALID_ARGUMENT', domain: 'user', retriable: false },
};

export function trpcErrorResponse(opts: ProxyErrorOptions, batch: boolean): Response {
  const httpStatus = HTTP_STATUS[opts.code];
  const one = {
    error: {
      message: opts.message,
      code: RPC_CODE[opts.code],
      data: { code: opts.code, httpStatus, path: opts.path, zodError: null, weir: WEIR[opts.code] },
    },
  };
  // A batched call expects one entry per procedure in the comma-separated path.
  const body = batch ? opts.path.split(',').map(() => one) : one;
  return Response.json(body, { status: httpStatus, headers: { 'cache-control': 'no-store' } });
}
