/**
 * Command-line entry: `dragoman segment --lang ru [--structure [--html]] [file]`. Usage errors go to stderr with exit code 2
 * (the shell convention for misuse); unreadable input exits 1. Streams are injectable for tests.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatSegments } from './segment-command.js';
import { formatStructure } from './structure-command.js';

export const usage = `Usage: dragoman <command> [options]

Commands:
  segment --lang <code> [file]   Split plain text into translation segments: one per line,
                                 a blank line between paragraphs. Reads stdin when no file is given.
  segment --structure --lang <code> [--html] [file]
                                 Read a pasted page as the API does (headline, dateline, typed
                                 blocks) and print each block's segments under "# <type>".

Options:
  -l, --lang <code>   Language of the text, a BCP 47 tag (ru, en-GB, ar-EG; ru_RU is read as ru-RU).
                      ru, en and ar have their own abbreviation rules; any other language
                      gets the generic rules (initials and acronyms only)
  -s, --structure     Structure-aware mode: exactly what POST /api/v1/articles stores for the page
      --html          The page is HTML (with --structure); otherwise plain text
  -h, --help          Show this help
`;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const defaultIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string', short: 'l' },
        structure: { type: 'boolean', short: 's' },
        html: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  if (command === undefined) return usageError(io, 'missing command');
  if (command !== 'segment') return usageError(io, `unknown command "${command}"`);
  if (!values.lang) return usageError(io, 'segment needs --lang <code>, e.g. --lang ru');
  const lang = languageTag(values.lang);
  if (!lang) return usageError(io, `--lang "${values.lang}" is not a BCP 47 language tag (e.g. ru, en-GB, ar-EG)`);
  if (rest.length > 1) return usageError(io, 'segment takes at most one file');
  if (values.html && !values.structure) return usageError(io, '--html goes with --structure');

  let text: string;
  try {
    text = rest[0] === undefined || rest[0] === '-' ? await readAll(io.stdin) : await readFile(rest[0], 'utf8');
  } catch (error) {
    io.stderr.write(`dragoman: cannot read ${rest[0] ?? 'stdin'}: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(values.structure ? formatStructure(text, lang, values.html ? 'html' : 'text') : formatSegments(text, lang));
  return 0;
}

/** A well-formed BCP 47 tag in its canonical form ("ru_RU" taken as "ru-RU"), or null. */
function languageTag(value: string): string | null {
  try {
    return Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`dragoman: ${message}\n\n${usage}`);
  return 2;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
