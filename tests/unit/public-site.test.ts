import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PublicSite } from '../../src/services/public-site.js';

describe('public links', () => {
  it('follow the port the API actually listens on when no public URL is set', () => {
    const site = new PublicSite(loadConfig({ PORT: '0' }));
    site.listeningOn(43_117);
    expect(site.baseUrl).toBe('http://localhost:43117');
    expect(site.pageUrl('a1', 'ar')).toBe('http://localhost:43117/news/a1/ar');
    expect(site.feedUrl('ar')).toBe('http://localhost:43117/feeds/ar.atom');
  });

  it('use PORT before the API listens (a workers-only process)', () => {
    expect(new PublicSite(loadConfig({ PORT: '9090' })).baseUrl).toBe('http://localhost:9090');
  });

  it('take DRAGOMAN_PUBLIC_URL over the listening address', () => {
    const site = new PublicSite(loadConfig({ DRAGOMAN_PUBLIC_URL: 'https://news.example/world/' }));
    site.listeningOn(43_117);
    expect(site.pageUrl('a1', 'en')).toBe('https://news.example/world/news/a1/en');
  });

  it('point at the API (which needs a token) when public pages are off', () => {
    const site = new PublicSite(loadConfig({ DRAGOMAN_PUBLIC_URL: 'https://news.example', DRAGOMAN_PUBLIC_PAGES: 'off' }));
    expect(site.pageUrl('a1', 'en')).toBe('https://news.example/api/v1/published/a1/en');
    expect(site.feedUrl('en')).toBeNull();
    expect(site.sitemapUrl()).toBeNull();
  });
});
