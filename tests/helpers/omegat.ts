/**
 * A real CAT tool in the loop: OmegaT (Debian package omegat) run headless on a project folder, as a
 * translator's machine would. The project holds the XLIFF 1.2 files in source/ and the translator's work in
 * omegat/project_save.tmx (TMX 1.4, xml:lang on every tuv); `console-translate` writes target/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OmegatProject {
  dir: string;
  /** The translator's memory as written to omegat/project_save.tmx. */
  memoryTmx: string;
  translated(name: string): string;
  remove(): void;
}

/** One entry of the translator's memory: OmegaT's segment text (tags as <g0>, <x1/>) and its translation. */
export interface OmegatEntry {
  source: string;
  target: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function projectSaveTmx(sourceLang: string, targetLocale: string, entries: OmegatEntry[]): string {
  const units = entries
    .map(
      (e) =>
        `    <tu>\n      <tuv xml:lang="${sourceLang}"><seg>${escape(e.source)}</seg></tuv>\n` +
        `      <tuv xml:lang="${targetLocale}"><seg>${escape(e.target)}</seg></tuv>\n    </tu>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n` +
    `  <header creationtool="Dragoman tests" creationtoolversion="1" segtype="sentence" o-tmf="OmegaT TMX" adminlang="en" srclang="${sourceLang}" datatype="plaintext"/>\n` +
    `  <body>\n${units}  </body>\n</tmx>\n`
  );
}

/**
 * OmegaT's view of a <target>'s inner XML: the text, with each inline code as OmegaT shows it to the
 * translator (numbered from 0 in order of appearance, a pair sharing its number). A pair enclosing the
 * whole segment is not shown at all: OmegaT leaves it out of the segment and puts it back on output (its
 * default "remove leading and trailing tags").
 */
export function omegatSegment(innerXml: string): string {
  let next = 0;
  const open: number[] = [];
  const tagged = innerXml.replace(/<(\/?)(g|x|bx|ex)\b[^>]*?(\/?)>/g, (_m, closing: string, name: string) => {
    if (closing) return `</g${open.pop()}>`;
    const n = next++;
    if (name === 'g') {
      open.push(n);
      return `<g${n}>`;
    }
    return `<${name}${n}/>`;
  });
  let segment = tagged;
  for (let m = /^<g(\d+)>([\s\S]*)<\/g\1>$/.exec(segment); m && !/<\/?g\d+>/.test(m[2]!.replace(/<g(\d+)>[\s\S]*?<\/g\1>/g, '')); m = /^<g(\d+)>([\s\S]*)<\/g\1>$/.exec(segment)) {
    segment = m[2]!;
  }
  return segment.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export function createProject(sourceLang: string, targetLocale: string, files: Record<string, string>, memory: OmegatEntry[]): OmegatProject {
  const dir = mkdtempSync(join(tmpdir(), 'dragoman-omegat-'));
  for (const sub of ['source', 'target', 'omegat', 'tm', 'glossary', 'dictionary']) mkdirSync(join(dir, sub));
  writeFileSync(
    join(dir, 'omegat.project'),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>${sourceLang}</source_lang>
    <target_lang>${targetLocale}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`,
  );
  for (const [name, xml] of Object.entries(files)) writeFileSync(join(dir, 'source', name), xml);
  const memoryTmx = projectSaveTmx(sourceLang, targetLocale, memory);
  writeFileSync(join(dir, 'omegat', 'project_save.tmx'), memoryTmx);
  return {
    dir,
    memoryTmx,
    translated: (name) => readFileSync(join(dir, 'target', name), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `omegat --mode=console-translate`; its configuration goes to the project folder, never to the user's home. */
export function translateProject(project: OmegatProject, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'omegat',
      ['--mode=console-translate', `--config-dir=${join(project.dir, '.omegat-config')}`, '--disable-project-locking', '--no-team', '--quiet', project.dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && /Finished/.test(output)) resolve(output);
      else reject(new Error(`omegat exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}
