import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root, so Turbopack and output tracing can follow the workspace symlinks
// (@weir/shared lives outside this app's folder).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default config;
