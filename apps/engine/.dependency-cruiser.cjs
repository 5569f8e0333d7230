// The engine's import direction (issue 16; DESIGN.md §2), checked by `npm run lint:deps` in
// `npm test`. Layers from the bottom up: a folder may import its own layer and those below,
// never one above. No exceptions list: a back edge or a cycle fails the build.
// checkpoint/ less its storage/ subfolder, which is a layer below it.
const CHECKPOINT = 'checkpoint(?!/storage/)';
const LAYERS = [
  ['errors', 'logging', 'types', 'config', 'metrics'], // cross-cutting, used through interfaces
  ['core'], // operator contract, key groups, messages, plan types, lease, abort, raw JSON
  ['state'], // keyed and changed state, its serialisation and assignment to subtasks
  ['checkpoint/storage'], // on-disk format: manifest, segments, read/write, retention, claims
  [CHECKPOINT], // coordination per run, commit, restore planning, the ports HA implements
  ['connectors'],
  ['operators'],
  ['resources'], // per-thread samples and CPU profiles; worker pools register their threads here
  ['runtime'], // workers, subtasks, channels, the job master
  ['jobs'], // preparing and validating job specs
  ['ha'], // election drivers, fencing, HA stores
  ['db'],
  ['auth', 'alerts'],
  ['backends'], // ClusterBackend: the embedded engine
  ['savepoint-schedule'], // scheduled savepoints and retention, over every cluster's backend
  ['api'],
];
const SRC = '^src/';
const folders = (layers) => layers.flat().join('|');

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import ${folders(LAYERS.slice(i + 1))} or the app files`,
  severity: 'error',
  from: { path: `${SRC}(${layer.join('|')})/`, pathNot: '\\.test\\.ts$' },
  to: { path: `${SRC}((${folders(LAYERS.slice(i + 1))})/|[^/]+\\.ts$)` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules that import each other, however indirectly',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-test-support-in-sources',
      comment:
        'testing/ (test support, outside src/ and never built) may import anything in src/; ' +
        'in src/ only tests import it',
      severity: 'error',
      from: { path: SRC, pathNot: '\\.test\\.ts$' },
      to: { path: '^testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
