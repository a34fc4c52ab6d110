import { Router } from 'express';
import { z } from 'zod';
import { qaCodes, qaLevels } from '../../domain/qa/index.js';
import { AppError } from '../../errors.js';
import { changeAvailability } from '../../services/assignment.js';
import type { ServiceDeps } from '../../services/deps.js';
import { putLocaleSettings } from '../../services/locale-settings.js';
import { changeTranslator } from '../../services/people.js';
import { knownLocales, localeSettingsOf } from '../../services/locales.js';
import { requireRole } from '../middleware/auth.js';
import { languagePairSchema, localeCode, uuidParam } from '../schemas.js';

const availabilitySchema = z.object({ available: z.boolean() });
const personUpdateSchema = z
  .object({
    languagePairs: z.array(languagePairSchema).max(50).optional(),
    capacity: z.number().int().min(1).max(100).optional(),
    available: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing_to_change');
const localeSettingsSchema = z.object({
  reviewByDefault: z.boolean().default(false),
  reviewMemoryMatches: z.boolean().default(false),
  disabledChecks: z.array(z.enum(qaCodes)).default([]),
  checkSeverities: z.partialRecord(z.enum(qaCodes), z.enum(qaLevels)).default({}),
  reviewOverrides: z.boolean().default(false),
  preTranslate: z.boolean().default(false),
});

/** Translators and reviewers on shift, and what admins set for them and for each locale. */
export function peopleRouter(deps: ServiceDeps, onPeopleChanged: () => void): Router {
  const router = Router();

  router.post('/translators/me/availability', requireRole('translator', 'reviewer'), async (req, res) => {
    const { available } = availabilitySchema.parse(req.body ?? {});
    const result = await changeAvailability(deps, req.user!, available);
    onPeopleChanged();
    res.json(result);
  });

  router.patch('/translators/:id', requireRole('admin'), async (req, res) => {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw new AppError('user_not_found', { id: String(req.params.id) });
    const changes = personUpdateSchema.parse(req.body ?? {});
    const user = await changeTranslator(deps, id.data, changes);
    onPeopleChanged();
    res.json(user);
  });

  router.get('/locales', requireRole('admin', 'editor'), async (_req, res) => {
    res.json({ items: await knownLocales(deps) });
  });

  router.get('/locales/:locale/settings', requireRole('admin', 'editor'), async (req, res) => {
    res.json(await localeSettingsOf(deps, localeCode.parse(req.params.locale)));
  });

  router.put('/locales/:locale/settings', requireRole('admin'), async (req, res) => {
    const locale = localeCode.parse(req.params.locale);
    const settings = localeSettingsSchema.parse(req.body ?? {});
    res.json(await putLocaleSettings(deps.pool, { locale, ...settings }));
  });

  return router;
}
