import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceTree, type SourceTree } from '../architecture/import-graph.js';

const tree = readSourceTree(join(import.meta.dirname, '..', '..', 'src'));

/** Files a module loads with it: its static value imports, followed (type-only and `import()` left out). */
function loadedWith(tree: SourceTree, entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const edge of tree.edges) {
      if (edge.from !== file || edge.typeOnly || edge.dynamic || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}

const importsZod = (tree: SourceTree, file: string) => /from 'zod'/.test(tree.texts.get(file) ?? '');

/**
 * A sweep (or plan) thread starts once per thread, before its first run: whatever it loads is paid again
 * on every thread. Its inputs are validated and loaded where the sweep is planned, so it loads
 * neither the schema library nor the trace readers (a queue job's checks load them on demand).
 */
describe('a sweep or plan thread', () => {
  const loaded = loadedWith(tree, 'sweep/sweep-thread.ts');

  it('runs the simulation it is started for', () => {
    expect(loaded).toContain('scenario/run-on-datacenter.ts');
    expect(loaded).toContain('simulation/simulate.ts');
  });

  it('does not load zod, the trace readers or the catalog loader', () => {
    expect([...loaded].filter((file) => importsZod(tree, file))).toEqual([]);
    expect([...loaded].filter((file) => file.startsWith('traces/readers/') || file === 'traces/registry.ts' || file === 'model/catalog.ts')).toEqual([]);
  });

  it('nor does a plan thread, which loads no chart library either', () => {
    const plan = loadedWith(tree, 'planner/plan-worker.ts');
    expect(plan).toContain('scenario/run-on-datacenter.ts');
    expect([...plan].filter((file) => importsZod(tree, file) || file === 'traces/registry.ts' || file === 'model/catalog.ts' || file === 'common/number-format.ts')).toEqual([]);
  });

  it('is told apart from a module that does load them', () => {
    expect([...loadedWith(tree, 'scenario/run-scenario.ts')].filter((file) => importsZod(tree, file)).length).toBeGreaterThan(0);
  });
});
