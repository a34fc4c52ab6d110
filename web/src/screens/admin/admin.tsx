import { t } from '../../i18n';
import { GlossaryAdmin } from './glossary-admin';
import { LocalesAdmin } from './locales-admin';
import { MemoryAdmin } from './memory-admin';
import { UsersAdmin } from './users-admin';
import { WebhooksAdmin } from './webhooks-admin';

const sections = {
  users: UsersAdmin,
  locales: LocalesAdmin,
  glossary: GlossaryAdmin,
  memory: MemoryAdmin,
  webhooks: WebhooksAdmin,
} as const;
type Section = keyof typeof sections;

/** Administration: people, locales, glossary, memory and webhooks, one tab each. */
export function Admin({ section }: { section?: string; lng?: string }) {
  const current: Section = section && section in sections ? (section as Section) : 'users';
  const Screen = sections[current];
  return (
    <section class="screen" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <nav class="tabs" aria-label={t('admin.sections')}>
        {(Object.keys(sections) as Section[]).map((name) => (
          <a key={name} href={`/app/admin/${name}`} aria-current={name === current ? 'page' : undefined}>
            {t(`admin.${name}`)}
          </a>
        ))}
      </nav>
      <Screen />
    </section>
  );
}
