import { defineConfig } from 'prisma/config';

// The prisma CLI is used only for `generate` and for writing migration SQL;
// Weir applies migrations itself (apps/engine/src/db/migrate.ts).
//
// Two things keep the CLI offline:
// - `engine: 'js'`: without it every command (even `--version`) first downloads
//   a native schema-engine binary from binaries.prisma.sh, unreachable here.
//   With it the CLI uses its bundled wasm schema engine over `adapter` below.
// - DATABASE_URL must resolve: when the schema cannot be read, the CLI falls
//   back to engineType "library" and tries to download libquery_engine. The
//   URL is never connected to (the adapter is), so a placeholder will do.
process.env.DATABASE_URL ??= 'postgresql://unused@placeholder.invalid/weir';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  // An in-memory PGlite: enough for `migrate diff`, never a real database.
  // Imported lazily so `generate` does not boot PGlite.
  async adapter() {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('pglite-prisma-adapter'),
    ]);
    return new PrismaPGlite(new PGlite());
  },
});
