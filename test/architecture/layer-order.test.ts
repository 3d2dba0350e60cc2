import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_EXCEPTIONS, LAYERS, staleExceptions, unknownLayers, wrongWayImports } from './house-rules.js';
import { readSourceTree } from './import-graph.js';

const tree = readSourceTree(join(import.meta.dirname, '..', '..', 'src'));

describe('the layer order of src/', () => {
  it('has a place in the order for every folder', () => {
    expect(unknownLayers(tree), `folders of src/ missing from LAYERS (test/architecture/house-rules.ts): ${LAYERS.join(', ')}`).toEqual([]);
  });

  it('keeps imports one-way: each folder imports only from folders before it', () => {
    expect(wrongWayImports(tree), `imports into a later folder; the order is ${LAYERS.join(' < ')}`).toEqual([]);
  });

  it('lists only exceptions that still occur', () => {
    const reasons = KNOWN_EXCEPTIONS.map((e) => `${e.from} -> ${e.to}: ${e.why}`).join('; ');
    expect(staleExceptions(tree), `these imports are gone; remove them from KNOWN_EXCEPTIONS (${reasons})`).toEqual([]);
  });
});
