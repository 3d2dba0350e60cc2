import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rackplan-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replay --events', () => {
  it('writes events.log in time order, and its lines agree with summary.json', () => {
    // default-failures has placement, sharing, host failures, switch-offs and rolling maintenance.
    const out = join(dir, 'failures');
    const result = runCli(join(dir, 'cache'), 'replay', '--scenario', 'models/scenarios/default-failures.json', '--events', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(join(out, 'events.log'), 'utf8').trimEnd().split('\n');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const times = lines.map((line) => Number(line.split(' ')[0]));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    const count = (kind: string) => lines.filter((line) => line.split(' ')[1] === kind).length;
    expect(count('place')).toBe(summary.vms.placed);
    expect(count('unplaced')).toBe(summary.vms.unplaced);
    expect(count('migration-end')).toBe(summary.migrations);
    expect(count('host-fail')).toBe(summary.hostFailures);
    expect(count('vm-restart')).toBe(summary.vmRestarts);
    expect(count('upgrade-end')).toBe(summary.maintenance.hostsUpgraded);
    expect(count('host-off')).toBe(summary.hostShutdowns);
    expect(lines.at(-1)).toBe(`${summary.simulatedSeconds.toFixed(3)} end`);
  });

  it('writes no events.log without the flag', () => {
    const out = join(dir, 'plain');
    expect(runCli(join(dir, 'cache'), 'replay', '--scenario', 'models/scenarios/default.json', '--out', out).code).toBe(0);
    expect(() => readFileSync(join(out, 'events.log'))).toThrow(/ENOENT/);
  });
});
