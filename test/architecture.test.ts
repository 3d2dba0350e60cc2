import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one-way doors of ../shared/STYLE.md: each folder imports only from folders before it in
 * this list. report never imports engine or model; cli and bench may import anything.
 */
const LAYERS = ['common', 'engine', 'model', 'traces', 'placement', 'scheduling', 'migration', 'failures', 'metrics', 'report', 'scenario', 'planner', 'sweep', 'cli'];
const FORBIDDEN: Record<string, string[]> = { report: ['engine', 'model'] };
const ANYTHING = new Set(['cli']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const SRC = join(import.meta.dirname, '..', 'src');

describe('architecture', () => {
  it('keeps imports one-way between folders', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = relative(SRC, file).split('/')[0]!;
      if (!LAYERS.includes(from) && from.endsWith('.ts')) continue; // src/index.ts: the public API
      expect(LAYERS, `src/${from} is not a known layer`).toContain(from);
      for (const match of readFileSync(file, 'utf8').matchAll(/from '\.\.\/(?:\.\.\/)?([a-z-]+)\//g)) {
        const to = match[1]!;
        if (to === from || ANYTHING.has(from)) continue;
        const allowed = LAYERS.indexOf(to) < LAYERS.indexOf(from) && !(FORBIDDEN[from] ?? []).includes(to);
        if (!allowed) violations.push(`${relative(SRC, file)} imports ${to}/`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('reads no clock, unseeded randomness or environment outside cli/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const layer = relative(SRC, file).split('/')[0]!;
      if (ANYTHING.has(layer)) continue;
      const text = readFileSync(file, 'utf8');
      if (/Math\.random|Date\.now\(|new Date\(|performance\.now|process\.env|setTimeout\(|setInterval\(/.test(text)) offenders.push(relative(SRC, file));
    }
    expect(offenders).toEqual([]);
  });
});
