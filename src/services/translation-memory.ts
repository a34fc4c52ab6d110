/**
 * The translation memory's use cases, kept importable from their old place: reading in memory/lookup.ts,
 * writing in memory/write.ts, TMX import and export in memory/tmx.ts.
 */
export type { LanguagePairKey } from '../storage/memory-repo.js';
export * from './memory/lookup.js';
export * from './memory/tmx.js';
export * from './memory/write.js';
