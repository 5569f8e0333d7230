import { TRPCError } from '@trpc/server';

/** The tRPC code a call failed with, or 'OK'; any other error fails the test. */
export async function trpcCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
