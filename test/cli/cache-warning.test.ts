import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

describe('a trace cache that cannot be written', () => {
  it('is a warning on the terminal, and the run still succeeds', () => {
    if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
    const work = mkdtempSync(join(tmpdir(), 'rackplan-cache-warning-'));
    const blocked = join(work, 'a-file-not-a-folder');
    writeFileSync(blocked, '');
    const out = join(work, 'out');
    const result = runCli(blocked, 'replay', '--trace', join(ROOT, 'test', 'fixtures', 'traces', 'bitbrains'), '--format', 'bitbrains', '--cache-dir', blocked, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: cannot write the trace cache in .*a-file-not-a-folder/m);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).files.length).toBeGreaterThan(0);
  });
});
