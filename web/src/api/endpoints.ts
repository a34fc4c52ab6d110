import { request } from './client';
import type {
  ArticleInput,
  ArticleView,
  ClaimInput,
  CreateUserInput,
  Delivery,
  GlossaryImportResult,
  GlossaryTerm,
  LocaleLink,
  MemorySearchResult,
  MyWork,
  PublishedArticle,
  PublishedVersion,
  SegmentHistory,
  SubmitResult,
  Task,
  TermHit,
  TermInput,
  UserRecord,
  Webhook,
  WebhookInput,
} from './types';
import type {
  ArticleChanges,
  ArticleListQuery,
  ArticleSummary,
  Candidate,
  Comment,
  CommentInput,
  DryRun,
  Grid,
  LocaleSettings,
  MeUpdate,
  Page,
  Person,
  PersonChanges,
  SessionUser,
  UsersQuery,
  WorkNotice,
} from './workbench-types';

const enc = encodeURIComponent;

export const session = {
  signIn: (token: string) => request<SessionUser>('POST', '/session', { json: { token } }),
  me: () => request<SessionUser>('GET', '/me'),
  signOut: () => request<null>('DELETE', '/session'),
  setInterfaceLanguage: (interfaceLanguage: MeUpdate['interfaceLanguage']) => request<SessionUser>('PATCH', '/me', { json: { interfaceLanguage } satisfies MeUpdate }),
  languages: () => request<{ items: Array<{ code: string; dir: 'ltr' | 'rtl' }> }>('GET', '/languages'),
  notices: (after?: number) => request<{ items: WorkNotice[] }>('GET', '/notices', { query: { after } }),
};

export type Stage = 'translate' | 'review';
const stagePath = (stage: Stage) => (stage === 'review' ? '/reviews' : '/tasks');

export const work = {
  claim: (stage: Stage, input: ClaimInput = {}) => request<Task | { tasks: Task[] } | null>('POST', `${stagePath(stage)}/claim`, { json: input }),
  mine: () => request<MyWork>('GET', '/tasks/mine'),
  heartbeat: (stage: Stage, id: string) => request<{ leaseExpiresAt: string }>('POST', `${stagePath(stage)}/${enc(id)}/heartbeat`),
  release: (stage: Stage, id: string) => request<null>('POST', `${stagePath(stage)}/${enc(id)}/release`),
  submit: (id: string, text: string, overrides?: Array<{ code: string; reason: string }>) =>
    request<SubmitResult>('POST', `/tasks/${enc(id)}/submit`, { json: overrides?.length ? { text, overrides } : { text } }),
  approve: (id: string, text?: string, overrides?: Array<{ code: string; reason: string }>) =>
    request<SubmitResult>('POST', `/reviews/${enc(id)}/approve`, {
      json: { ...(text === undefined ? {} : { text }), ...(overrides?.length ? { overrides } : {}) },
    }),
  reject: (id: string, comment: string) => request<{ id: string; status: string }>('POST', `/reviews/${enc(id)}/reject`, { json: { comment } }),
  availability: (available: boolean) => request<{ available: boolean }>('POST', '/translators/me/availability', { json: { available } }),
  glossaryHits: (source: string, target: string, text: string) =>
    request<{ hits: TermHit[] }>('GET', `/glossary/${enc(source)}/${enc(target)}/hits`, { query: { text } }),
};

export const segments = {
  history: (id: string) => request<SegmentHistory>('GET', `/segments/${enc(id)}/history`),
  comments: (id: string, locale?: string) => request<{ items: Comment[] }>('GET', `/segments/${enc(id)}/comments`, { query: { locale } }),
  comment: (id: string, text: string, locale?: string) =>
    request<Comment>('POST', `/segments/${enc(id)}/comments`, { json: { text, locale } satisfies CommentInput }),
};

export type PastedKind = 'text' | 'html';
export interface PastedOptions {
  sourceLang: string;
  targetLocales: string[];
  priority?: string;
  deadline?: string;
  review?: boolean;
}

function pastedQuery(options: PastedOptions, dryRun: boolean) {
  return {
    sourceLang: options.sourceLang,
    targetLocales: options.targetLocales.join(','),
    priority: options.priority,
    deadline: options.deadline,
    review: options.review === undefined ? undefined : String(options.review),
    dryRun: dryRun ? 'true' : undefined,
  };
}

export const articles = {
  list: (query: ArticleListQuery) => request<Page<ArticleSummary>>('GET', '/articles', { query: { ...query } }),
  get: (id: string) => request<ArticleView>('GET', `/articles/${enc(id)}`),
  grid: (id: string) => request<Grid>('GET', `/articles/${enc(id)}/tasks`),
  candidates: (id: string, locale: string, stage: 'translate' | 'review') =>
    request<{ items: Candidate[] }>('GET', `/articles/${enc(id)}/candidates`, { query: { locale, stage } }),
  preview: (input: ArticleInput) => request<DryRun>('POST', '/articles', { json: input, query: { dryRun: 'true' } }),
  previewPasted: (kind: PastedKind, text: string, options: PastedOptions) =>
    request<DryRun>('POST', '/articles', { text, contentType: kind === 'html' ? 'text/html' : 'text/plain', query: pastedQuery(options, true) }),
  // The idempotency key makes a retry after a lost answer safe: the same article is not created twice.
  submit: (input: ArticleInput, idempotencyKey: string) =>
    request<ArticleView>('POST', '/articles', { json: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  submitPasted: (kind: PastedKind, text: string, options: PastedOptions, idempotencyKey: string) =>
    request<ArticleView>('POST', '/articles', {
      text,
      contentType: kind === 'html' ? 'text/html' : 'text/plain',
      query: pastedQuery(options, false),
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  revise: (id: string, input: ArticleInput) => request<ArticleView>('PUT', `/articles/${enc(id)}`, { json: input }),
  change: (id: string, changes: ArticleChanges) =>
    request<{ id: string; priority: string; deadline: string | null; requeued: number }>('PATCH', `/articles/${enc(id)}`, { json: changes }),
  reassign: (taskId: string, assigneeId: string) => request<unknown>('POST', `/tasks/${enc(taskId)}/reassign`, { json: { assigneeId } }),
  release: (taskId: string) => request<null>('POST', `/tasks/${enc(taskId)}/release`),
  withdraw: (id: string, reason?: string) =>
    request<{ articleId: string; withdrawnAt: string; reason: string | null }>('POST', `/articles/${enc(id)}/withdraw`, { json: reason ? { reason } : {} }),
};

export const published = {
  list: (query: { cursor?: string; limit?: number }) => request<Page<PublishedArticle>>('GET', '/published', { query }),
  links: (articleId: string) => request<{ articleId: string; sourceLang: string; locales: LocaleLink[] }>('GET', `/published/${enc(articleId)}`),
  version: (articleId: string, locale: string) => request<PublishedVersion>('GET', `/published/${enc(articleId)}/${enc(locale)}`),
};

export const users = {
  list: (query: UsersQuery = {}) => request<Page<Person>>('GET', '/users', { query }),
  create: (input: CreateUserInput) => request<UserRecord & { token: string }>('POST', '/users', { json: input }),
  update: (id: string, changes: PersonChanges) =>
    request<Person>('PATCH', `/users/${enc(id)}`, { json: changes }),
  rotateToken: (id: string) => request<{ token: string }>('POST', `/users/${enc(id)}/token`),
};

export const locales = {
  list: () => request<{ items: LocaleSettings[] }>('GET', '/locales'),
  put: (locale: string, settings: { reviewByDefault: boolean; reviewMemoryMatches: boolean; disabledChecks: string[] }) =>
    request<unknown>('PUT', `/locales/${enc(locale)}/settings`, { json: settings }),
};

export const glossary = {
  list: (source: string, target: string, q?: string, offset = 0) =>
    request<{ terms: GlossaryTerm[]; total: number; limit: number; offset: number }>('GET', `/glossary/${enc(source)}/${enc(target)}`, { query: { q, offset, limit: 50 } }),
  create: (source: string, target: string, term: TermInput) => request<GlossaryTerm>('POST', `/glossary/${enc(source)}/${enc(target)}`, { json: term }),
  remove: (source: string, target: string, id: string) => request<null>('DELETE', `/glossary/${enc(source)}/${enc(target)}/${enc(id)}`),
  import: (source: string, target: string, text: string, kind: 'csv' | 'tbx') =>
    request<GlossaryImportResult>('POST', `/glossary/${enc(source)}/${enc(target)}/import`, { text, contentType: kind === 'csv' ? 'text/csv' : 'application/x-tbx+xml' }),
};

export const memory = {
  search: (source: string, target: string, q: string, offset = 0) =>
    request<{ results: MemorySearchResult[]; total: number; limit: number; offset: number }>('GET', '/tm/search', { query: { source, target, q, offset } }),
  exportUrl: (source: string, target: string) => `/api/v1/tm/${enc(source)}/${enc(target)}.tmx`,
  import: (source: string, target: string, tmx: string) =>
    request<{ imported?: number; [key: string]: unknown }>('POST', `/tm/${enc(source)}/${enc(target)}.tmx`, { text: tmx, contentType: 'application/x-tmx+xml' }),
};

export const webhooks = {
  list: () => request<{ webhooks: Webhook[] }>('GET', '/webhooks'),
  create: (input: WebhookInput) => request<Webhook>('POST', '/webhooks', { json: input }),
  remove: (id: string) => request<null>('DELETE', `/webhooks/${enc(id)}`),
  deliveries: (id: string) => request<{ deliveries: Delivery[] }>('GET', `/webhooks/${enc(id)}/deliveries`),
};
