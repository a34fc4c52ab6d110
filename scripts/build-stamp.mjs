#!/usr/bin/env node
// Marks dist/ as built from the sources as they are now (scripts/ensure-build.mjs compares against it).
import { mkdirSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
mkdirSync(dist, { recursive: true });
writeFileSync(new URL('.build-stamp', dist), `${new Date().toISOString()}\n`);
