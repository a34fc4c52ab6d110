import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { ensureWebBuilt } from '../../web/build.js';
import { startHarness, type Harness } from '../helpers/harness.js';

// How the API serves the workbench: no browser needed, plain HTTP against the real app.
let harness: Harness;

beforeAll(async () => {
  await ensureWebBuilt();
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the workbench under /app', () => {
  it('answers every screen address with the page, never cached, so a reload of any screen works', async () => {
    for (const path of ['/app', '/app/', '/app/translate', '/app/articles/0b6a3c1e-4a0f-4c4e-9d7e-1f2a3b4c5d6e', '/app/admin/users']) {
      const page = await fetch(`${harness.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status, path).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, gzipped for clients that take it, and 404s what is not there', async () => {
    const script = readdirSync(new URL('../../dist/web/assets/', import.meta.url)).find((name) => /^index-.*\.js$/.test(name))!;
    const zipped = await fetch(`${harness.baseUrl}/app/assets/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('cache-control')).toContain('max-age=31536000');
    expect(zipped.headers.get('content-type')).toMatch(/javascript/);
    // fetch inflates by itself; the raw bytes it got were gzip if it had to.
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect((await zipped.text()).length).toBeGreaterThan(100);
    const plain = await harness.call('GET', `/app/assets/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.text.length).toBeGreaterThan(100);

    const missing = await harness.call('GET', '/app/assets/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('leaves the API its own answers: an unknown API path is a problem, not the page', async () => {
    const api = await harness.call('GET', '/api/v1/nothing', { token: harness.adminToken, headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
