/**
 * Run as a child process by postgres-restart.test.ts: opens a transaction with the service's own
 * withTransaction, says "inside", and waits while the test shuts PostgreSQL down. A process that survives
 * prints how the transaction ended and "survived"; one that does not dies of an unhandled 'error' event.
 */
import { createPool, withTransaction } from '../../../src/storage/pool.js';

const pool = createPool(process.env.DATABASE_URL!, 2);
try {
  await withTransaction(pool, async (client) => {
    await client.query('SELECT 1');
    process.stdout.write('inside\n');
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.HOLD_MS ?? 3_000)));
    await client.query('SELECT 1');
  });
  process.stdout.write('committed\n');
} catch (error) {
  process.stdout.write(`rejected: ${(error as Error).message}\n`);
}
await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 2_000))]).catch(() => undefined);
process.stdout.write('survived\n');
