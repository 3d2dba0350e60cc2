import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { loadSpec } from '../../src/model/load-spec.js';
import { powerAt, powerCurve } from '../../src/model/power-curve.js';
import { HostModelSpecSchema } from '../../src/model/specs.js';
import { jsonSchemaOf, SPEC_KINDS, type SpecKind } from '../../src/cli/spec-kinds.js';

describe('power curves', () => {
  it('interpolate the SPECpower table linearly between 10% points', () => {
    // HP ML110 G4: 96 W at 30%, 99.5 W at 40% => 35% is 97.75 W
    const g4 = loadCatalog().hosts.get('hp-proliant-ml110-g4')!;
    const curve = powerCurve(g4.power);
    expect(powerAt(curve, 0.35)).toBeCloseTo(97.75, 12);
    expect(powerAt(curve, 0)).toBe(86);
    expect(powerAt(curve, 1)).toBe(117);
    expect(powerAt(curve, 1.7)).toBe(117);
  });

  it('are monotone between idle and max for a linear model', () => {
    const curve = powerCurve({ kind: 'linear', idleW: 100, maxW: 250 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(powerAt(curve, lo)).toBeLessThanOrEqual(powerAt(curve, hi) + 1e-9);
        expect(powerAt(curve, a)).toBeCloseTo(100 + 150 * a, 9);
      }),
    );
  });
});

describe('the models folder', () => {
  it('loads every shipped model, each with a cited source', () => {
    const catalog = loadCatalog();
    expect(catalog.hosts.size).toBeGreaterThanOrEqual(5);
    for (const host of catalog.hosts.values()) expect(host.source.length).toBeGreaterThan(20);
    expect([...catalog.hypervisors.keys()]).toContain('kvm');
    expect([...catalog.guests.keys()].sort()).toEqual(['container', 'full-os', 'minimal-guest']);
  });

  it('rejects a bad model with the file and JSON path of the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-model-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'x', name: 'x', cores: 4, mhzPerCore: 2000, memoryMiB: 1024, power: { kind: 'table', wattsAtLoad: [1, 2, 3] }, source: 's' }));
    try {
      loadSpec(file, HostModelSpecSchema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('power.wattsAtLoad');
      expect((error as InputError).message).toContain(file);
    }
    writeFileSync(file, '{ "id": "x",\n  "name": }');
    expect(() => loadSpec(file, HostModelSpecSchema)).toThrow(/invalid JSON/);
  });

  it('ships JSON Schemas that equal the ones generated from the validators', () => {
    for (const kind of Object.keys(SPEC_KINDS) as SpecKind[]) {
      const committed = readFileSync(join(BUILTIN_MODELS_DIR, '..', 'schemas', `${kind}.schema.json`), 'utf8');
      expect(committed, `schemas/${kind}.schema.json is stale: run node dist/cli/main.js schemas`).toBe(jsonSchemaOf(kind));
    }
  });
});
