import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// A small OpenDC topology: one cluster of 12 hosts, 2 x 24 cores at 2400 MHz, 256 GiB, linear
// 150-350 W, and a power source rackplan has no equivalent for. Wherever a topology is named -
// a scenario's `topology`, plan and portfolios, sweep, compare, validate - it runs as 12 hosts of
// model opendc-small-h1, and what did not map reaches the terminal and the report.
const FIXTURE = join(import.meta.dirname, 'fixtures', 'opendc-small.json');
const MAPPED = 'mapped: clusters[0].hosts[0]: 12 x 48 cores x 2400 MHz, 262144 MiB -> host model opendc-small-h1';
const NOT_MAPPED = 'not mapped: clusters[0].powerSource: no rackplan equivalent';

const tmp = mkdtempSync(join(tmpdir(), 'rackplan-opendc-everywhere-'));
const cache = join(tmp, 'cache');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
/** The notes as a report shows them (HTML-escaped list items). */
const inReport = (html: string) => {
  expect(html).toContain('class="topology-notes"');
  expect(html).toContain(MAPPED.replace('->', '-&gt;'));
  expect(html).toContain(`<li class="not-mapped">${NOT_MAPPED}</li>`);
};
const onTerminal = (stderr: string) => {
  expect(stderr).toMatch(/opendc-small\.json: OpenDC format\n/);
  expect(stderr).toContain(`  ${MAPPED}\n`);
  expect(stderr).toContain(`  ${NOT_MAPPED}\n`);
};

// The default scenario's first 6 hours, on the OpenDC topology named by the scenario file.
const scenario = join(tmp, 'scenario.json');
writeFileSync(
  scenario,
  JSON.stringify({
    $schema: 'scenario.schema.json',
    name: 'opendc-small',
    trace: { path: join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz'), format: 'csv' },
    topology: FIXTURE,
    placement: { policy: 'best-fit' },
    power: { switchOffIdle: true },
    durationSeconds: 21_600,
  }),
);

describe('an OpenDC topology wherever a topology is named', () => {
  it("replay: a scenario's topology field; notes on stderr, in run.json and the report", () => {
    const out = join(tmp, 'replay');
    const r = runCli(cache, 'replay', '--scenario', scenario, '--json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    expect(json<{ hosts: { total: number } }>(join(out, 'summary.json')).hosts.total).toBe(12);
    expect(json<{ topologyNotes: string[] }>(join(out, 'run.json')).topologyNotes).toContain(NOT_MAPPED);
    inReport(readFileSync(join(out, 'report.html'), 'utf8'));
  });

  it('replay on a rackplan topology has no notes at all', () => {
    const out = join(tmp, 'plain');
    const r = runCli(cache, 'replay', '--scenario', scenario, '--topology', 'default', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('OpenDC');
    expect(json<Record<string, unknown>>(join(out, 'run.json'))['topologyNotes']).toBeUndefined();
    expect(readFileSync(join(out, 'report.html'), 'utf8')).not.toContain('topology-notes');
  });

  it('plan --topology: the OpenDC host type is the host model searched, in the worker threads too', () => {
    const out = join(tmp, 'plan');
    const r = runCli(cache, 'plan', '--scenario', scenario, '--topology', FIXTURE, '--slo', 'unmetFraction<=0.001', '--seeds', '1', '--workers', '2', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    const plan = json<{ inputs: { topologyNotes: string[] }; groups: { hostModel: string; minHosts: number | null }[] }>(join(out, 'plan.json'));
    expect(plan.groups.map((g) => g.hostModel)).toEqual(['opendc-small-h1']);
    expect(plan.inputs.topologyNotes).toContain(MAPPED);
    inReport(readFileSync(join(out, 'plan.html'), 'utf8'));
  });

  it('plan --portfolio: a candidate given as an OpenDC topology', () => {
    const portfolio = join(tmp, 'portfolio.json');
    writeFileSync(
      portfolio,
      JSON.stringify({ name: 'opendc', scenario: 'scenario.json', slo: 'unmetFraction<=0.001', seeds: 1, candidates: [{ id: 'odc', topology: FIXTURE }, { model: 'dell-poweredge-r740', count: 4 }] }),
    );
    const out = join(tmp, 'portfolio');
    const r = runCli(cache, 'plan', '--portfolio', portfolio, '--workers', '1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    const plan = json<{ candidates: { id: string; hosts: number; hostModels: string[] }[] }>(join(out, 'plan.json'));
    expect(plan.candidates.find((c) => c.id === 'odc')).toMatchObject({ hosts: 12, hostModels: ['opendc-small-h1'] });
    inReport(readFileSync(join(out, 'plan.html'), 'utf8'));
  });

  it('sweep: topology as a swept key', () => {
    const sweep = join(tmp, 'sweep.json');
    writeFileSync(sweep, JSON.stringify({ name: 'topologies', scenario: 'scenario.json', parameters: { topology: [FIXTURE, join(ROOT, 'models', 'topologies', 'default.json')] }, metrics: ['hosts.total'] }));
    const out = join(tmp, 'sweep');
    const r = runCli(cache, 'sweep', sweep, '--workers', '1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    const result = json<{ topologyNotes: string[]; results: { metrics: Record<string, number> }[] }>(join(out, 'sweep.json'));
    expect(result.results.map((run) => run.metrics['hosts.total'])).toEqual([12, 12]);
    expect(result.topologyNotes).toContain(NOT_MAPPED);
    inReport(readFileSync(join(out, 'sweep.html'), 'utf8'));
  });

  it('compare --topology: the pools run on the OpenDC host type', () => {
    const out = join(tmp, 'compare');
    const r = runCli(cache, 'compare', '--trace', join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz'), '--format', 'csv', '--topology', FIXTURE, '--scenarios', 'virtual', '--json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    const compare = json<{ inputs: { topologyNotes: string[] }; scenarios: { description: string }[] }>(join(out, 'compare.json'));
    expect(compare.inputs.topologyNotes).toContain(MAPPED);
    expect(JSON.stringify(compare.scenarios)).toContain('on OpenDC host H1 hosts');
    inReport(readFileSync(join(out, 'compare.html'), 'utf8'));
  });

  it('validate: the topology itself and a scenario naming it, notes in --json', () => {
    const r = runCli(cache, 'validate', FIXTURE, scenario, '--json');
    expect(r.code, r.stderr).toBe(0);
    onTerminal(r.stderr);
    const checked = JSON.parse(r.stdout) as { kind: string; notes: string[] }[];
    expect(checked.map((c) => c.kind)).toEqual(['topology', 'scenario']);
    for (const c of checked) expect(c.notes).toContain(NOT_MAPPED);
  });
});
