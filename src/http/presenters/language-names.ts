/**
 * Language tags inside messages become language names in the reader's language ("арабский", not "ar"):
 * params that name a language or locale are rewritten before interpolation, lists become a proper list.
 */
const languageKeys = new Set(['locale', 'language', 'sourceLang', 'targetLocale', 'source', 'target']);
const listKeys = new Set(['supported', 'languages']);
const tag = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const namers = new Map<string, Intl.DisplayNames>();

export function languageName(code: string, lng: string): string {
  if (!tag.test(code)) return code;
  let namer = namers.get(lng);
  if (!namer) {
    namer = new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' });
    namers.set(lng, namer);
  }
  try {
    return namer.of(code) ?? code;
  } catch {
    return code; // structurally valid but refused by ICU
  }
}

export function languageParams(params: Record<string, string | number>, lng: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && languageKeys.has(key)) out[key] = languageName(value, lng);
    else if (typeof value === 'string' && listKeys.has(key)) {
      const names = value.split(',').map((v) => languageName(v.trim(), lng));
      out[key] = new Intl.ListFormat([lng], { type: 'conjunction' }).format(names);
    } else out[key] = value;
  }
  return out;
}
