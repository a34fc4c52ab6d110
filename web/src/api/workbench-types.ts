/**
 * Shapes of the workbench endpoints (docs/api-workbench.md): request bodies and queries from the server's
 * zod schemas, answers from its services where they exist, written out here where the server builds them
 * inline.
 */
import type { z } from 'zod';
import type { knownLocales } from '../../../src/services/locales';
import type { Notice } from '../../../src/services/notices';
import type { Profile } from '../../../src/services/people';
import type {
  articleChangesSchema,
  articlesQuery,
  commentSchema,
  meUpdateSchema,
  personChangesSchema,
  usersQuery,
} from '../../../src/http/workbench-schemas';

export type Person = Omit<Profile, 'interfaceLanguage'> & { interfaceLanguage: 'en' | 'ru' | 'ar' | null };
export type PersonChanges = z.input<typeof personChangesSchema>;
// Queries travel as text; their parsed shape is what a caller fills in.
export type UsersQuery = Partial<z.output<typeof usersQuery>>;
export type ArticleChanges = z.input<typeof articleChangesSchema>;
export type CommentInput = z.input<typeof commentSchema>;
export type MeUpdate = z.input<typeof meUpdateSchema>;

export interface SessionUser extends Person {
  auth?: { method: 'session' | 'token'; expiresAt?: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ArticleListQuery = Partial<z.output<typeof articlesQuery>>;

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

export type LocaleSettings = Awaited<ReturnType<typeof knownLocales>>[number];

export type WorkNotice = Omit<Notice, 'detail' | 'at'> & {
  at: string;
  detail?: { comment?: string; text?: string; by?: { id: string; name: string } | string; commentId?: number } | null;
};
