/**
 * A pasted page, text or HTML, read the way ingest reads it: headline, dateline, typed blocks and the
 * inline markup of an HTML page. The API (POST /articles with text/plain or text/html) and the command
 * line (`dragoman segment --structure`) both go through here, so the preview is what the API will store.
 */
import type { MarkupTag } from '../markup/tags.js';
import type { DroppedText } from './dropped.js';
import { importHtml } from './html.js';
import { importPlainText, type ImportedArticle } from './plain-text.js';

export type PastedKind = 'text' | 'html';

export interface PastedPage extends ImportedArticle {
  markup: Record<string, MarkupTag>;
}

/** `dropped`, when given, collects the page chrome left out (the editor's preview shows it). */
export function importPastedPage(kind: PastedKind, text: string, lang: string, dropped?: DroppedText[]): PastedPage {
  return kind === 'html' ? importHtml(text, lang, dropped) : { ...importPlainText(text, lang, dropped), markup: {} };
}
