// Layer rules for Dragoman, checked by `npm test` before vitest runs (issue 16).
//
// Layers: src/domain (pure rules) <- src/services <- src/http, workers/
//         src/storage (SQL) is reached only from services (and startup wiring), never from routes or workers.
// tests/ may import anything; nothing in src/ or workers/ may import tests/.

/** Node modules that do I/O or touch the process; the domain must not import them. */
const nodeIo = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dns', 'dns/promises', 'child_process', 'cluster',
  'dgram', 'tls', 'os', 'process', 'worker_threads', 'readline', 'repl', 'vm', 'inspector', 'timers',
  'timers/promises', 'perf_hooks', 'async_hooks', 'v8',
];
const nodeIoPattern = `^(node:)?(${nodeIo.map((name) => name.replace('/', '\\/')).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds rules only: it imports nothing from the other src layers.',
      severity: 'error',
      from: { path: '^src/domain/' },
      // src/errors.ts is the one error type with stable codes; it is a leaf (see errors-is-a-leaf).
      to: { path: '^(src/(?!domain/|errors\\.ts$)|workers/|tests/|bench/)' },
    },
    {
      name: 'errors-is-a-leaf',
      comment: 'src/errors.ts is shared by every layer, the domain included, so it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^(src|workers|tests|bench)/' },
    },
    {
      name: 'domain-has-no-io',
      comment: 'src/domain must not import node modules that do I/O (files, network, processes, timers).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], path: nodeIoPattern },
    },
    {
      name: 'domain-has-no-io-packages',
      comment: 'src/domain must not import the database, Redis or queue clients.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'], path: '(^|/)node_modules/(pg|ioredis|bullmq|express|pino)(/|$)' },
    },
    {
      name: 'http-never-imports-storage',
      comment: 'HTTP routes and middleware go through services; SQL lives in src/storage.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'workers-never-import-storage',
      comment: 'Worker processes go through services; SQL lives in src/storage.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'queues-below-services',
      comment: 'src/queues holds the queue names, payload schemas and job producers; services call it, not the reverse.',
      severity: 'error',
      from: { path: '^src/queues/' },
      to: { path: '^(src/(services|http|storage)/|workers/)' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles (type-only imports count too: they couple the modules just the same).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-never-imports-tests',
      comment: 'Product code never depends on test code or the bench.',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
