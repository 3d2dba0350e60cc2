import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (found from this file, in src/ or dist/). */
export const RACKPLAN_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
