import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { session as sessionApi } from './api/endpoints';
import { Action } from './components/action';
import { LanguagePicker } from './components/language-picker';
import { t } from './i18n';
import { hasRole, useSession } from './session';

/** The frame around every signed-in screen: where one can go, the interface language, who is signed in. */
export function Shell({ children }: { children: ComponentChildren }) {
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const links: Array<[string, string, boolean]> = [
    ['/app/translate', t('nav.translate'), hasRole(user, 'translator')],
    ['/app/review', t('nav.review'), hasRole(user, 'reviewer')],
    ['/app/articles', t('nav.articles'), hasRole(user, 'editor')],
    ['/app/articles/new', t('nav.newArticle'), hasRole(user, 'editor')],
    ['/app/published', t('nav.published'), hasRole(user, 'publisher', 'editor')],
    ['/app/admin/users', t('nav.admin'), user.roles.includes('admin')],
  ];
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links
              .filter(([, , shown]) => shown)
              .map(([href, label]) => (
                <li key={href}>
                  <a href={href} aria-current={path === href ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="topbar-end">
          {/* Remembered for the person too, so the choice follows them to another browser. */}
          <LanguagePicker onChosen={(lng) => void sessionApi.setInterfaceLanguage(lng).catch(() => undefined)} />
          <bdi class="who">{user.name}</bdi>
          <Action shortcut="Alt+Shift+Q" onAction={() => void signOut()}>
            {t('app.signOut')}
          </Action>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
