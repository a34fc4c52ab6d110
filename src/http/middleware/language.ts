import type { RequestHandler } from 'express';
import type { i18n, TFunction } from 'i18next';
import type { LanguageDetector } from 'i18next-http-middleware';
import { supportedLanguages } from '../../i18n/index.js';

/**
 * Picks the caller's language with i18next-http-middleware's detector (`?lng=`, then Accept-Language) and
 * hands the request a translator fixed to it. The library's own `handle` clones an i18next instance on
 * every request, which cost a quarter of the API's CPU on the claim/submit path; the fixed functions are
 * made once per supported language.
 */
export function language(instance: i18n): RequestHandler {
  const detector = instance.services.languageDetector as unknown as LanguageDetector;
  const fixed = new Map<string, TFunction>(supportedLanguages.map((lng) => [lng, instance.getFixedT(lng)]));
  const fallback = fixed.get('en')!;
  return (req, res, next) => {
    // The typings say void; the detector returns the best supported match (or the fallback language).
    const detected = String((detector.detect(req, res, ['querystring', 'header']) as unknown as string | undefined) ?? 'en');
    const lng = fixed.has(detected) ? detected : (detected.split('-')[0] ?? 'en');
    req.language = fixed.has(lng) ? lng : 'en';
    req.t = fixed.get(req.language) ?? fallback;
    res.set('Content-Language', req.language);
    next();
  };
}
