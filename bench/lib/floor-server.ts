/**
 * The floor under the claim+submit cycle: an Express 5 server with the same JSON body parsing that answers
 * `POST /claim` with a claim-sized task and `POST /submit` with a submit-sized answer, and (FLOOR_PG=1)
 * makes one durable single-row UPDATE per request, the least a claim or a submit that must survive a crash
 * can do. No Redis, no queue, no checks; with FLOOR_STACK=1, the service's request middleware in front.
 * Run by bench/lib/http-floor.ts as a child process.
 */
import express from 'express';
import pg from 'pg';

const withDatabase = process.env.FLOOR_PG === '1';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
if (withDatabase) {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id int PRIMARY KEY, n int NOT NULL)');
  await pool.query('INSERT INTO bench_floor SELECT g, 0 FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING');
}
let row = 0;
const touch = async () => {
  if (!withDatabase) return;
  row = (row % 1000) + 1;
  await pool.query({ name: 'touch', text: 'UPDATE bench_floor SET n = n + 1 WHERE id = $1', values: [row] });
};
// About the size of a real claim's answer: source, two sentences of context each side, no matches.
const sentence = 'Президент Азербайджана Ильхам Алиев принес извинения в ходе телефонного разговора.';
const task = { id: crypto.randomUUID(), source: sentence, context: { before: [sentence, sentence], after: [sentence, sentence] }, suggestions: [], glossary: [] };

const app = express();
if (process.env.FLOOR_STACK === '1') {
  // The service's own request middleware in front of the same two handlers (FLOOR_STACK=1), in the API's
  // order: access log and request id, request metrics, security headers, the reader's language, at the
  // bench's log level. Left out: the shutdown drain, sign-in and rate limits (users and Redis), the NUL
  // guard, the text body parser, and the routers the API passes before its own; so this is a lower bound
  // of what the service's middleware costs a request. FLOOR_ONLY=log|pino|context|metrics|headers|language
  // mounts one layer alone (pino: pino-http alone; context: the request's async context alone), to
  // measure each: docs/benchmarks.md, "14:20-14:30 UTC".
  const only = process.env.FLOOR_ONLY ?? 'all';
  const mounts = (layer: string) => only === 'all' || only === layer;
  const [{ createI18n }, { createLogger, requestContext }, { requestLog }, { requestMetrics }, { securityHeaders }, { language }, { pinoHttp }] = await Promise.all([
    import('../../src/i18n/index.js'),
    import('../../src/logger.js'),
    import('../../src/http/middleware/request-log.js'),
    import('../../src/http/middleware/request-metrics.js'),
    import('../../src/http/middleware/security-headers.js'),
    import('../../src/http/middleware/language.js'),
    import('pino-http'),
  ]);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'floor');
  if (mounts('log')) app.use(requestLog(logger));
  if (only === 'pino') {
    const accessLog = pinoHttp({ logger, quietReqLogger: true });
    app.use((req, res, next) => {
      accessLog(req, res);
      next();
    });
  }
  if (only === 'context') app.use((_req, _res, next) => requestContext.run({ requestId: 'floor' }, next));
  if (mounts('metrics')) app.use(requestMetrics());
  if (mounts('headers')) app.use(securityHeaders());
  if (mounts('language')) app.use(language(await createI18n()));
}
app.use(express.json());
app.post('/claim', async (_req, res) => {
  await touch();
  res.json(task);
});
app.post('/submit', async (req, res) => {
  await touch();
  res.json({ id: task.id, status: 'done', qa: [], length: String(req.body?.text ?? '').length });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
