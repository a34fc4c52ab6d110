import type { Config } from '../config.js';
import { apiPaths, publicPaths } from '../domain/publishing/links.js';

/**
 * Where readers find the published versions. The operator's DRAGOMAN_PUBLIC_URL wins; without it links
 * follow the address the API actually listens on, which is only known once it listens (PORT=0 picks a free
 * port). One process shares one instance between its API and its workers, so the events the workers write
 * carry the same links the pages show; a workers-only process knows the API's PORT from the same environment.
 */
export class PublicSite {
  private listeningPort: number | null = null;

  constructor(private readonly config: Pick<Config, 'publicUrl' | 'port' | 'publicPages' | 'siteName'>) {}

  listeningOn(port: number): void {
    this.listeningPort = port;
  }

  get baseUrl(): string {
    return this.config.publicUrl ?? `http://localhost:${this.listeningPort ?? this.config.port}`;
  }

  get name(): string {
    return this.config.siteName;
  }

  /** Public pages can be turned off; links then point at the API, which needs a token. */
  get pagesArePublic(): boolean {
    return this.config.publicPages;
  }

  pageUrl(articleId: string, locale: string): string {
    const path = this.config.publicPages ? publicPaths.page(articleId, locale) : apiPaths.page(articleId, locale);
    return this.baseUrl + path;
  }

  feedUrl(locale: string): string | null {
    return this.config.publicPages ? this.baseUrl + publicPaths.feed(locale) : null;
  }

  sitemapUrl(): string | null {
    return this.config.publicPages ? this.baseUrl + publicPaths.sitemap() : null;
  }
}
