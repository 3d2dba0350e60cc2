import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockReaders, importCycles, reportDoorViolations, unknownLayers, wrongWayImports } from './house-rules.js';
import { readSourceTree } from './import-graph.js';

/**
 * The rules must refuse what they are for. test/fixtures/architecture/wrong-way is a tiny tree
 * with the wrong-way arrows this repository once had (the planner importing the report's types
 * and number formats, a sweep page in sweep/ importing report helpers, a type-only cycle in
 * metrics/), plus a report value import, a folder outside the order and a clock read. Cli and
 * the entry point import the report there too, and must pass.
 */
const tree = readSourceTree(join(import.meta.dirname, '..', 'fixtures', 'architecture', 'wrong-way'));

describe('the architecture rules on a tree with wrong-way arrows', () => {
  it('see every form of import', () => {
    expect(tree.edges).toContainEqual({ from: 'index.ts', to: 'report/plan-page.ts', typeOnly: false, dynamic: false });
    expect(tree.edges).toContainEqual({ from: 'index.ts', to: 'metrics/summarize.ts', typeOnly: true, dynamic: false });
    expect(tree.edges).toContainEqual({ from: 'report/plan-page.ts', to: 'metrics/result.ts', typeOnly: false, dynamic: false });
  });

  it('refuse the folder that has no place in the order', () => {
    expect(unknownLayers(tree)).toEqual(['gadgets']);
  });

  it('refuse imports into later folders', () => {
    expect(wrongWayImports(tree)).toEqual([
      'model/host.ts -> metrics/summarize.ts (import type)',
      'planner/plan.ts -> report/plan-page.ts (import type)',
      'planner/plan.ts -> report/number-format.ts',
      'sweep/sweep-page.ts -> report/number-format.ts',
    ]);
  });

  it('refuse report imports from anything but cli, and report imports of values or of non-result types', () => {
    expect(reportDoorViolations(tree)).toEqual([
      'planner/plan.ts -> report/plan-page.ts (import type): only cli/ imports report/',
      'planner/plan.ts -> report/number-format.ts: only cli/ imports report/',
      'report/plan-page.ts -> metrics/result.ts: report/ takes only types from outside common/',
      'report/plan-page.ts -> model/host.ts (import type): report/ takes types only from metrics, compare, planner, sweep',
      'sweep/sweep-page.ts -> report/number-format.ts: only cli/ imports report/',
    ]);
  });

  it('refuse the type-only cycle', () => {
    expect(importCycles(tree)).toEqual(['metrics/accounting.ts <-> metrics/summarize.ts']);
  });

  it('refuse the clock read outside cli/', () => {
    expect(clockReaders(tree)).toEqual(['common/clock.ts']);
  });
});
