/**
 * Shapes of the workbench endpoints (docs/api-workbench.md). They move to type imports from the server
 * once its code for them is merged.
 */
import type { Role, LanguagePair } from '../../../src/storage/users-repo';

export interface SessionUser {
  id: string;
  name: string;
  roles: Role[];
  languagePairs: LanguagePair[];
  capacity: number;
  available: boolean;
}

export interface ArticleListQuery {
  status?: string;
  locale?: string;
  priority?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface ArticleSummary {
  id: string;
  headline: string;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  status: string;
  revision: number;
  createdAt: string;
  progress: Record<string, { total: number; done: number; inProgress?: number; inReview?: number; status?: string; etaSeconds?: number | null }>;
}

export interface ArticleList {
  items: ArticleSummary[];
  nextCursor: string | null;
}

export interface DryRun {
  headline: string;
  dateline: string | null;
  datelineDate?: string | null;
  blocks: Array<{ index?: number; type: string; segments: Array<{ text: string }> }>;
  dropped?: Array<{ text: string; reason?: string } | string>;
}

export interface Comment {
  id: string;
  segmentId: string;
  locale: string | null;
  text: string;
  author: { id: string; name: string };
  createdAt: string;
}
