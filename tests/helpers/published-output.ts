import { execFileSync } from 'node:child_process';
import { DomUtils, parseDocument } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import type { Harness } from './harness.js';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** What a published page says, read with a real HTML parser (the one the importer uses). */
export function readPage(html: string) {
  const doc = parseDocument(html);
  const all = (name: string) => DomUtils.getElementsByTagName(name, doc, true);
  const attr = (el: Element, name: string) => el.attribs[name];
  const root = all('html')[0]!;
  const nav = all('nav')[0];
  const everything = DomUtils.getElementsByTagName(() => true, doc, true);
  return {
    lang: attr(root, 'lang'),
    dir: attr(root, 'dir'),
    title: DomUtils.textContent(all('title')[0]!),
    h1: DomUtils.textContent(all('h1')[0]!),
    canonical: all('link').find((l) => attr(l, 'rel') === 'canonical')?.attribs.href,
    alternates: Object.fromEntries(
      all('link')
        .filter((l) => attr(l, 'rel') === 'alternate' && attr(l, 'hreflang'))
        .map((l) => [attr(l, 'hreflang')!, attr(l, 'href')!]),
    ),
    alternateCount: all('link').filter((l) => attr(l, 'rel') === 'alternate' && attr(l, 'hreflang')).length,
    navLabel: nav ? attr(nav, 'aria-label') : undefined,
    switcher: nav
      ? DomUtils.getElementsByTagName('a', nav, true).map((a) => ({
          code: DomUtils.textContent(DomUtils.getElementsByTagName('span', a, true)[0]!),
          href: attr(a, 'href'),
          hreflang: attr(a, 'hreflang'),
          lang: attr(a, 'lang'),
          name: attr(a, 'title'),
        }))
      : [],
    times: all('time').map((t) => ({ datetime: attr(t, 'datetime'), text: DomUtils.textContent(t) })),
    scripts: all('script').map((s) => ({ type: attr(s, 'type'), text: DomUtils.textContent(s) })),
    /** Anything that could run: event-handler attributes and javascript: URLs. */
    activeContent: everything.flatMap((el) =>
      Object.entries(el.attribs)
        .filter(([name, value]) => /^on/i.test(name) || /^\s*javascript:/i.test(value))
        .map(([name]) => `${el.name}[${name}]`),
    ),
    figures: all('figure').map((f) => DomUtils.textContent(f)),
  };
}

export interface XmlElement {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML strictly (saxes, namespace-aware): anything not well-formed throws. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.local,
      ns: tag.uri,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

export function childrenNamed(element: XmlElement, name: string, ns?: string): XmlElement[] {
  return element.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** libxml2's own parser as a second opinion (installed in CI with the other system packages). */
export function xmllintAccepts(xml: string): void {
  execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'ignore', 'pipe'] });
}

/**
 * Plays every translator until no task waits: each sentence gets the translation `translate` returns.
 * Returns how many tasks were done.
 */
export async function translateAll(h: Harness, token: string, translate: (locale: string, source: string) => string): Promise<number> {
  let done = 0;
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token, json: {} });
    if (claim.status === 204) return done;
    if (claim.status !== 200) throw new Error(`claim answered ${claim.status}: ${claim.text}`);
    const text = translate(claim.body.targetLocale, claim.body.source);
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text } });
    if (submit.status !== 200) throw new Error(`submit answered ${submit.status}: ${submit.text}`);
    done += 1;
  }
}
