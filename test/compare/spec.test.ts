import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../src/model/datacenter.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { loadComparePlan } from '../../src/compare/compare-plan.js';
import { fitsEmptyHost } from '../../src/compare/compare-variants.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { hostModel, hypervisor, tinyWorkload } from '../helpers/tiny-world.js';

const catalog = loadCatalog();

function writeSpec(spec: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rackplan-compare-spec-')), 'compare-test.json');
  writeFileSync(file, JSON.stringify({ name: 'test', trace: { path: 'tiny.csv' }, ...spec }));
  return file;
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('compare specs', () => {
  it('default to the four families on the spec host model, labels from the family', () => {
    const plan = loadComparePlan(writeSpec({ hostModel: 'generic-2s-64c' }), {}, catalog);
    expect(plan.variants.map((v) => [v.id, v.label, v.hostModel?.id ?? null, v.hypervisor.id, v.guest?.id ?? null, v.sharing])).toEqual([
      ['physical', 'Physical', null, 'bare-metal', null, 'fixed'],
      ['virtual', 'Virtual', 'generic-2s-64c', 'kvm', 'full-os', 'fixed'],
      ['elastic', 'Elastic', 'generic-2s-64c', 'kvm', 'full-os', 'elastic'],
      ['containers', 'Containers', 'generic-2s-64c', 'container-runtime', 'container', 'fixed'],
    ]);
    expect(plan.tracePath).toBe(join(plan.file!, '..', 'tiny.csv'));
  });

  it('resolve variants: their own model, guest, elastic settings and physical candidates', () => {
    const file = writeSpec({
      scenarios: [
        { id: 'physical-new', family: 'physical', candidateModels: ['generic-2s-64c', 'dell-poweredge-r740'] },
        { id: 'virtual-tiny-guests', family: 'virtual', guest: 'minimal-guest', hostModel: 'generic-2s-64c' },
        { id: 'elastic', family: 'elastic', elastic: { minFraction: 0.5 } },
      ],
    });
    const [physical, virtual, elastic] = loadComparePlan(file, {}, catalog).variants;
    // smallest first: the R740 (140 000 MHz) before the generic server (153 600 MHz)
    expect(physical!.candidateModels.map((m) => m.id)).toEqual(['dell-poweredge-r740', 'generic-2s-64c']);
    expect(virtual!.label).toBe('Virtual (tiny guests)');
    expect(virtual!.hostModel!.id).toBe('generic-2s-64c');
    expect(elastic!.elastic).toEqual({ ...DEFAULT_ELASTIC, minFraction: 0.5 });
    expect(elastic!.hostModel!.id).toBe('dell-poweredge-r740');
    // --host-model wins over a variant's own model
    expect(loadComparePlan(file, { hostModel: 'ibm-x3550-x5675' }, catalog).variants[1]!.hostModel!.id).toBe('ibm-x3550-x5675');
  });

  it('reject duplicate ids, unknown models and fields of another family, naming the field', () => {
    const twice = writeSpec({ scenarios: [{ id: 'virtual', family: 'virtual' }, { id: 'virtual', family: 'virtual' }] });
    expect(inputError(() => loadComparePlan(twice, {}, catalog)).field).toBe('scenarios[1].id');
    const unknown = writeSpec({ scenarios: [{ id: 'physical', family: 'physical', candidateModels: ['cray-1'] }] });
    const error = inputError(() => loadComparePlan(unknown, {}, catalog));
    expect(error.field).toBe('scenarios[0].candidateModels[0]');
    expect(error.detail).toMatch(/unknown host model "cray-1"; valid: dell-poweredge-r740, generic-2s-64c, /);
    const elasticOnVirtual = writeSpec({ scenarios: [{ id: 'virtual', family: 'virtual', elastic: { minFraction: 0.5 } }] });
    expect(inputError(() => loadComparePlan(elasticOnVirtual, {}, catalog)).field).toBe('scenarios[0].elastic');
  });
});

describe('the consolidation-policy axis', () => {
  it('runs each consolidated scenario once per policy, in the policies order, after its own', () => {
    const file = writeSpec({
      scenarios: [
        { id: 'physical', family: 'physical' },
        { id: 'virtual', family: 'virtual' },
        { id: 'virtual-minimal', family: 'virtual', guest: 'minimal-guest', label: 'Virtual (minimal)' },
        { id: 'elastic-tuned', family: 'elastic', consolidation: { overload: 'mad', safety: 2.5, selection: 'mu' } },
      ],
      policies: ['none', 'thr-mmt-0.8', 'lr-mmt-1.20'],
    });
    const variants = loadComparePlan(file, {}, catalog).variants;
    expect(variants.map((v) => [v.id, v.label, v.consolidation && [v.consolidation.overload, v.consolidation.selection, v.consolidation.safety]])).toEqual([
      ['physical', 'Physical', null],
      ['virtual', 'Virtual', null],
      ['virtual-thr-mmt-0.8', 'Virtual, thr-mmt-0.8', ['thr', 'mmt', 0.8]],
      ['virtual-lr-mmt-1.2', 'Virtual, lr-mmt-1.2', ['lr', 'mmt', 1.2]], // 1.20 is read as 1.2
      ['virtual-minimal', 'Virtual (minimal)', null],
      ['virtual-minimal-thr-mmt-0.8', 'Virtual (minimal), thr-mmt-0.8', ['thr', 'mmt', 0.8]],
      ['virtual-minimal-lr-mmt-1.2', 'Virtual (minimal), lr-mmt-1.2', ['lr', 'mmt', 1.2]],
      // its own consolidation block: run once, as it is
      ['elastic-tuned', 'Elastic (tuned)', ['mad', 'mu', 2.5]],
    ]);
    // The rest of a policy's block takes the defaults of a scenario file's consolidation.
    expect(variants[3]!.consolidation).toEqual({ intervalSeconds: 300, overload: 'lr', safety: 1.2, fallbackThreshold: 0.7, selection: 'mmt', underload: true, historyLength: 30 });
    // --policies replaces the spec's; without `none` the plain scenarios are not run.
    expect(loadComparePlan(file, { policies: ['iqr-mc-1.5'], scenarios: ['physical', 'virtual'] }, catalog).variants.map((v) => v.id)).toEqual([
      'physical',
      'virtual-iqr-mc-1.5',
    ]);
  });

  it('rejects bad policies with the valid names, naming the list entry', () => {
    const where = (policies: string[]) => inputError(() => loadComparePlan(writeSpec({ policies }), {}, catalog));
    const malformed = where(['none', 'fast']);
    expect(malformed.field).toBe('policies[1]');
    expect(malformed.detail).toBe(
      'unknown consolidation policy "fast"; valid: none, or <detector>-<selection>-<safety> with detector thr|iqr|mad|lr|lrr and selection mmt|mc|mu|rs (e.g. lr-mmt-1.2, thr-mmt-0.8)',
    );
    expect(where(['xyz-mmt-1.2']).detail).toBe('unknown overload detector "xyz" in consolidation policy "xyz-mmt-1.2"; valid: thr, iqr, mad, lr, lrr');
    expect(where(['lr-max-1.2']).detail).toBe('unknown VM selection "max" in consolidation policy "lr-max-1.2"; valid: mmt, mc, mu, rs');
    expect(where(['lr-mmt-0']).detail).toMatch(/safety parameter must be above 0/);
    expect(where(['lr-mmt-1.2', 'lr-mmt-1.20']).detail).toBe('consolidation policy "lr-mmt-1.20" is given twice');
    expect(inputError(() => loadComparePlan(writeSpec({}), { policies: ['nope'] }, catalog)).field).toBe('--policies');
  });

  it('keeps consolidation off physical and policy ids unique', () => {
    const physical = writeSpec({ scenarios: [{ id: 'physical', family: 'physical', consolidation: { overload: 'thr' } }] });
    expect(inputError(() => loadComparePlan(physical, {}, catalog)).field).toBe('scenarios[0].consolidation');
    const clash = writeSpec({ scenarios: [{ id: 'virtual', family: 'virtual' }, { id: 'virtual-thr-mmt-1', family: 'virtual' }], policies: ['none', 'thr-mmt-1'] });
    expect(inputError(() => loadComparePlan(clash, {}, catalog)).detail).toMatch(/policy variant "virtual-thr-mmt-1" has the id of another scenario/);
  });
});

describe('fitsEmptyHost', () => {
  it('agrees with placement on an empty host (the sizing of physical servers and pools relies on it)', () => {
    fc.assert(
      fc.property(
        fc.record({
          cores: fc.integer({ min: 1, max: 8 }),
          memoryMiB: fc.integer({ min: 512, max: 8192 }),
          cpuOverheadFraction: fc.constantFrom(0, 0.03, 0.05),
          memoryOverheadMiB: fc.constantFrom(0, 200, 712),
          cpuOvercommit: fc.constantFrom(1, 1.5, 2),
          vmCores: fc.integer({ min: 1, max: 16 }),
          vmMemoryMiB: fc.integer({ min: 256, max: 9000 }),
        }),
        (c) => {
          const model = hostModel('m', c.cores, 1000, c.memoryMiB, { kind: 'linear', idleW: 50, maxW: 100 });
          const hyp = hypervisor('h');
          const override = { cpuOverheadFraction: c.cpuOverheadFraction, memoryOverheadMiB: c.memoryOverheadMiB, cpuOvercommit: c.cpuOvercommit, memoryOvercommit: 1 };
          const testCatalog = { ...catalog, hosts: new Map([['m', model]]), hypervisors: new Map([['h', hyp]]) };
          const dc = buildDatacenter(uniformTopology('m', 1, 'h'), testCatalog, 'test', override);
          const workload = tinyWorkload([{ id: 'vm', cores: c.vmCores, cpuCapacityMhz: c.vmCores * 1000, memoryMiB: c.vmMemoryMiB, samples: [[0, 10]], endSeconds: 60 }]);
          const rules = sharingRules(workload, 'fixed', DEFAULT_ELASTIC);
          const record = simulate(workload, dc, { rules, policy: placementPolicy('best-fit'), initialBatchMs: 300_000, reportIntervalMs: 60_000 });
          expect(fitsEmptyHost(model, override, c.vmCores * 1000, c.vmMemoryMiB, 0)).toBe(record.vms.placed(0));
        },
      ),
      { numRuns: 150 },
    );
  });
});
