import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the library entry point', () => {
  it('runs a scenario from `import { runScenario } from "rackplan"` (the built package)', async () => {
    const lib = await import(join(import.meta.dirname, '..', '..', 'dist', 'index.js'));
    const result = await lib.runScenario(join(lib.BUILTIN_MODELS_DIR, 'scenarios', 'default.json'), { cacheDir: null });
    expect(result.summary.vms.placed).toBe(100);
    expect(result.summary.cpu.demandMHzHours).toBeCloseTo(result.summary.cpu.servedMHzHours + result.summary.cpu.unmetMHzHours, 6);
    expect(lib.placementPolicyNames()).toContain('best-fit');
    for (const name of ['runCompare', 'loadComparePlan', 'planCapacity', 'runPortfolio', 'createPlanRunner', 'parseSlo', 'openSweep', 'runSweep', 'accountIo', 'generateFailureSchedule', 'loadTrace', 'synthesizeWorkload']) {
      expect(typeof lib[name], name).toBe('function');
    }
    expect(lib.parseSlo('unmetFraction<=0.001')).toBeTruthy();
  });
});
