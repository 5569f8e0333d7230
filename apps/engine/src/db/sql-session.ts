import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The little SQL surface migrations need, over the raw driver rather than
 * Prisma: migration files hold many statements, which only a driver's
 * simple-query path (pg `query` without parameters, PGlite `exec`) can run.
 */
export interface SqlSession {
  /** Runs `fn` on one connection between BEGIN and COMMIT; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

export interface SqlTransaction {
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements; no parameters. */
  exec(script: string): Promise<void>;
}

export function pgSession(pool: pg.Pool): SqlSession {
  return {
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection whose ROLLBACK failed is in an unknown state: drop it.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params?: unknown[]) =>
            (await tx.query<R>(sql, params)).rows,
          exec: async (script) => {
            await tx.exec(script);
          },
        }),
      ),
  };
}
