import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockReaders } from './house-rules.js';
import { readSourceTree } from './import-graph.js';

const tree = readSourceTree(join(import.meta.dirname, '..', '..', 'src'));

describe('time, randomness and the environment', () => {
  it('are read in cli/ only', () => {
    expect(clockReaders(tree), 'files outside cli/ that read the clock, Math.random, timers or process.env').toEqual([]);
  });
});
