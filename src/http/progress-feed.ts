import type { Logger } from '../logger.js';
import { articleProgress, type ArticleProgress } from '../services/article-progress.js';
import type { ServiceDeps } from '../services/deps.js';

/** How often followed articles are read again: progress bars move within this, and nothing is read faster. */
export const progressIntervalMs = 2_000;
/** A bound on one reading: beyond this many followed articles, the oldest followers' extra ones wait. */
const maxArticlesPerReading = 2_000;

interface Follower {
  articleIds: string[];
  send(progress: ArticleProgress): void;
  /** What this follower last heard per article, so only changes are sent. */
  heard: Map<string, string>;
}

/**
 * Live progress for editors without a write on the claim/submit path: while anyone follows an article,
 * this process reads the progress of every followed article in one grouped query every couple of seconds
 * and sends each follower what changed since it last heard (everything, on its first reading). The cost is
 * one read per process per interval while someone watches, whatever the number of submits.
 */
export class ProgressFeed {
  private readonly followers = new Set<Follower>();
  private timer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(private readonly deps: Pick<ServiceDeps, 'pool'> & { logger: Logger }) {}

  follow(articleIds: string[], send: (progress: ArticleProgress) => void): () => void {
    const follower: Follower = { articleIds, send, heard: new Map() };
    this.followers.add(follower);
    this.timer ??= setInterval(() => void this.read(), progressIntervalMs);
    this.timer.unref();
    return () => {
      this.followers.delete(follower);
      if (this.followers.size === 0) this.stop();
    };
  }

  private async read(): Promise<void> {
    if (this.reading || this.followers.size === 0) return;
    this.reading = true;
    try {
      const ids = new Set<string>();
      for (const follower of this.followers) {
        for (const id of follower.articleIds) if (ids.size < maxArticlesPerReading) ids.add(id);
      }
      const progress = await articleProgress(this.deps, [...ids]);
      for (const follower of this.followers) {
        for (const id of follower.articleIds) {
          const current = progress.get(id);
          if (!current) continue;
          const text = JSON.stringify(current);
          if (follower.heard.get(id) === text) continue;
          follower.heard.set(id, text);
          follower.send(current);
        }
      }
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'progress reading failed; trying again next interval');
    } finally {
      this.reading = false;
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    this.followers.clear();
    this.stop();
  }
}
