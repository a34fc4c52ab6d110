import { describe, expect, it } from 'vitest';
import { isUnavailableError } from '../../src/errors.js';

/** Which failures of PostgreSQL and Redis are answered 503 (come back soon) rather than 500. */
describe('errors that mean "come back soon"', () => {
  it('include connection failures and the answers Redis gives while it cannot serve', () => {
    for (const message of [
      'LOADING Redis is loading the dataset in memory',
      "READONLY You can't write against a read only replica.",
      'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
      'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no.',
      "Stream isn't writeable and enableOfflineQueue options is false",
      'Connection is closed.',
      'Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.',
    ]) {
      expect(isUnavailableError(new Error(message)), message).toBe(true);
    }
    for (const code of ['ECONNREFUSED', '57P01', '53300']) expect(isUnavailableError(Object.assign(new Error('x'), { code }))).toBe(true);
  });

  it('leave out programming and data errors, which stay 500s to be fixed', () => {
    for (const message of ['ERR Error running script: attempt to compare nil with number', 'Cannot read properties of undefined', 'syntax error at or near "FROM"']) {
      expect(isUnavailableError(new Error(message)), message).toBe(false);
    }
    expect(isUnavailableError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
