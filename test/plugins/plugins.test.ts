import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { loadPlugins } from '../../src/scenario/load-plugins.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { leastRemainingScore } from '../../src/placement/plugins.js';
import { PluginError } from '../../src/common/plugin-error.js';
import { InputError } from '../../src/common/input-error.js';
import type { PlacementRequest, PlacementView } from '../../src/placement/placement-view.js';
import { expectBadInput, runCli } from '../helpers/cli.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const BAD = join(FIXTURES, 'bad-plugins.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'rackplan-plugins-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The default scenario, its first 6 hours, with flags applied. */
const oneDay = (overrides: Parameters<typeof loadScenario>[1] = {}) => loadScenario('default', { durationSeconds: 21_600, ...overrides });

describe('plug-ins in library runs', () => {
  it('a plug-in policy built from the best-fit scorer gives best-fit results to the byte', async () => {
    const mine = { name: 'my-best-fit', scorers: [{ plugin: leastRemainingScore, weight: 2 }] };
    const viaPlugin = await runScenario(oneDay({ placement: 'my-best-fit' }), { cacheDir: null, plugins: [{ placementPolicies: [mine] }] });
    const builtIn = await runScenario(oneDay({ placement: 'best-fit' }), { cacheDir: null });
    expect(JSON.stringify(viaPlugin.summary)).toBe(JSON.stringify(builtIn.summary));
  });

  it('a whole policy (choose) places where it says, is held to the filters, and -1 leaves a VM unplaced', async () => {
    const fits = (v: PlacementView, h: number, r: PlacementRequest) => v.cpuReservedMhz[h]! + r.cpuMhz <= v.cpuLimitMhz[h]! && v.memoryReservedMiB[h]! + r.memoryMiB + v.memoryOverheadMiB[h]! <= v.memoryLimitMiB[h]!;
    const lastFit = { name: 'last-fit', choose: (v: PlacementView, r: PlacementRequest) => { for (let h = v.hostCount - 1; h >= 0; h--) if (fits(v, h, r)) return h; return -1; } };
    const lastHost = { name: 'last-host', choose: (v: PlacementView) => v.hostCount - 1 };
    const none = { name: 'nowhere', choose: () => -1 };
    const plugins = [{ placementPolicies: [lastFit, lastHost, none] }];
    const placed = await runScenario(oneDay({ placement: 'last-fit' }), { cacheDir: null, plugins });
    expect(placed.summary.vms.placed).toBe(100);
    expect(placed.hosts[0]!.vmsPlaced).toBe(0);
    expect(placed.hosts.at(-1)!.vmsPlaced).toBeGreaterThan(0);
    await expect(runScenario(oneDay({ placement: 'last-host' }), { cacheDir: null, plugins })).rejects.toThrow(/plug-in "last-host": chose host 11, which fails the "memory" filter/);
    const refused = await runScenario(oneDay({ placement: 'nowhere' }), { cacheDir: null, plugins });
    expect(refused.summary.vms.placed).toBe(0);
    expect(refused.summary.unplacedReasons).toEqual({ 'declined-by-policy': 100 });
  });

  it.each([
    ['nan-score', /plug-in "nan-score".*scorer "nan" returned NaN for host \d+/],
    ['out-of-range', /plug-in "out-of-range".*choose returned 17; expected a host index 0\.\.11 or -1/],
    ['throws', /plug-in "throws".*choose threw: boom/],
  ])('placement plug-in %s that breaks its contract fails naming it', async (name, pattern) => {
    const run = runScenario(oneDay({ placement: name, plugins: [BAD] }), { cacheDir: null });
    await expect(run).rejects.toBeInstanceOf(PluginError);
    await expect(run).rejects.toThrow(pattern);
  });

  it('a detector that returns a non-boolean and a selector that returns a stranger fail naming them', async () => {
    const scenario = oneDay({ plugins: [BAD] });
    const consolidating = (overload: string, selection: string) => ({
      ...scenario,
      spec: { ...scenario.spec, consolidation: { intervalSeconds: 300, overload, safety: 0.01, fallbackThreshold: 0.01, selection, underload: true, historyLength: 30 } },
    });
    await expect(runScenario(consolidating('not-boolean', 'mmt'), { cacheDir: null })).rejects.toThrow(/not-boolean.*overloaded returned yes/);
    await expect(runScenario(consolidating('thr', 'stranger'), { cacheDir: null })).rejects.toThrow(/stranger.*select returned 123456, which is not one of the \d+ candidate VMs/);
  });

  it('names clash with built-ins, and unknown names list the plug-ins', async () => {
    await expect(runScenario(oneDay(), { cacheDir: null, plugins: [{ placementPolicies: [{ name: 'best-fit', choose: () => 0 }] }] })).rejects.toThrow(/already taken/);
    await expect(runScenario(oneDay({ placement: 'nope' }), { cacheDir: null, plugins: [{ placementPolicies: [{ name: 'mine', choose: () => 0 }] }] })).rejects.toThrow(
      /unknown placement policy "nope"; valid: .*mine/,
    );
    await expect(loadPlugins([join(FIXTURES, 'missing.mjs')])).rejects.toBeInstanceOf(InputError);
  });

  it('a scenario file names its plug-ins relative to itself; a failure-model plug-in takes hosts down', async () => {
    const file = join(FIXTURES, 'plugin-scenario.json');
    const base = loadScenario(file);
    const failing = { ...base, spec: { ...base.spec, failures: { generator: 'second-hour' } } };
    const result = await runScenario(failing, { cacheDir: null });
    expect(result.summary.hostFailures).toBe(1);
    expect(result.inputs.files.filter((f) => f.role === 'plugin').map((f) => f.path)).toEqual(['../../../examples/extending/target-utilization.mjs', 'failure-model.mjs']);
    const unknown = { ...base, spec: { ...base.spec, failures: { generator: 'nope' } } };
    await expect(runScenario(unknown, { cacheDir: null })).rejects.toThrow(/failures.generator: unknown failure model "nope"; valid: second-hour/);
  });
});

describe('plug-ins on the command line', () => {
  it('replay --plugins: a plug-in name works as --placement; a broken one exits 2 naming it', () => {
    const ok = runCli(tmp, 'replay', '--scenario', 'default', '--plugins', 'examples/extending/target-utilization.mjs', '--placement', 'target-70', '--out', join(tmp, 'ok'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(tmp, 'ok', 'run.json'), 'utf8')).placement).toBe('target-70');
    const bad = runCli(tmp, 'replay', '--scenario', 'default', '--plugins', BAD, '--placement', 'nan-score', '--out', join(tmp, 'bad'));
    expectBadInput(bad, join(tmp, 'bad'), /bad-plugins\.mjs: plug-in "nan-score": scorer "nan" returned NaN/);
  });

  it('a sweep over a plug-in policy runs on worker threads that load the plug-in themselves', () => {
    const out = join(tmp, 'sweep');
    const result = runCli(tmp, 'sweep', join(FIXTURES, 'plugin-sweep.json'), '--workers', '2', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { results: { parameters: Record<string, unknown>; metrics: Record<string, number> }[] };
    expect(sweep.results.map((r) => r.parameters['placement.policy'])).toEqual(['best-fit', 'target-70']);
    expect(sweep.results.every((r) => r.metrics['energyKWh']! > 0)).toBe(true);
  });

  it('validate knows a scenario\'s plug-in names; compare --policies takes a plug-in detector', () => {
    const valid = runCli(tmp, 'validate', join(FIXTURES, 'plugin-scenario.json'));
    expect(valid.code, valid.stderr).toBe(0);
    const out = join(tmp, 'compare');
    const compare = runCli(tmp, 'compare', '--spec', 'examples/extending/compare-detectors.json', '--policies', 'none,ewma-mmt-0.5', '--out', out);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stderr).toMatch(/virtual-ewma-mmt-0\.5 /);
    const unknown = runCli(tmp, 'compare', '--spec', 'examples/extending/compare-detectors.json', '--policies', 'ewmb-mmt-0.5', '--out', join(tmp, 'compare-bad'));
    expectBadInput(unknown, join(tmp, 'compare-bad'), /--policies: unknown overload detector "ewmb" .*valid: thr, iqr, mad, lr, lrr, ewma/);
  });

  it('plan runs a plug-in policy on worker threads', () => {
    const out = join(tmp, 'plan');
    const result = runCli(tmp, 'plan', '--scenario', join(FIXTURES, 'plugin-scenario.json'), '--slo', 'unmetFraction<=0.01', '--seeds', '1', '--workers', '2', '--max-hosts', '12', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(out, 'plan.json'), 'utf8')).toContain('target-70');
  });
});
