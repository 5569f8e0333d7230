import { Prisma } from '@prisma/client';

/** Database failures that repositories turn into domain errors. */
export type DbFailure = 'uniqueViolation' | 'foreignKeyViolation' | 'recordNotFound';

// https://www.prisma.io/docs/orm/reference/error-reference
const prismaCodes: Record<DbFailure, string> = {
  uniqueViolation: 'P2002',
  foreignKeyViolation: 'P2003',
  recordNotFound: 'P2025',
};

// PostgreSQL SQLSTATEs. pglite-prisma-adapter 0.6 reports constraint errors as
// { kind: 'postgres', code } in the error's cause, a shape Prisma 6.19 no longer
// translates into P2002/P2003, so they reach us untranslated.
const sqlStates: Partial<Record<DbFailure, string>> = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
};

export function isDbFailure(error: unknown, failure: DbFailure): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === prismaCodes[failure];
  }
  const cause =
    error instanceof Error
      ? (error.cause as { kind?: unknown; code?: unknown } | undefined)
      : undefined;
  return (
    cause?.kind === 'postgres' && cause.code !== undefined && cause.code === sqlStates[failure]
  );
}
