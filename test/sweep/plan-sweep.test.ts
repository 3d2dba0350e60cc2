import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { FileChecksums } from '../../src/sweep/file-checksums.js';
import { planSweep, type SweepPlan } from '../../src/sweep/plan-sweep.js';
import { setPath } from '../../src/sweep/run-identity.js';
import { loadSweepSpec, pointAt, sweepSize } from '../../src/sweep/sweep-spec.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIO = join(ROOT, 'models', 'scenarios', 'default.json');
const TRACE = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');

let work: string;
let counter = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rackplan-sweep-plan-'));
});

/** Writes a sweep file into the work folder and plans it with the built-in models. */
function plan(parameters: Record<string, unknown[]>, extra: Record<string, unknown> = {}, catalogDir = BUILTIN_MODELS_DIR): SweepPlan {
  return planSweep(loadSweepSpec(sweepFile(parameters, extra)), loadCatalog(catalogDir), new FileChecksums());
}

function sweepFile(parameters: Record<string, unknown[]>, extra: Record<string, unknown> = {}): string {
  const file = join(work, `sweep-${counter++}.json`);
  writeFileSync(file, JSON.stringify({ name: 'test', scenario: SCENARIO, parameters, ...extra }));
  return file;
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('the cartesian product', () => {
  it('enumerates runs row-major over the keys in sorted order, the last varying fastest', () => {
    const axes = [
      { key: 'a', values: [1, 2] },
      { key: 'b', values: ['x', 'y', 'z'] },
    ];
    expect(sweepSize(axes)).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => pointAt(axes, i))).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('sorts keys, whatever their order in the file, and sets nested keys after their parent', () => {
    const p = plan({ seed: [1, 2], 'consolidation.selection': ['mc'], consolidation: [null, { overload: 'iqr', safety: 1.5 }] });
    expect(p.sweep.axes.map((a) => a.key)).toEqual(['consolidation', 'consolidation.selection', 'seed']);
    expect(p.runs).toHaveLength(4);
    // null removes consolidation, then consolidation.selection creates it with its defaults
    expect(p.runs[0]!.scenario.spec.consolidation).toMatchObject({ overload: 'thr', selection: 'mc', safety: 0.8 });
    expect(p.runs[2]!.scenario.spec.consolidation).toMatchObject({ overload: 'iqr', selection: 'mc', safety: 1.5 });
    expect(p.runs.map((r) => r.scenario.spec.seed)).toEqual([1, 2, 1, 2]);
    expect(p.runs[3]!.label).toBe('consolidation={"overload":"iqr","safety":1.5} consolidation.selection=mc seed=2');
  });

  it('keeps the base scenario for keys not swept, with absolute paths', () => {
    const p = plan({ 'placement.policy': ['worst-fit'] });
    const s = p.runs[0]!.scenario;
    expect(s.spec.power.switchOffIdle).toBe(true);
    expect(s.spec.placement.policy).toBe('worst-fit');
    expect(s.tracePath).toBe(TRACE);
    expect(s.topologyPath).toBe(join(ROOT, 'models', 'topologies', 'default.json'));
    expect(s.file).toBe(SCENARIO);
  });
});

describe('run identity', () => {
  it('gives distinct runs distinct hashes and the same inputs the same hash', () => {
    const a = plan({ seed: [1, 2], 'placement.policy': ['best-fit', 'worst-fit'] });
    const b = plan({ 'placement.policy': ['best-fit', 'worst-fit'], seed: [1, 2] });
    expect(new Set(a.runs.map((r) => r.hash)).size).toBe(4);
    expect(b.runs.map((r) => r.hash)).toEqual(a.runs.map((r) => r.hash));
    expect(a.runs[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on file contents, not paths: a copied trace keeps the hash', () => {
    const copy = join(work, 'copied-trace.csv.gz');
    copyFileSync(TRACE, copy);
    const original = plan({ seed: [7] });
    const copied = plan({ seed: [7], 'trace.path': [copy] });
    expect(copied.runs[0]!.scenario.tracePath).toBe(copy);
    expect(copied.runs[0]!.hash).toBe(original.runs[0]!.hash);
    expect(JSON.stringify(copied.runs[0]!.identity)).not.toContain(work);
  });

  it('changes when a host model file the topology uses changes', () => {
    const models = join(work, 'models');
    cpSync(BUILTIN_MODELS_DIR, models, { recursive: true });
    const before = plan({ seed: [1] }, {}, models);
    const host = join(models, 'hosts', 'dell-poweredge-r740.json');
    writeFileSync(host, readFileSync(host, 'utf8').replace('"name": "', '"name": "Edited '));
    const after = plan({ seed: [1] }, {}, models);
    expect(after.runs[0]!.hash).not.toBe(before.runs[0]!.hash);
    expect(Object.keys(after.runs[0]!.identity.models).sort()).toEqual(['hosts/dell-poweredge-r740', 'hypervisors/kvm']);
  });

  it('resolves paths given in the sweep against the sweep file', () => {
    const sub = mkdtempSync(join(work, 'sub-'));
    copyFileSync(TRACE, join(sub, 'trace.csv.gz'));
    const file = join(sub, 'relative.json');
    writeFileSync(file, JSON.stringify({ name: 'rel', scenario: SCENARIO, parameters: { 'trace.path': ['trace.csv.gz'] } }));
    const p = planSweep(loadSweepSpec(file), loadCatalog(), new FileChecksums());
    expect(p.runs[0]!.scenario.tracePath).toBe(join(sub, 'trace.csv.gz'));
  });
});

describe('bad sweeps', () => {
  it('name the sweep file, the field and the run', () => {
    const e = inputError(() => plan({ 'placement.policy': ['best-fit', 'no-such-policy'] }));
    expect(e.file).toMatch(/sweep-\d+\.json$/);
    expect(e.field).toBe('placement.policy');
    expect(e.message).toMatch(/run placement\.policy=no-such-policy: unknown placement policy "no-such-policy"; valid: .*best-fit/);
  });

  it('reject keys the scenario does not have', () => {
    const e = inputError(() => plan({ 'placement.polcy': ['best-fit'] }));
    expect(e.message).toMatch(/run placement\.polcy=best-fit: .*polcy/);
  });

  it('reject values of the wrong type, repeated values and empty lists', () => {
    expect(inputError(() => plan({ seed: ['one'] })).field).toBe('seed');
    expect(inputError(() => plan({ seed: [1, 2, 1] })).field).toBe('parameters["seed"][2]');
    expect(inputError(() => plan({ seed: [] })).field).toBe('parameters.seed');
    expect(inputError(() => plan({})).field).toBe('parameters');
    expect(inputError(() => plan({ 'bad key': [1] })).field).toBe('parameters["bad key"]');
  });

  it('reject an unknown detector and a missing trace', () => {
    expect(inputError(() => plan({ 'consolidation.overload': ['nope'] })).message).toMatch(/unknown .*"nope"; valid: .*iqr/);
    expect(inputError(() => plan({ 'trace.path': ['missing.csv'] })).message).toMatch(/missing\.csv: .*no such file/);
  });

  it('reject an empty metrics list', () => {
    expect(() => plan({ seed: [1] }, { metrics: [] })).toThrow(InputError);
  });
});

describe('setPath', () => {
  it('creates objects on the way, deletes on null and refuses to go through a value', () => {
    const root: Record<string, unknown> = { a: { b: 1 }, c: 2 };
    expect(setPath(root, 'a.x.y', 3)).toBe(true);
    expect(setPath(root, 'a.b', null)).toBe(true);
    expect(setPath(root, 'z.w', null)).toBe(true);
    expect(root).toEqual({ a: { x: { y: 3 } }, c: 2 });
    expect(setPath(root, 'c.d', 1)).toBe(false);
  });
});
