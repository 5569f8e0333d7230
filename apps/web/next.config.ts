import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root, so Turbopack and output tracing can follow the workspace symlinks
// (@weir/contract lives outside this app's folder).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * No page of the console may be framed (clickjacking an operator into a failover), and what it
 * loads comes from itself. Next's inline bootstrap scripts and React Flow's inline styles need
 * 'unsafe-inline'; everything else is same-origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const config: NextConfig = {
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  /**
   * Job pages moved under their cluster when the console began to serve several (issue 18):
   * links and bookmarks from before name no cluster, so they meant the embedded one.
   */
  async redirects() {
    return [
      {
        source: '/jobs/:path+',
        destination: '/clusters/embedded/jobs/:path+',
        permanent: false,
      },
    ];
  },
  poweredByHeader: false,
  typedRoutes: true,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default config;
