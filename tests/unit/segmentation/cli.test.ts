import { execFile } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { formatSegments } from '../../../src/cli/segment-command.js';
import { fixturesDir, loadSample } from './load-fixtures.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../../bin/dragoman.js', import.meta.url));

function memoryIo(input = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdin: Readable.from([input]),
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('formatSegments', () => {
  it('prints one segment per line and a blank line between paragraphs', () => {
    const text = 'Первый абзац. Второе предложение.\n\u00a0\nВторой абзац\nс переносом строки.\n';
    expect(formatSegments(text, 'ru')).toBe(
      'Первый абзац.\nВторое предложение.\n\nВторой абзац с переносом строки.\n',
    );
    expect(formatSegments(' \n\n', 'ru')).toBe('');
  });
});

describe('main', () => {
  it('reads stdin when no file is given', async () => {
    const m = memoryIo('Mr. Smith left. He was late.');
    expect(await main(['segment', '--lang', 'en'], m.io)).toBe(0);
    expect(m.out()).toBe('Mr. Smith left.\nHe was late.\n');
  });

  it.each([[['segment']], [['translate', '--lang', 'ru']], [[]], [['segment', '--bogus']], [['segment', '--html', '--lang', 'ru']]])(
    'exits 2 with a message on misuse: %j',
    async (argv) => {
      const m = memoryIo();
      expect(await main(argv, m.io)).toBe(2);
      expect(m.err()).toMatch(/^dragoman: /);
      expect(m.out()).toBe('');
    },
  );

  it('prints help and exits 0', async () => {
    const m = memoryIo();
    expect(await main(['--help'], m.io)).toBe(0);
    expect(m.out()).toMatch(/segment --lang/);
  });

  it('exits 1 when the file cannot be read', async () => {
    const m = memoryIo();
    expect(await main(['segment', '--lang', 'ru', '/nonexistent/file.txt'], m.io)).toBe(1);
  });
});

describe('bin/dragoman.js', () => {
  it('segments the sample article end to end', async () => {
    const { stdout } = await run(process.execPath, [bin, 'segment', '--lang', 'ru', `${fixturesDir}tass-aliyev-apology.ru.txt`]);
    expect(stdout).toBe(formatSegments(loadSample().text, 'ru'));
    const lines = stdout.split('\n');
    expect(lines).toContain('9 ноября президент России Владимир Путин, президент Азербайджана Ильхам Алиев и премьер-министр Армении Никол Пашинян подписали совместное заявление о полном прекращении военных действий.');
    expect(lines).toContain('По материалам ТАСС');
  });

  it('takes any well-formed BCP 47 tag for --lang and refuses anything else with exit code 2', async () => {
    const generic = memoryIo('Hello there. How are you?');
    expect(await main(['segment', '--lang', 'xx'], generic.io)).toBe(0);
    expect(generic.out()).toBe('Hello there.\nHow are you?\n');
    // A region, or an underscore for the hyphen, keeps the language's own rules ("т. е." is not an end).
    for (const tag of ['ru-RU', 'ru_RU']) {
      const russian = memoryIo('Это, т. е. пример. Второе.');
      expect(await main(['segment', '--lang', tag], russian.io)).toBe(0);
      expect(russian.out()).toBe(formatSegments('Это, т. е. пример. Второе.', 'ru'));
    }
    for (const bad of ['123', 'english please', '']) {
      const refused = memoryIo('Hello.');
      expect(await main(['segment', '--lang', bad], refused.io)).toBe(2);
      expect(refused.out()).toBe('');
      expect(refused.err()).toContain(bad === '' ? 'segment needs --lang' : 'is not a BCP 47 language tag');
    }
  });

  it('fails with exit code 2 on an unknown command', async () => {
    await expect(run(process.execPath, [bin, 'frobnicate'])).rejects.toMatchObject({ code: 2 });
  });
});
