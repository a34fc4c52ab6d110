/**
 * Apertium, run locally from the Debian packages. One process per batch: the pair's mode pipeline (as
 * `apertium-wblank-mode` writes it, so word-bound blanks carry the placeholders) reads the whole batch in
 * stream format, with a numbered superblank after each sentence (src/domain/machine/apertium-stream.ts).
 * Starting the eleven programs of a pipeline costs a few hundred milliseconds, so a batch of a whole article
 * costs little more than one sentence. The `apertium` wrapper script is not used: it reads its input through
 * /dev/stdin, which fails when stdin is a socket, as Node's child pipes are.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { batchToStream, streamToBatch } from '../domain/machine/apertium-stream.js';
import { routeKey, type ProviderSettings } from '../machine-config.js';
import { ProviderError, type MachineProvider, type TranslateRequest } from './types.js';

const run = promisify(execFile);

/** ISO 639-1 to the three-letter codes Apertium names its pairs with. */
const iso3: Record<string, string> = {
  ar: 'ara', ca: 'cat', cs: 'ces', da: 'dan', de: 'deu', en: 'eng', eo: 'epo', es: 'spa', eu: 'eus', fr: 'fra',
  gl: 'glg', it: 'ita', nb: 'nob', nl: 'nld', nn: 'nno', oc: 'oci', pl: 'pol', pt: 'por', ro: 'ron', ru: 'rus',
  sv: 'swe', uk: 'ukr', be: 'bel', bg: 'bul', mk: 'mkd', sr: 'srp', hr: 'hbs', kk: 'kaz', tt: 'tat', mt: 'mlt',
};

export function apertiumMode(settings: Pick<ProviderSettings, 'modes'>, sourceLang: string, targetLocale: string): string {
  const configured = settings.modes[routeKey(sourceLang, targetLocale)];
  if (configured) return configured;
  const source = sourceLang.split('-')[0]!;
  const target = targetLocale.split('-')[0]!;
  return `${iso3[source] ?? source}-${iso3[target] ?? target}`;
}

export class ApertiumProvider implements MachineProvider {
  readonly name = 'apertium' as const;
  readonly markup = 'tokens' as const;
  readonly takesGlossary = false;
  private readonly pipelines = new Map<string, Promise<string>>();

  constructor(private readonly settings: ProviderSettings) {}

  async translate(request: TranslateRequest): Promise<Array<string | null>> {
    const pipeline = await this.pipelineFor(apertiumMode(this.settings, request.sourceLang, request.targetLocale));
    const { stream, addedStops } = batchToStream(request.texts);
    const output = await runPipeline(pipeline, stream, request.signal);
    return streamToBatch(output, request.texts.length, addedStops, request.texts);
  }

  private pipelineFor(mode: string): Promise<string> {
    let pipeline = this.pipelines.get(mode);
    if (!pipeline) {
      pipeline = loadPipeline(join(this.settings.modesDir, `${mode}.mode`));
      // A failed load is not remembered: the package may be installed meanwhile.
      pipeline.catch(() => this.pipelines.delete(mode));
      this.pipelines.set(mode, pipeline);
    }
    return pipeline;
  }
}

async function loadPipeline(modeFile: string): Promise<string> {
  if (!existsSync(modeFile)) throw new ProviderError('rejected', `apertium: no mode file ${modeFile}`);
  try {
    const { stdout } = await run('apertium-wblank-mode', [modeFile]);
    return stdout.trim();
  } catch (error) {
    throw new ProviderError('unavailable', `apertium: ${(error as Error).message}`);
  }
}

/** Runs the pipeline in a process group of its own, so an abort ends every program of it. */
function runPipeline(pipeline: string, input: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    // $1 is the generator's option (-n: unknown words without the '*' mark), $2 the tagger's (none).
    const child = spawn('bash', ['-c', pipeline, 'apertium', '-n', ''], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      kill();
      reject(new ProviderError('unavailable', 'apertium: timed out'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 2_000) err += chunk.toString();
    });
    child.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new ProviderError('unavailable', `apertium: ${error.message}`));
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return;
      if (code !== 0) reject(new ProviderError('unavailable', `apertium exited ${code}: ${err.trim().slice(0, 300)}`));
      else resolve(Buffer.concat(out).toString('utf8'));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
