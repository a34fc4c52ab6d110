/**
 * Hostile and broken uploads. Each starts from a file that would be accepted (the last test uploads it), is
 * damaged one way, and must be refused whole with a 4xx problem while nothing at all changes.
 */
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { xmllint } from '../helpers/xmllint.js';
import { bigTranslator, editTargets, exportFile, footprint, submitSampleHtml, unitIds, upload } from '../helpers/xliff.js';

let h: Harness;
let translator: string;
let good: string;
let good12: string;
let before: Record<string, number>;

beforeAll(async () => {
  h = await startHarness();
  const editor = await h.user(['editor']);
  await submitSampleHtml(h, editor);
  translator = await bigTranslator(h, [{ source: 'ru', target: 'en' }]);
  await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 3 } });
  good = editTargets(await exportFile(h, '/api/v1/tasks/mine/xliff?fillTarget=source', translator), (_id, inner) => `EN ${inner}`);
  good12 = editTargets(await exportFile(h, '/api/v1/tasks/mine/xliff?version=1.2&fillTarget=source', translator), (_id, inner) => `EN ${inner}`);
  // Both starting points are valid: any refusal below comes from the damage.
  expect(xmllint('xliff20', good)).toBe('');
  expect(xmllint('xliff12', good12)).toBe('');
  before = await footprint(h);
});
afterAll(async () => h?.close());

async function refused(xml: string, status = 422, code = 'xliff_invalid') {
  const res = await upload(h, '/api/v1/xliff', translator, xml);
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(res.body.code).toBe(code);
  expect(await footprint(h)).toEqual(before);
  return res.body;
}

const firstUnit = (xml: string) => /<unit id="[^"]+">[\s\S]*?<\/unit>\n/.exec(xml)![0];
const lineOf = (xml: string, needle: string, from = 0) => xml.slice(0, xml.indexOf(needle, from)).split('\n').length;

describe('uploads that are not XLIFF Dragoman can take', () => {
  const structural: Array<[string, () => string]> = [
    ['cut off half way', () => good.slice(0, Math.floor(good.length / 2))],
    ['tags that do not match', () => good.replace('</segment>', '</unit>')],
    ['another namespace', () => good.replace('urn:oasis:names:tc:xliff:document:2.0', 'urn:oasis:names:tc:xliff:document:2.1')],
    ['no namespace', () => good.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', '')],
    ['a unit without a segment', () => good.replace(/<segment[\s\S]*?<\/segment>/, '')],
    ['text between units', () => good.replace('</unit>', '</unit>stray words')],
    ['an element XLIFF does not have', () => good.replace('<notes>', '<remarks/><notes>')],
    ['a state XLIFF does not have', () => good.replace('state="initial"', 'state="done"')],
    ['a unit without an id', () => good.replace(/<unit id="[^"]+">/, '<unit>')],
    ['a 1.2 target before its source', () => good12.replace(/(<source>[\s\S]*?<\/source>)(\s*)(<target[^>]*>[\s\S]*?<\/target>)/, '$3$2$1')],
    ['a metadata entry without its type', () => good.replace('<mda:meta type="source-fingerprint">', '<mda:meta>')],
    ['text in a metadata block', () => good.replace('<mda:metadata>', '<mda:metadata>stray words')],
    ['a translation candidate without its reference', () => good.replace('<notes>', '<mtc:matches><mtc:match><source>a</source><target>b</target></mtc:match></mtc:matches><notes>')],
    ['a glossary entry without its term', () => good.replace('<notes>', '<gls:glossary><gls:glossEntry><gls:translation>b</gls:translation></gls:glossEntry></gls:glossary><notes>')],
    ['a value outside its list', () => good.replace('canResegment="no"', 'canResegment="never"')],
    ['an attribute a unit does not have', () => good.replace('<unit id=', '<unit colour="red" id=')],
    ['a unit id that is not a name token', () => good.replace(/<unit id="[^"]+">/, '<unit id="two words">')],
    ['a 1.2 alternative translation without a target', () => good12.replace('</trans-unit>', '<alt-trans><source>x</source></alt-trans></trans-unit>')],
    ['a 1.2 file naming a tool its header does not declare', () => good12.replace('tool-id="dragoman"', 'tool-id="nobody"')],
    ['a 1.2 yes/no attribute saying maybe', () => good12.replace('<trans-unit ', '<trans-unit translate="maybe" ')],
  ];
  for (const [name, damage] of structural) {
    it(`refuses ${name}, as the official schema does`, async () => {
      const xml = damage();
      expect(xml).not.toBe(good);
      const problem = await refused(xml);
      expect(problem.detail).toMatch(/line \d+/);
      expect(xmllint(xml.includes('document:1.2') ? 'xliff12' : 'xliff20', xml)).not.toBe('');
    });
  }

  it('says what is wrong in the reader\'s language, with the line', async () => {
    const xml = good.replace('canResegment="no"', 'canResegment="never"');
    const res = await h.call('POST', '/api/v1/xliff', { token: translator, body: xml, headers: { 'content-type': 'application/xliff+xml', 'accept-language': 'ru' } });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(`в строке ${lineOf(xml, 'canResegment="never"')}: canResegment="never" у <file>: допустимы только yes, no`);
  });

  it('names the line of a duplicate unit id', async () => {
    const unit = firstUnit(good);
    const xml = good.replace(unit, unit + unit);
    const problem = await refused(xml);
    expect(problem.detail).toContain(`line ${lineOf(xml, unit.slice(0, 50), xml.indexOf(unit) + 1)}`);
  });

  it('refuses a billion laughs at its DOCTYPE, before any entity is expanded', async () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const xml = good.replace('<xliff ', `<!DOCTYPE xliff [<!ENTITY lol0 "lol">${entities}]>\n<xliff `).replace('<target>EN ', '<target>&lol9; ');
    const problem = await refused(xml);
    expect(problem.detail).toMatch(/DOCTYPE/);
  });

  it('refuses external entities, and never reads what they point to', async () => {
    const xml = good.replace('<xliff ', '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff ').replace('<target>EN ', '<target>&xxe; ');
    const problem = await refused(xml);
    expect(JSON.stringify(problem)).not.toMatch(/root:/);
    const undeclared = await refused(good.replace('<target>EN ', '<target>&xxe; '));
    expect(undeclared.detail).toMatch(/line \d+/);
  });

  it('refuses more units than any article has', async () => {
    const unit = firstUnit(good);
    const many = Array.from({ length: 5001 }, (_, i) => unit.replace(/<unit id="[^"]+">/, `<unit id="u${i}">`)).join('');
    const problem = await refused(good.replace(unit, many));
    expect(problem.detail).toMatch(/more than 5000 units/);
  });

  it('refuses nesting deeper than any real file', async () => {
    await refused(good.replace('<target>EN ', `<target>${'<mrk id="m">'.repeat(5000)}x${'</mrk>'.repeat(5000)}EN `));
  });

  it('refuses another encoding, an empty body and a JSON body', async () => {
    await refused(good.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    await refused('');
    const json = await h.call('POST', '/api/v1/xliff', { token: translator, json: { xliff: good } });
    expect(json.status).toBe(415);
  });

  it('refuses a file for a locale the article is not translated into', async () => {
    await refused(good.replace('trgLang="en"', 'trgLang="fr"'), 422, 'xliff_mismatch');
  });
});

describe('oversized uploads', () => {
  const hundredMb = 100 * 1024 * 1024;

  /**
   * A POST whose answer is read as soon as the server sends it, while the body may still be going out: the
   * server answers an oversized upload and closes, and fetch would report the closed connection instead of
   * the answer. `send` writes the body; writing stops once the answer is in.
   */
  function answerWhileSending(headers: Record<string, string>, send: (req: ClientRequest, answered: () => boolean) => Promise<void>) {
    return new Promise<{ status: number; body: { code?: string } }>((resolve, reject) => {
      let answered = false;
      const req = request(`${h.baseUrl}/api/v1/xliff`, { method: 'POST', headers: { authorization: `Bearer ${translator}`, 'content-type': 'application/xliff+xml', ...headers } });
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { code?: string } });
          req.destroy();
        });
      });
      // Writes after the server closed fail; only a missing answer fails the test.
      req.on('error', (error) => (answered ? undefined : reject(error)));
      send(req, () => answered).catch(() => undefined);
    });
  }

  it('refuses a declared 100 MB body without reading it', async () => {
    const res = await answerWhileSending({ 'content-length': String(hundredMb) }, async (req) => {
      req.write(good);
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect(await footprint(h)).toEqual(before);
  });

  it('stops reading a streamed 100 MB body at the limit, memory staying flat', async () => {
    const rssBefore = process.memoryUsage().rss;
    const megabyte = new TextEncoder().encode(`<!-- ${'x'.repeat(1024 * 1024 - 9)} -->`);
    let sent = 0;
    const res = await answerWhileSending({ 'transfer-encoding': 'chunked' }, async (req, answered) => {
      req.write(good.slice(0, good.indexOf('<file')));
      while (sent < hundredMb && !answered() && !req.destroyed) {
        sent += megabyte.length;
        // Backpressure: wait until the socket takes more, as a real client's upload would.
        if (!req.write(megabyte)) await new Promise((resolve) => req.once('drain', resolve).once('close', resolve));
      }
      if (!answered()) req.end();
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(hundredMb);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(hundredMb);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect(await footprint(h)).toEqual(before);
  }, 90_000);
});

describe('the undamaged file', () => {
  it('is accepted, so every refusal above was the damage', async () => {
    const res = await upload(h, '/api/v1/xliff', translator, good);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ accepted: unitIds(good).length });
    expect(await footprint(h)).not.toEqual(before);
  });
});
