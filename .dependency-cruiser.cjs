// What code outside the workspaces may import of them (issue 16), checked by `npm run lint:deps`
// along with the engine's own rules (apps/engine/.dependency-cruiser.cjs). e2e specs,
// benchmarks and scripts reach a workspace through its package name only, and of the engine
// only through `@weir/engine/testing` (apps/engine/testing/index.ts), never its sources.
const OUTSIDE = '^(e2e|bench|scripts)/';

module.exports = {
  forbidden: [
    {
      name: 'workspaces-by-package-name',
      comment: 'import a workspace as a package (@weir/...), not by a relative path into it',
      severity: 'error',
      from: { path: OUTSIDE },
      to: { path: '^(apps|packages)/', dependencyTypesNot: ['aliased-workspace'] },
    },
    {
      name: 'engine-through-its-testing-entry',
      comment: 'of the engine, only @weir/engine/testing: apps/engine/src is not an API',
      severity: 'error',
      from: { path: OUTSIDE },
      to: { path: '^apps/engine/', pathNot: '^apps/engine/testing/index\\.ts$' },
    },
  ],
  options: {
    // Only the first step into a workspace matters here; its own rules cover the rest.
    doNotFollow: { path: ['node_modules', '^apps/', '^packages/'] },
    exclude: { path: '(^|/)(dist|\\.next|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tools.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.d.ts'],
    },
  },
};
