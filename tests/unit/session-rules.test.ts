import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite, newSessionTimes, slidTo } from '../../src/domain/session.js';

const own = ['https://desk.example'];

describe('cross-site writes', () => {
  it('trusts what the browser says in Sec-Fetch-Site', () => {
    expect(isCrossSiteWrite({ method: 'POST', fetchSite: 'same-origin', origin: 'https://evil.example', ownOrigins: own })).toBe(false);
    expect(isCrossSiteWrite({ method: 'POST', fetchSite: 'none', origin: undefined, ownOrigins: own })).toBe(false);
    expect(isCrossSiteWrite({ method: 'DELETE', fetchSite: 'same-site', origin: 'https://desk.example', ownOrigins: own })).toBe(true);
    expect(isCrossSiteWrite({ method: 'PATCH', fetchSite: 'cross-site', origin: undefined, ownOrigins: own })).toBe(true);
  });

  it('falls back to Origin, and lets programs without either header through', () => {
    expect(isCrossSiteWrite({ method: 'PUT', fetchSite: undefined, origin: 'https://DESK.example', ownOrigins: own })).toBe(false);
    expect(isCrossSiteWrite({ method: 'PUT', fetchSite: undefined, origin: 'null', ownOrigins: own })).toBe(true);
    expect(isCrossSiteWrite({ method: 'POST', fetchSite: undefined, origin: undefined, ownOrigins: own })).toBe(false);
  });

  it('never refuses a read', () => {
    expect(isCrossSiteWrite({ method: 'GET', fetchSite: 'cross-site', origin: 'https://evil.example', ownOrigins: own })).toBe(false);
  });
});

describe('session expiry', () => {
  const start = new Date('2026-01-01T08:00:00Z');
  const hour = 3600;

  it('ends after the idle time, or the maximum if that comes first', () => {
    expect(newSessionTimes(start, 12 * hour, 14 * 24 * hour).expiresAt.toISOString()).toBe('2026-01-01T20:00:00.000Z');
    expect(newSessionTimes(start, 12 * hour, 2 * hour).expiresAt.toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('slides with use, written at most once a minute, never past the maximum', () => {
    const times = newSessionTimes(start, 12 * hour, 13 * hour);
    expect(slidTo(times, new Date(start.getTime() + 30_000), 12 * hour)).toBeNull();
    expect(slidTo(times, new Date(start.getTime() + 61_000), 12 * hour)?.toISOString()).toBe('2026-01-01T20:01:01.000Z');
    expect(slidTo(times, new Date(start.getTime() + 5 * hour * 1000), 12 * hour)?.toISOString()).toBe('2026-01-01T21:00:00.000Z');
  });
});
