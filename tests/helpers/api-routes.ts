/**
 * Every route the HTTP app registers, read from Express' router, and the catalogue of them that the access
 * matrix (docs/access-model.md) and the fuzz suite share. A test checks the catalogue covers every
 * registered route, so a new route cannot be added without saying who may call it.
 */
import type { Express } from 'express';

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string;
  name?: string;
}

/** "METHOD /path" for every route of the app, nested routers included (bull-board's own routes excluded). */
export function registeredRoutes(app: Express, skipPrefixes: string[] = []): string[] {
  const found = new Set<string>();
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            if (method === '_all') continue;
            found.add(`${method.toUpperCase()} ${prefix}${path}`);
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        const at = prefix + mount;
        if (skipPrefixes.some((p) => at === p)) {
          found.add(`* ${at}`);
          continue;
        }
        walk(layer.handle.stack, at);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  return [...found].sort();
}

/**
 * Who may call a route, by role (docs/access-model.md). Finer rules (own pairs, own tasks, self) are inside
 * the routes and answer other codes; the role check answers 403 `forbidden`.
 */
export type Access =
  | 'public' // anyone, no credentials
  | 'signedIn' // any signed-in person
  | 'admin'
  | 'adminOrSelf' // admin, or the person named in the path
  | 'editor'
  | 'editorOrPublisher' // published versions
  | 'pairReaders' // translators and reviewers (their pairs), editors
  | 'people' // segment history and discussion: translators, reviewers (their locales), editors
  | 'translator'
  | 'reviewer'
  | 'translatorOrReviewer'
  | 'translatorOrEditor' // releasing a task: its translator, or an editor
  | 'editorOrAdminReads' // locale settings and QA override statistics: editors read, admins too
  | 'metrics'; // GET /metrics: the metrics token, no user's

export interface CatalogRoute {
  route: string;
  access: Access;
}

const v1 = '/api/v1';
const r = (method: string, path: string, access: Access): CatalogRoute => ({ route: `${method} ${path.startsWith('/api') || !path.startsWith('/') ? path : v1 + path}`, access });
const raw = (method: string, path: string, access: Access): CatalogRoute => ({ route: `${method} ${path}`, access });

export const apiRoutes: CatalogRoute[] = [
  raw('GET', '/healthz', 'public'),
  raw('GET', '/readyz', 'public'),
  raw('GET', '/metrics', 'metrics'),
  raw('*', '/api/v1/admin/queues', 'admin'),
  r('POST', '/session', 'public'),
  r('DELETE', '/session', 'public'),
  r('GET', '/me', 'signedIn'),
  r('PATCH', '/me', 'signedIn'),
  r('GET', '/languages', 'signedIn'),
  r('GET', '/notices', 'signedIn'),
  r('POST', '/users', 'admin'),
  r('GET', '/users', 'admin'),
  r('PATCH', '/users/:id', 'admin'),
  r('POST', '/users/:id/token', 'adminOrSelf'),
  r('GET', '/articles', 'editor'),
  r('POST', '/articles', 'editor'),
  r('PUT', '/articles/:id', 'editor'),
  r('GET', '/articles/:id', 'editor'),
  r('POST', '/articles/:id/withdraw', 'editor'),
  r('POST', '/articles/:id/publish-source', 'editor'),
  r('PATCH', '/articles/:id', 'editor'),
  r('GET', '/articles/:id/tasks', 'editor'),
  r('GET', '/articles/:id/candidates', 'editor'),
  r('POST', '/tasks/claim', 'translator'),
  r('GET', '/tasks/mine', 'translatorOrReviewer'),
  r('POST', '/tasks/:id/heartbeat', 'translator'),
  r('POST', '/tasks/:id/submit', 'translator'),
  r('POST', '/tasks/:id/release', 'translatorOrEditor'),
  r('POST', '/tasks/:id/reassign', 'editor'),
  r('POST', '/reviews/claim', 'reviewer'),
  r('POST', '/reviews/:id/heartbeat', 'reviewer'),
  r('POST', '/reviews/:id/approve', 'reviewer'),
  r('POST', '/reviews/:id/reject', 'reviewer'),
  r('POST', '/reviews/:id/release', 'reviewer'),
  r('POST', '/translators/me/availability', 'translatorOrReviewer'),
  r('PATCH', '/translators/:id', 'admin'),
  r('GET', '/locales', 'editorOrAdminReads'),
  r('GET', '/locales/:locale/settings', 'editorOrAdminReads'),
  r('PUT', '/locales/:locale/settings', 'admin'),
  r('GET', '/segments/:id/history', 'people'),
  r('GET', '/segments/:id/comments', 'people'),
  r('POST', '/segments/:id/comments', 'people'),
  r('POST', '/webhooks', 'admin'),
  r('GET', '/webhooks', 'admin'),
  r('GET', '/webhooks/:id/deliveries', 'admin'),
  r('DELETE', '/webhooks/:id', 'admin'),
  r('GET', '/events', 'signedIn'),
  r('GET', '/published', 'editorOrPublisher'),
  r('GET', '/published/:articleId', 'editorOrPublisher'),
  r('GET', '/published/:articleId/:locale', 'editorOrPublisher'),
  r('GET', '/tm/search', 'pairReaders'),
  r('GET', '/tm/:source/:file', 'editor'),
  r('POST', '/tm/:source/:file', 'editor'),
  r('GET', '/glossary/:source/:target', 'pairReaders'),
  r('POST', '/glossary/:source/:target', 'editor'),
  r('GET', '/glossary/:source/:target/hits', 'pairReaders'),
  r('POST', '/glossary/:source/:target/import', 'editor'),
  r('GET', '/glossary/:source/:target/:id', 'pairReaders'),
  r('PUT', '/glossary/:source/:target/:id', 'editor'),
  r('DELETE', '/glossary/:source/:target/:id', 'editor'),
  r('GET', '/qa/overrides', 'editorOrAdminReads'),
  r('GET', '/articles/:id/locales/:locale/xliff', 'editor'),
  r('GET', '/tasks/mine/xliff', 'translator'),
  r('POST', '/xliff', 'translator'),
  r('POST', '/articles/:id/locales/:locale/xliff', 'editor'),
  r('GET', '/mt', 'admin'),
  r('PUT', '/mt/routes/:source/:target', 'admin'),
  r('DELETE', '/mt/routes/:source/:target', 'admin'),
  r('GET', '/mt/usage', 'admin'),
  r('PUT', '/articles/:id/machine-publishing/:locale', 'editor'),
  r('DELETE', '/articles/:id/machine-publishing/:locale', 'editor'),
  r('GET', '/articles/:id/post-editing', 'editor'),
];

/** Public pages and the web app's files are not the API; they are read by anyone (publishing's own tests). */
export const notApi = (route: string) => / \/app(\/|$)/.test(route) || / \/(news|feeds|sitemap\.xml|robots\.txt)/.test(route);

export type Role = 'anonymous' | 'translator' | 'reviewer' | 'editor' | 'admin' | 'publisher' | 'metrics';
export const roles: Role[] = ['anonymous', 'translator', 'reviewer', 'editor', 'admin', 'publisher', 'metrics'];

/** What a role gets from a route's role check: let through, 403 `forbidden`, or 401. The doc's matrix. */
export type Outcome = 'through' | 'forbidden' | 'unauthorized';

export function expectedOutcome(access: Access, role: Role): Outcome {
  if (access === 'public') return 'through';
  if (access === 'metrics') return role === 'metrics' ? 'through' : 'unauthorized';
  // Only a user's token or session signs a person in; the metrics token is not one.
  if (role === 'anonymous' || role === 'metrics') return 'unauthorized';
  if (role === 'admin') return 'through';
  const allowed: Record<Exclude<Access, 'public' | 'metrics'>, Role[]> = {
    signedIn: ['translator', 'reviewer', 'editor', 'publisher'],
    admin: [],
    adminOrSelf: [], // with another person's id in the path
    editor: ['editor'],
    editorOrPublisher: ['editor', 'publisher'],
    pairReaders: ['translator', 'reviewer', 'editor'],
    people: ['translator', 'reviewer', 'editor'],
    translator: ['translator'],
    reviewer: ['reviewer'],
    translatorOrReviewer: ['translator', 'reviewer'],
    translatorOrEditor: ['translator', 'editor'],
    editorOrAdminReads: ['editor'],
  };
  return allowed[access].includes(role) ? 'through' : 'forbidden';
}
