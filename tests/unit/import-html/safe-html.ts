import { ElementType, parseDocument } from 'htmlparser2';

const ALLOWED: Record<string, string[]> = {
  b: [], strong: [], i: [], em: [], sub: [], sup: [], br: [], a: ['href'], span: ['lang', 'dir'],
};

/**
 * Problems with rendered block HTML, found by parsing it the way a browser would: any element outside the
 * allowlist, any attribute it does not allow, any href with a scheme other than http(s)/mailto.
 */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const visit = (nodes: ReturnType<typeof parseDocument>['children']): void => {
    for (const node of nodes) {
      if (node.type === ElementType.Comment || node.type === ElementType.Directive || node.type === ElementType.CDATA) {
        problems.push(`node ${node.type}`);
      }
      if (!('attribs' in node)) continue;
      const allowed = ALLOWED[node.name];
      if (!allowed) problems.push(`<${node.name}>`);
      for (const [key, value] of Object.entries(node.attribs)) {
        if (!allowed?.includes(key)) problems.push(`${node.name}[${key}]`);
        const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\t\n\r]/g, ''));
        if (key === 'href' && scheme && !['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase())) {
          problems.push(`href ${value}`);
        }
      }
      visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return problems;
}
