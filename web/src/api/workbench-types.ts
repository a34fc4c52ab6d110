/**
 * Shapes of the workbench endpoints (docs/api-workbench.md): request bodies and queries from the server's
 * zod schemas, answers from its services where they exist, written out here where the server builds them
 * inline.
 */
import type { z } from 'zod';
import type { knownLocales } from '../../../src/services/locales';
import type { ArticleListItem } from '../../../src/services/article-list';
import type { ArticlePreview } from '../../../src/services/preview-article';
import type { listTasksForEditor } from '../../../src/services/article-tasks';
import type { reassignCandidates } from '../../../src/services/candidates';
import type { CommentRow } from '../../../src/storage/comments-repo';
import type { QaFinding } from './client';
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

export type { Eta } from '../../../src/domain/estimate';
export type { LocaleProgress } from '../../../src/services/article-progress';
export type ArticleSummary = ArticleListItem;
export type DryRun = ArticlePreview;

type EditorGrid = Awaited<ReturnType<typeof listTasksForEditor>>;
/** The grid as the route sends it: QA findings with their message in the interface language. */
export type GridTask = Omit<EditorGrid['tasks'][number], 'qa'> & { qa: QaFinding[] };
export type Grid = Omit<EditorGrid, 'tasks'> & { tasks: GridTask[] };

/** Someone an editor may give a task to (GET /articles/:id/candidates). */
export type Candidate = Awaited<ReturnType<typeof reassignCandidates>>['items'][number];

export type Comment = Omit<CommentRow, 'createdAt'> & { createdAt: string; unresolvedMentions?: string[] };

export type LocaleSettings = Awaited<ReturnType<typeof knownLocales>>[number];

export type WorkNotice = Omit<Notice, 'detail' | 'at'> & {
  at: string;
  detail?: { comment?: string; text?: string; reason?: string; by?: { id: string; name: string } | string; commentId?: number } | null;
};
