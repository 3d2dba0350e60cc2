import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/** The figures in docs/extending.md are what the commands shown next to them print. */
const DOC = readFileSync(join(ROOT, 'docs', 'extending.md'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'rackplan-extending-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Summary {
  energyKWh: number;
  hosts: { activePeak: number };
  cpu: { unmetFraction: number; utilizationMean: number };
}

describe('docs/extending.md', () => {
  it('the placement table is what the four replays give', () => {
    const runs: [string, string[]][] = [
      ['best-fit', []],
      ['worst-fit', []],
      ['balanced', []],
      ['target-70', ['--plugins', 'examples/extending/target-utilization.mjs']],
    ];
    for (const [policy, extra] of runs) {
      const result = runCli(tmp, 'replay', '--scenario', 'default', '--placement', policy, ...extra, '--json', '--out', join(tmp, policy));
      expect(result.code, result.stderr).toBe(0);
      const s = JSON.parse(result.stdout) as Summary;
      const row = `| ${policy} | ${s.energyKWh.toFixed(1)} | ${s.hosts.activePeak} | ${(s.cpu.unmetFraction * 100).toFixed(3)} | ${s.cpu.utilizationMean.toFixed(3)} |`;
      expect(DOC).toContain(row);
    }
  });

  it('the detector comparison prints the lines shown', () => {
    const result = runCli(tmp, 'compare', '--spec', 'examples/extending/compare-detectors.json', '--out', join(tmp, 'detectors'));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  virtual'));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(DOC).toContain(line);
    expect(lines[3]).toMatch(/virtual-ewma-mmt-0\.3 .* [1-9]\d* migrations/);
  });
});
