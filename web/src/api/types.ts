/**
 * The API's shapes, taken from the server's own code: request bodies from the zod schemas the server
 * validates with, answers from the services' return types. Type-only imports: nothing of the server
 * reaches the browser bundle this way.
 */
import type { z } from 'zod';
import type { articleSchema, claimSchema, createUserSchema, submitSchema } from '../../../src/http/schemas';
import type { termSchema } from '../../../src/http/routes/glossary';
import type { webhookSchema } from '../../../src/http/routes/webhooks';
import type { PresentedTask } from '../../../src/services/present-task';
import type { ArticleView } from '../../../src/services/article-view';
import type { listTasksForEditor } from '../../../src/services/article-tasks';
import type { listLocaleLinks, PublishedVersion } from '../../../src/services/published';
import type { GlossaryTerm, GlossaryImportResult, TermHit } from '../../../src/services/glossary';
import type { MemorySearchResult, MemorySuggestion } from '../../../src/services/memory/lookup';

export type { MemorySearchResult };
import type { UserRecord, Role, LanguagePair } from '../../../src/storage/users-repo';
import type { WebhookRow } from '../../../src/storage/webhooks-repo';
import type { DiffPart } from '../../../src/domain/memory/text';
import type { MachineSuggestion } from '../../../src/domain/machine/suggestions';
import type { WorkNotice } from './workbench-types';

export type ArticleInput = z.input<typeof articleSchema>;
export type ClaimInput = z.input<typeof claimSchema>;
export type SubmitInput = z.input<typeof submitSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
export type TermInput = z.input<typeof termSchema>;
export type WebhookInput = z.input<typeof webhookSchema>;

/**
 * A claimed task. The claim path's redesign adds the block and article fields and the whole paragraph
 * (every sentence, the task's own marked `current`); a server without them leaves them out.
 */
export type Task = PresentedTask & {
  blockType?: string | null;
  headline?: string;
  deadline?: string | null;
  paragraph?: Array<{ position: number; text: string; current: boolean }>;
};
type ServerLocaleLink = Awaited<ReturnType<typeof listLocaleLinks>>['locales'][number];
/** Dates travel as ISO strings. */
export type LocaleLink = Omit<ServerLocaleLink, 'publishedAt' | 'firstPublishedAt'> & { publishedAt: string; firstPublishedAt: string };
/** An article in the list of published ones (GET /published). */
export interface PublishedArticle {
  articleId: string;
  headline: string;
  sourceLang: string;
  locales: LocaleLink[];
}
export type { ArticleView, PublishedVersion, GlossaryTerm, GlossaryImportResult, TermHit, MemorySuggestion, MachineSuggestion };
export type Suggestion = Task['suggestions'][number];
export type { UserRecord, Role, LanguagePair, DiffPart };
export type EditorTasks = Awaited<ReturnType<typeof listTasksForEditor>>;
export type EditorTask = EditorTasks['tasks'][number];
export type Webhook = Omit<WebhookRow, 'createdAt'> & { createdAt: string; delivered: number; pending: number; failed: number };

export interface MyWork {
  tasks: Task[];
  notices: WorkNotice[];
}

export interface SubmitResult {
  id: string;
  status: string;
  qa: Array<{ code: string; severity: string; message: string; span?: { start: number; end: number } }>;
}

export interface HistoryEntry {
  id: number;
  locale: string;
  stage: string;
  action: string;
  text: string | null;
  comment: string | null;
  at: string;
  by: { id: string; name: string } | null;
  /** Blocking findings the person confirmed as intended with this change, each with its reason. */
  qaOverrides?: Array<{ code: string; reason: string }>;
}

export interface SegmentHistory {
  segmentId: string;
  articleId: string;
  source: string;
  history: HistoryEntry[];
}

export interface Delivery {
  id: string;
  eventId: number;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
