/**
 * Pure part of `dragoman segment --structure`: a pasted page in, the article ingest would make of it out –
 * each block under a "# <type>" line with one segment per line, the dateline on its own "# dateline:" line.
 * The segments are exactly those the API stores for the same page (same importer, same segmentation).
 */
import { segmentArticle } from '../domain/article.js';
import { importPastedPage, type PastedKind } from '../domain/import/pasted-page.js';

export function formatStructure(text: string, lang: string, kind: PastedKind): string {
  const page = importPastedPage(kind, text, lang);
  const segments = segmentArticle({ sourceLang: lang, headline: page.headline.trim(), blocks: page.blocks.map((b) => ({ ...b, text: b.text.trim() })) });
  return renderStructure(page.dateline ?? null, segments);
}

/** The shared rendering, also used by the test that reads the API's stored segments back. */
export function renderStructure(dateline: string | null, segments: Array<{ blockIndex: number; blockType: string; text: string }>): string {
  const lines: string[] = [];
  let block = -1;
  let datelineShown = !dateline;
  const showDateline = () => {
    if (datelineShown) return;
    lines.push('', `# dateline: ${dateline}`);
    datelineShown = true;
  };
  for (const segment of segments) {
    if (segment.blockIndex !== block) {
      // The dateline sits between the headline and the first block, as on the page.
      if (block === 0) showDateline();
      if (lines.length > 0) lines.push('');
      lines.push(`# ${segment.blockType}`);
      block = segment.blockIndex;
    }
    // A segment may span a line break inside its block; one segment per line stays true.
    lines.push(segment.text.replace(/\s+/g, ' '));
  }
  if (lines.length > 0) showDateline();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
