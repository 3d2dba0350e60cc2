import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles } from './house-rules.js';
import { readSourceTree } from './import-graph.js';

const tree = readSourceTree(join(import.meta.dirname, '..', '..', 'src'));

describe('imports between files of src/', () => {
  it('form no cycle, type-only imports included', () => {
    expect(importCycles(tree), 'files that import each other, directly or round a loop; move the shared part into a file both import').toEqual([]);
  });
});
