import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { onSessionLost } from './api/client';
import { session as sessionApi } from './api/endpoints';
import type { SessionUser } from './api/workbench-types';
import { Shell } from './shell';
import { hasChosenLanguage, i18next, t, useLanguage } from './i18n';
import { SessionContext, homeOf, type SessionState } from './session';
import { SignIn } from './screens/sign-in/sign-in';

// Each screen is its own chunk: a translator downloads the translator screen and nothing of the desk's.
const Translator = lazy(() => import('./screens/translator/translator').then((m) => m.Translator));
const Reviewer = lazy(() => import('./screens/reviewer/reviewer').then((m) => m.Reviewer));
const ArticleList = lazy(() => import('./screens/editor/article-list').then((m) => m.ArticleList));
const NewArticle = lazy(() => import('./screens/editor/new-article').then((m) => m.NewArticle));
const ArticlePage = lazy(() => import('./screens/editor/article-page').then((m) => m.ArticlePage));
const Admin = lazy(() => import('./screens/admin/admin').then((m) => m.Admin));
const Publisher = lazy(() => import('./screens/publisher/publisher').then((m) => m.Publisher));

export function App() {
  useLanguage();
  document.title = t('app.title');
  return (
    <LocationProvider scope="/app">
      <Root />
    </LocationProvider>
  );
}

function Root() {
  const location = useLocation();
  // The router keeps a screen's element while its address stays; a changed prop makes it render again
  // in the new language (without remounting it, so nothing typed is lost).
  const lng = useLanguage();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const signedIn = (me: SessionUser) => {
    // A language chosen on another device follows the person, unless this browser has its own choice.
    if (me.interfaceLanguage && !hasChosenLanguage()) void i18next.changeLanguage(me.interfaceLanguage);
    setExpired(false);
    setUser(me);
  };

  useEffect(() => {
    sessionApi.me().then(signedIn, () => setUser(null));
    return onSessionLost((code) => {
      setExpired(code === 'session_expired');
      setUser(null);
    });
  }, []);

  const onSignInScreen = location.path === '/app/sign-in';
  useEffect(() => {
    if (user === null && !onSignInScreen) {
      // Back here after signing in; what was typed is in the browser's drafts, not in the page.
      const next = location.url.startsWith('/app') ? location.url : '/app/';
      location.route(`/app/sign-in?next=${encodeURIComponent(next)}`, true);
    } else if (user && (onSignInScreen || location.path === '/app/' || location.path === '/app')) {
      const next = onSignInScreen ? location.query.next : undefined;
      location.route(next && next.startsWith('/app/') && next !== '/app/' ? next : homeOf(user), true);
    }
  }, [user, location.url]);

  const state = useMemo<SessionState | null>(
    () =>
      user
        ? {
            user,
            update: (changes) => setUser({ ...user, ...changes }),
            async signOut() {
              try {
                await sessionApi.signOut();
              } finally {
                setUser(null);
              }
            },
          }
        : null,
    [user],
  );

  if (user === undefined) return <p class="loading" role="status">{t('app.loading')}</p>;
  if (!state) return onSignInScreen ? <SignIn onSignedIn={signedIn} expired={expired} /> : null;
  return (
    <SessionContext.Provider value={state}>
      <Shell>
        <ErrorBoundary>
          <Router>
            <Route path="/app/translate" component={Translator} lng={lng} />
            <Route path="/app/review" component={Reviewer} lng={lng} />
            <Route path="/app/articles" component={ArticleList} lng={lng} />
            <Route path="/app/articles/new" component={NewArticle} lng={lng} />
            <Route path="/app/articles/:id" component={ArticlePage} lng={lng} />
            <Route path="/app/admin/:section?" component={Admin} lng={lng} />
            <Route path="/app/published" component={Publisher} lng={lng} />
            <Route default component={NotFound} lng={lng} />
          </Router>
        </ErrorBoundary>
      </Shell>
    </SessionContext.Provider>
  );
}

function NotFound() {
  return (
    <section class="screen">
      <h1>{t('app.notFound')}</h1>
      <a href="/app/">{t('app.home')}</a>
    </section>
  );
}
