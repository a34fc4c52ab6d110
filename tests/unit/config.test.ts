import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/dragoman',
      redisUrl: 'redis://127.0.0.1:6379',
      leaseSeconds: 900,
      publicUrl: undefined,
      publicPages: true,
      siteName: 'Dragoman',
      adminToken: undefined,
    });
  });

  it('waits 200 ms for a rate-limit count unless told otherwise', () => {
    expect(loadConfig({}).rateLimits.deadlineMs).toBe(200);
    expect(loadConfig({ DRAGOMAN_RATE_LIMIT_DEADLINE_MS: '5000' }).rateLimits.deadlineMs).toBe(5000);
  });

  it('turns public pages off on request', () => {
    expect(loadConfig({ DRAGOMAN_PUBLIC_PAGES: 'off' }).publicPages).toBe(false);
  });

  it('reads the environment and trims a trailing slash from the public URL', () => {
    const config = loadConfig({ PORT: '9000', DRAGOMAN_LEASE_SECONDS: '60', DRAGOMAN_PUBLIC_URL: 'https://news.example/' });
    expect(config).toMatchObject({ port: 9000, leaseSeconds: 60, publicUrl: 'https://news.example' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['DRAGOMAN_LEASE_SECONDS', '-1'],
    ['DRAGOMAN_ADMIN_TOKEN', 'short'],
    ['DRAGOMAN_PUBLIC_URL', 'not a url'],
    ['DRAGOMAN_PUBLIC_URL', 'javascript:alert(1)'],
    ['DRAGOMAN_PUBLIC_PAGES', 'yes'],
    ['DRAGOMAN_RATE_LIMIT_DEADLINE_MS', '0'],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
