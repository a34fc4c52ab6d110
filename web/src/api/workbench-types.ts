/**
 * Shapes of the workbench endpoints as docs/api-workbench.md states them. They move to type imports from
 * the server once its code for them is merged.
 */
import type { Role, LanguagePair } from '../../../src/storage/users-repo';

export interface Person {
  id: string;
  name: string;
  roles: Role[];
  languagePairs: LanguagePair[];
  capacity: number;
  available: boolean;
  interfaceLanguage: 'en' | 'ru' | 'ar' | null;
  createdAt: string;
}

export interface SessionUser extends Person {
  auth?: { method: 'session' | 'token'; expiresAt?: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ArticleListQuery {
  status?: string;
  locale?: string;
  priority?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface Eta {
  seconds: number | null;
  basis: 'article' | 'pair' | 'none' | 'done';
  perHour?: number;
  remaining?: number;
  ahead?: number;
}

export interface LocaleProgress {
  total: number;
  done: number;
  inProgress: number;
  inReview: number;
  flagged: number;
  status: string;
  dir: 'ltr' | 'rtl';
  eta?: Eta;
}

export interface ArticleSummary {
  id: string;
  headline: string;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  revision: number;
  status: 'translating' | 'complete';
  createdAt: string;
  createdBy?: { id: string; name: string } | null;
  progress: Record<string, LocaleProgress>;
}

export interface DryRun {
  dryRun: true;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  review: string[];
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  blocks: Array<{ index: number; type: string; text: string; segments: Array<{ position: number; text: string }> }>;
  segmentCount: number;
  taskCount: number;
  memoryFills: Record<string, number>;
  dropped: Array<{ reason: string; text: string }>;
}

export interface GridTask {
  id: string;
  segmentId: string;
  position: number;
  blockIndex: number;
  blockType: string;
  targetLocale: string;
  dir: 'ltr' | 'rtl';
  status: string;
  source: string;
  translation: string | null;
  draft: string | null;
  filledFrom: string | null;
  assignee: { id: string; name: string; via: string } | null;
  leaseExpiresAt: string | null;
  abandonCount: number;
  flagged: boolean;
  translatedBy: { id: string; name: string } | string | null;
  reviewedBy: { id: string; name: string } | string | null;
  reviewComment: string | null;
  comments: number;
  qa: Array<{ code: string; severity: string; message: string }>;
}

export interface Grid {
  articleId: string;
  revision: number;
  priority: string;
  deadline: string | null;
  tasks: GridTask[];
}

export interface Comment {
  id: number;
  segmentId: string;
  articleId: string;
  locale: string | null;
  text: string;
  author: { id: string; name: string };
  mentions: Array<{ id: string; name: string }>;
  createdAt: string;
  unresolvedMentions?: string[];
}

export interface LocaleSettings {
  locale: string;
  dir: 'ltr' | 'rtl';
  reviewByDefault: boolean;
  reviewMemoryMatches: boolean;
  disabledChecks: string[];
  configured: boolean;
  translators?: number;
  reviewers?: number;
}

export interface WorkNotice {
  id: number;
  kind: string;
  taskId: string | null;
  articleId?: string | null;
  segmentId?: string | null;
  locale?: string | null;
  detail?: { comment?: string; text?: string; by?: { id: string; name: string } | string; commentId?: number } | null;
  at: string;
}
