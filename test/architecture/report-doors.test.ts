import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportDoorViolations, RESULT_LAYERS } from './house-rules.js';
import { readSourceTree } from './import-graph.js';

const tree = readSourceTree(join(import.meta.dirname, '..', '..', 'src'));

describe('report/', () => {
  it('is imported by cli/ alone, and imports values from common/ and types from result layers only', () => {
    expect(
      reportDoorViolations(tree),
      `report/ renders results: only cli/ (and src/index.ts) imports it; it imports values only from common/, and only \`import type\` from ${[...RESULT_LAYERS].join(', ')}`,
    ).toEqual([]);
  });
});
