import { directionOf } from '../domain/article.js';
import { isConfigured, listKnownLocales } from '../storage/locales-repo.js';
import type { ServiceDeps } from './deps.js';
import { getLocaleSettings, type LocaleSettings } from './locale-settings.js';

export async function knownLocales(deps: Pick<ServiceDeps, 'pool'>) {
  const rows = await listKnownLocales(deps.pool);
  return rows.map((row) => ({ ...row, dir: directionOf(row.locale) }));
}

/** A locale's settings, the defaults when an admin never set any (`configured: false`). */
export async function localeSettingsOf(
  deps: Pick<ServiceDeps, 'pool'>,
  locale: string,
): Promise<LocaleSettings & { configured: boolean; dir: 'ltr' | 'rtl' }> {
  const [settings, configured] = await Promise.all([getLocaleSettings(deps.pool, locale), isConfigured(deps.pool, locale)]);
  return { ...settings, configured, dir: directionOf(locale) };
}
