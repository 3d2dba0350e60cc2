import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const TRACE = join(ROOT, 'test', 'fixtures', 'traces', 'bitbrains');

describe('a trace cache that cannot be written', () => {
  it('is a warning on the terminal, and the run still succeeds', () => {
    if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
    const work = mkdtempSync(join(tmpdir(), 'rackplan-cache-warning-'));
    try {
      // A writable cache folder (an unwritable --cache-dir is refused up front), in which a folder
      // stands where this trace's cache file goes, so writing the cache fails.
      const cache = join(work, 'cache');
      expect(runCli(cache, 'replay', '--trace', TRACE, '--format', 'bitbrains', '--cache-dir', cache, '--out', join(work, 'first')).code).toBe(0);
      const entry = readdirSync(cache).find((name) => name.endsWith('.bin'))!;
      rmSync(join(cache, entry));
      mkdirSync(join(cache, entry));
      const out = join(work, 'out');
      const result = runCli(cache, 'replay', '--trace', TRACE, '--format', 'bitbrains', '--cache-dir', cache, '--out', out);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/^warning: cannot write the trace cache in .*cache/m);
      expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).files.length).toBeGreaterThan(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
