/**
 * XLIFF export and import of a 500-segment article (goal: each under 500 ms), beside floors measured in the
 * same run: the article's JSON view (export) and, for import, reading the file alone in this process and a
 * re-upload of the delivered file (everything but the writes). The article is HTML with a bold name and a
 * link in every sentence, so inline codes are exercised; memory holds a near match for every sentence and
 * the glossary a term found in each, so the export carries matches and terms as a real one would.
 * Run inside `npm run bench`, or alone: `npx tsx bench/xliff.ts`.
 */
import { performance } from 'node:perf_hooks';
import { XliffReader } from '../src/domain/xliff/read.js';
import { fakeTranslation } from './lib/fake-translation.js';
import { Client } from './lib/http.js';
import { ms, summarize } from './lib/stats.js';

const api = '/api/v1';
const locale = 'fr';
const sentencesPerArticle = 499; // plus the headline: 500 segments

interface Row {
  name: string;
  value: string;
  goal?: string;
}

function articleHtml(tag: string): string {
  const sentence = (n: number) =>
    `Предложение ${n} выпуска ${tag}: президент <b>Ильхам Алиев</b> заявил о <a href="https://example.test/${tag}/${n}">новом решении</a> правительства.`;
  const paragraphs: string[] = [];
  for (let n = 1; n <= sentencesPerArticle; n += 5) {
    const count = Math.min(5, sentencesPerArticle - n + 1);
    paragraphs.push(`<p>${Array.from({ length: count }, (_, i) => sentence(n + i)).join(' ')}</p>`);
  }
  return `<html><body><article><h1>Большой материал ${tag}</h1>${paragraphs.join('\n')}</article></body></html>`;
}

function memoryTmx(tag: string): string {
  const units = Array.from({ length: sentencesPerArticle }, (_, i) => {
    const n = i + 1;
    // The sentence without one word, placeholders numbered as the HTML import numbers them: a fuzzy match.
    const [b, a] = [2 * n - 1, 2 * n];
    return (
      `<tu><tuv xml:lang="ru"><seg>Предложение ${n} выпуска ${tag}: президент ⟦${b}⟧Ильхам Алиев⟦/${b}⟧ заявил о ⟦${a}⟧решении⟦/${a}⟧ правительства.</seg></tuv>` +
      `<tuv xml:lang="fr"><seg>Phrase ${n} du numero ${tag}: le president ⟦${b}⟧Ilham Aliyev⟦/${b}⟧ a annonce une ⟦${a}⟧decision⟦/${a}⟧ du gouvernement.</seg></tuv></tu>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="ru" datatype="plaintext"/><body>${units.join('')}</body></tmx>`;
}

/** Raw requests with a text body, timed from send to last byte. */
async function timed(base: URL, method: string, path: string, token: string, body?: string, type?: string) {
  const started = performance.now();
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    body,
  });
  const text = await res.text();
  const elapsed = performance.now() - started;
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, ms: elapsed };
}

/** Targets translated as a CAT tool would leave them: the text transliterated, the inline codes in place. */
function translateFile(xml: string): string {
  return xml.replace(/(<segment[^>]*>\s*<source>[\s\S]*?<\/source>\s*<target>)([\s\S]*?)(<\/target>)/g, (_m, open: string, inner: string, close: string) =>
    `${open}${inner.replace(/(^|>)([^<]+)/g, (_t, gt: string, text: string) => gt + fakeTranslation(text, locale))}${close}`,
  );
}

export async function runXliffBench(base: URL, adminToken: string): Promise<Row[]> {
  const client = new Client(base);
  try {
    const user = await client.expect([201], 'POST', `${api}/users`, adminToken, { name: 'xliff bench', roles: ['editor'] });
    const editor = user.body.token as string;
    await client.expect([200], 'PUT', `${api}/locales/${locale}/settings`, adminToken, { disabledChecks: ['date_missing', 'date_month_missing'] });
    await client.expect([201, 409], 'POST', `${api}/glossary/ru/${locale}`, editor, { term: 'Ильхам Алиев', translation: 'Ilham Aliyev' });
    const submit = async (tag: string) => {
      const res = await timed(base, 'POST', `${api}/articles?sourceLang=ru&targetLocales=${locale}`, editor, articleHtml(tag), 'text/html');
      return JSON.parse(res.text).id as string;
    };

    // Export: an article whose suggestions the workers have stored (a near match for every sentence).
    const tag = `x${Date.now().toString(36)}`;
    await timed(base, 'POST', `${api}/tm/ru/${locale}.tmx`, editor, memoryTmx(tag), 'application/x-tmx+xml');
    const exported = await submit(tag);
    const path = `${api}/articles/${exported}/locales/${locale}/xliff`;
    const until = Date.now() + 120_000;
    let matches = 0;
    while (Date.now() < until && matches < sentencesPerArticle) {
      matches = ((await timed(base, 'GET', path, editor)).text.match(/<mtc:matches>/g) ?? []).length;
      if (matches < sentencesPerArticle) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const sample = async (p: string, runs = 10) => {
      await timed(base, 'GET', p, editor);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timed(base, 'GET', p, editor)).ms);
      return summarize(times);
    };
    const v20 = await sample(path);
    const v12 = await sample(`${path}?version=1.2`);
    const json = await sample(`${api}/articles/${exported}`);
    const size = (await timed(base, 'GET', path, editor)).text.length;

    // Import: fresh articles, each exported with targets, translated and delivered whole by the editor.
    const imports: number[] = [];
    const reuploads: number[] = [];
    const parses: number[] = [];
    // As for export, one import first that is not counted: the server's first use of the reader and the
    // checks compiles them (about twice their warm CPU). Shown apart, so the cold case stays visible.
    let cold = 0;
    for (let i = -1; i < 3; i++) {
      const id = await submit(`${tag}i${i}`);
      const file = translateFile((await timed(base, 'GET', `${api}/articles/${id}/locales/${locale}/xliff?fillTarget=source`, editor)).text);
      const upload = `${api}/articles/${id}/locales/${locale}/xliff`;
      const first = await timed(base, 'POST', upload, editor, file, 'application/xliff+xml');
      const report = JSON.parse(first.text) as { summary: Record<string, number> };
      if (report.summary.accepted !== sentencesPerArticle + 1) throw new Error(`import accepted ${JSON.stringify(report.summary)}`);
      if (i < 0) {
        cold = first.ms;
        continue;
      }
      imports.push(first.ms);
      reuploads.push((await timed(base, 'POST', upload, editor, file, 'application/xliff+xml')).ms);
      const started = performance.now();
      const reader = new XliffReader();
      reader.write(file);
      reader.end();
      parses.push(performance.now() - started);
    }
    const imported = summarize(imports);
    return [
      {
        name: `XLIFF export, 500-segment HTML article (2.0; ${matches} units with a memory match, glossary terms; ${(size / 1024).toFixed(0)} KiB)`,
        value: `p50 ${ms(v20.p50)}, max ${ms(v20.max)} (1.2: p50 ${ms(v12.p50)}; floor GET /articles/:id JSON: p50 ${ms(json.p50)})`,
        goal: `< 500 ms: ${v20.max < 500 && v12.max < 500 ? 'met' : 'not met'}`,
      },
      {
        name: 'XLIFF import, 500 units delivered by an editor (QA, history, queue, assembly; 3 fresh articles after one not counted)',
        value: `p50 ${ms(imported.p50)}, max ${ms(imported.max)} (in order: ${imports.map(ms).join(', ')}; the server's first import, not counted: ${ms(cold)}; floors: parse alone p50 ${ms(summarize(parses).p50)}; re-upload, all unchanged, p50 ${ms(summarize(reuploads).p50)})`,
        goal: `< 500 ms: ${imported.max < 500 ? 'met' : 'not met'}`,
      },
    ];
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { BenchEnv } = await import('./lib/env.js');
  const env = new BenchEnv();
  try {
    await env.start();
    for (const row of await runXliffBench(env.baseUrl, env.adminToken)) console.log(`| ${row.name} | ${row.value} | ${row.goal ?? ''} |`);
  } catch (error) {
    for (const child of env.children) console.error(`${child.name} said:\n${child.tail.join('\n')}`);
    throw error;
  } finally {
    await env.cleanup();
  }
}
