import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/layers', import.meta.url));
const depcruise = `${root}node_modules/.bin/depcruise`;

/**
 * Runs the project's layer rules over a tiny tree that breaks each rule once, the way `npm test` runs them
 * (the `err` reporter, whose exit code is the number of errors), and reads back "rule: from -> to".
 */
async function cruiseFixture(): Promise<{ exitCode: number; violations: string[] }> {
  const args = ['src', 'workers', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err'];
  let exitCode = 0;
  let output: string;
  try {
    output = (await run(depcruise, args, { cwd: fixture })).stdout;
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    exitCode = failed.code;
    output = failed.stdout;
  }
  // A cycle is printed over several lines; its first hop is enough to name it.
  const violations = [...output.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map(([, rule, from, to]) => `${rule}: ${from} -> ${to}`);
  return { exitCode, violations };
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('fail the run on each kind of broken layer, naming the import that breaks it', async () => {
    const { exitCode, violations } = await cruiseFixture();
    expect(exitCode).toBe(8);
    expect(violations.sort()).toEqual(
      [
        'domain-has-no-io: src/domain/reads-files.ts -> fs',
        'domain-is-pure: src/domain/uses-service.ts -> src/services/serve.ts',
        'http-never-imports-storage: src/http/route.ts -> src/storage/rows.ts',
        'no-cycles: src/services/cycle-a.ts -> src/services/cycle-b.ts',
        'queues-below-services: src/queues/producer.ts -> src/services/serve.ts',
        'src-never-imports-tests: src/services/uses-test-helper.ts -> tests/helper.ts',
        'src-never-imports-tests: workers/job.ts -> tests/helper.ts',
        'workers-never-import-storage: workers/job.ts -> src/storage/rows.ts',
      ].sort(),
    );
  }, 60_000);
});
