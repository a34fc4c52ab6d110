import { commentEventType } from '../domain/live-events.js';
import { extractMentions } from '../domain/mentions.js';
import { AppError } from '../errors.js';
import { findPeopleByMentionKey, findSegmentAccess, insertComment, listComments, type CommentRow, type SegmentAccess } from '../storage/comments-repo.js';
import { insertNotice } from '../storage/notices-repo.js';
import { withTransaction } from '../storage/pool.js';
import { insertEvent } from '../storage/published-repo.js';
import type { UserRecord } from '../domain/people.js';
import type { ServiceDeps } from './deps.js';

/** How much of a comment a notice carries: enough to read in a list, the rest is one click away. */
const noticeExcerptChars = 280;

/**
 * Who may read and write a segment's discussion: editors (and admins), the translators and reviewers of its
 * article (who hold or have held one of the article's tasks: a sentence is discussed with its neighbours in
 * mind), and anyone mentioned on it.
 */
async function checkAccess(deps: Pick<ServiceDeps, 'pool'>, user: UserRecord, segmentId: string): Promise<SegmentAccess> {
  const access = await findSegmentAccess(deps.pool, segmentId, user.id);
  if (!access) throw new AppError('segment_not_found', { id: segmentId });
  const desk = user.roles.includes('editor') || user.roles.includes('admin');
  if (!desk && !access.involved && !access.mentioned) throw new AppError('segment_access_denied', { id: segmentId });
  return access;
}

export async function segmentComments(deps: Pick<ServiceDeps, 'pool'>, user: UserRecord, segmentId: string, locale: string | null): Promise<CommentRow[]> {
  await checkAccess(deps, user, segmentId);
  return listComments(deps.pool, segmentId, locale);
}

/**
 * Adds a comment. Each person it mentions (never its author) gets a notice, which their open event streams
 * receive; editors' streams get a `comment.created` event. All in one transaction with the comment.
 */
export async function addComment(
  deps: Pick<ServiceDeps, 'pool'>,
  user: UserRecord,
  segmentId: string,
  input: { text: string; locale: string | null },
): Promise<CommentRow & { unresolvedMentions: string[] }> {
  const access = await checkAccess(deps, user, segmentId);
  if (input.locale !== null && !access.targetLocales.includes(input.locale)) {
    throw new AppError('validation_failed', {}, [{ path: 'locale', message: 'not_a_target_locale' }]);
  }
  const keys = extractMentions(input.text);
  const people = await findPeopleByMentionKey(deps.pool, keys);
  const mentioned = people.filter((person) => person.id !== user.id);
  const comment = await withTransaction(deps.pool, async (client) => {
    const row = await insertComment(client, {
      segmentId,
      articleId: access.articleId,
      locale: input.locale,
      authorId: user.id,
      text: input.text,
      mentions: [...new Set(mentioned.map((p) => p.id))],
    });
    const excerpt = input.text.length > noticeExcerptChars ? `${input.text.slice(0, noticeExcerptChars - 1)}…` : input.text;
    for (const person of new Map(mentioned.map((p) => [p.id, p])).values()) {
      await insertNotice(client, person.id, null, 'mentioned', {
        articleId: access.articleId,
        segmentId,
        detail: { commentId: row.id, text: excerpt, by: { id: user.id, name: user.name }, locale: input.locale },
      });
    }
    await insertEvent(client, commentEventType, access.articleId, {
      articleId: access.articleId,
      segmentId,
      commentId: row.id,
      locale: input.locale,
      by: { id: user.id, name: user.name },
    });
    return row;
  });
  const found = new Set(people.map((p) => p.key));
  return { ...comment, unresolvedMentions: keys.filter((key) => !found.has(key)) };
}
