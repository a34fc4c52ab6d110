import { createHash } from 'node:crypto';

const sans = `system-ui, "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;
const serif = `"Noto Serif", "PT Serif", Georgia, Cambria, "Times New Roman", "DejaVu Serif", serif`;
// Naskh for reading, Kufi for headings, as Arabic newspapers set them; no italics, no letter-spacing.
const arabicText = `"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Traditional Arabic", "Geeza Pro", "Noto Sans Arabic", Tahoma, serif`;
const arabicHeadings = `"Noto Kufi Arabic", "Noto Sans Arabic", "Segoe UI", "Geeza Pro", Tahoma, sans-serif`;

/**
 * The one stylesheet of a published page. Logical properties (margin-inline, border-inline-start) serve
 * both directions; the measure keeps lines near 65-75 characters.
 */
export const pageStyle = `
:root{color-scheme:light dark;--ink:#1b1b1b;--muted:#595959;--rule:#d6d6d6;--accent:#9b1c1c;--paper:#fff}
@media (prefers-color-scheme:dark){:root{--ink:#ebe8e4;--muted:#b3ada7;--rule:#3d3d3d;--accent:#f29b9b;--paper:#141414}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:1.125rem/1.65 ${serif}}
.masthead,main,.colophon{max-inline-size:42rem;margin-inline:auto;padding-inline:1.25rem}
.masthead{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding-block:.75rem;border-block-end:1px solid var(--rule);font-family:${sans}}
.site{margin:0;font-size:1rem;font-weight:700;letter-spacing:.01em}
.versions ul{display:flex;gap:.25rem;margin:0;padding:0;list-style:none}
.versions a{display:inline-flex;align-items:center;justify-content:center;min-inline-size:2.75rem;min-block-size:2.75rem;padding:.25rem .5rem;border-radius:.25rem;color:var(--accent);font:600 1rem/1 ${sans};text-decoration:none}
.versions a:hover{text-decoration:underline;text-underline-offset:.2em}
.versions a:focus-visible,.colophon a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
h1,h2{font-family:${sans};text-wrap:balance}
h1{font-size:clamp(1.75rem,1.25rem + 2.4vw,2.6rem);line-height:1.18;margin-block:1.75rem .6rem}
h2{font-size:1.3rem;line-height:1.3;margin-block:2.25rem .6rem}
.dateline{margin-block:0 1.75rem;color:var(--muted);font:.95rem/1.4 ${sans}}
p{margin-block:0 1em;overflow-wrap:break-word;hyphens:auto}
blockquote{margin-inline:0;margin-block:1.5rem;padding-inline-start:1.1rem;border-inline-start:3px solid var(--accent);font-style:italic}
figure{margin-inline:0;margin-block:2rem;padding-block-start:.75rem;border-block-start:1px solid var(--rule)}
figcaption{color:var(--muted);font:.92rem/1.45 ${sans}}
figcaption p{margin-block:0 .3rem}
.credit{font-size:.85rem}
.related{margin-block:2rem;padding:.75rem 1rem;border-inline-start:3px solid var(--rule);font:600 1rem/1.4 ${sans}}
.related p{margin:0}
.machine-note{margin-block:0 1.25rem;padding:.5rem .75rem;border-inline-start:4px solid #b35c00;background:#fff6ec;color:#5c3000;font:.95rem/1.45 ${sans}}
.colophon{margin-block-start:3rem;padding-block:1.25rem 2.5rem;border-block-start:1px solid var(--rule);color:var(--muted);font:.85rem/1.5 ${sans}}
.colophon a{color:inherit;overflow-wrap:anywhere}
.notice{max-inline-size:42rem;margin:4rem auto;padding-inline:1.25rem}
html:lang(ar) body{font-family:${arabicText};font-size:1.25rem;line-height:1.95}
html:lang(ar) h1,html:lang(ar) h2,html:lang(ar) .dateline,html:lang(ar) figcaption,html:lang(ar) .related{font-family:${arabicHeadings};letter-spacing:0}
html:lang(ar) h1{line-height:1.45}
html:lang(ar) blockquote{font-style:normal}
.versions a .code{font-family:${sans}}
@media print{
@page{margin:2cm}
.versions{display:none}
body{background:#fff;color:#000;font-size:11pt;line-height:1.45}
.masthead,.colophon{border-color:#999}
a{color:inherit;text-decoration:none}
h1,h2{break-after:avoid}
p{orphans:3;widows:3}
blockquote,figure{break-inside:avoid}
}
`;

/** The stylesheet's CSP hash: the page may use exactly this inline style and nothing else. */
export const pageStyleHash = `'sha256-${createHash('sha256').update(pageStyle).digest('base64')}'`;
