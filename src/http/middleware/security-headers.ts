import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet). The API's own CSP lets nothing run: JSON needs nothing, and
 * a published page rendered here may style itself but never run a script. The web app under /app gets a
 * policy for its own scripts and styles only. A route that sets its own Content-Security-Policy later (the
 * publishing pages do) replaces these, since routes run after this middleware.
 */
const common = {
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

export const apiPolicy = {
  ...common,
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

export const webAppPolicy = {
  ...common,
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

function headers(directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Clients of the API are other origins' scripts only through CORS, which this service does not offer.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
}

export function securityHeaders(): RequestHandler {
  const api = headers(apiPolicy);
  const webApp = headers(webAppPolicy);
  return (req, res, next) => (req.path === '/app' || req.path.startsWith('/app/') ? webApp : api)(req, res, next);
}
