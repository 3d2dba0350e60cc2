import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/model/catalog.js';
import { traceTopology } from '../../src/traces/trace-topology.js';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';
import { SHARED_TRACES } from '../traces/helpers/fixture-tools.js';

let work: string;
const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-trace-topology-'));
});

function hostsCsv(out: string): string[][] {
  return readFileSync(join(out, 'hosts.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

describe('trace topology (pure)', () => {
  // generic-2s-64c: 64 cores at 2,400 MHz, linear 180 W idle .. 520 W at full load.
  const reference = loadCatalog().hosts.get('generic-2s-64c')!;

  it('one host per machine with cores and memory; a generated model per size; power scaled by cores', () => {
    const machines = {
      ids: ['m1', 'm2', 'm3', 'm4'],
      cores: Float64Array.of(96, 0, 96, 32),
      memoryMiB: Float64Array.of(524_288, 1024, 524_288, 65_536),
      gpus: Float64Array.of(0, 0, 0, 2),
    };
    const t = traceTopology(machines, reference, 2400, 'bare-metal');
    // m2 has no cores: left out, so m1 and m3 (same size) make one group of 2.
    expect(t.topology.clusters[0]!.racks[0]!.hosts).toEqual([{ model: 'trace-size-1', count: 2 }, { model: 'trace-size-2', count: 1 }]);
    expect([t.hosts, t.skipped]).toEqual([3, 1]);
    // 96 / 64 = 1.5: 270 W idle, 780 W full; 32 / 64 = 0.5: 90 W, 260 W.
    expect(t.models.map((m) => [m.id, m.cores, m.mhzPerCore, m.memoryMiB, m.gpus, m.power])).toEqual([
      ['trace-size-1', 96, 2400, 524_288, 0, { kind: 'linear', idleW: 270, maxW: 780 }],
      ['trace-size-2', 32, 2400, 65_536, 2, { kind: 'linear', idleW: 90, maxW: 260 }],
    ]);
    expect(t.topology.hypervisor).toBe('bare-metal');
    expect(t.assumption).toBe(
      'hosts from the trace (3 machines, 2 sizes; 1 machines without cores or memory left out, hypervisor bare-metal); power and MHz assumed from generic-2s-64c: 2400 MHz per core, its power curve scaled by each host\'s cores over its 64.',
    );
  });

  it('a trace whose machines all lack cores or memory describes no hosts', () => {
    const machines = { ids: ['m1'], cores: Float64Array.of(0), memoryMiB: Float64Array.of(10), gpus: Float64Array.of(0) };
    expect(() => traceTopology(machines, reference, 2400, 'kvm')).toThrow('--topology: none of the trace\'s 1 machines has both cores and memory');
  });
});

describe('replay --topology trace', () => {
  it('alibaba-2018: machines from machine_meta; the machine-sized workloads fit their machines; the assumption is stated', () => {
    const dir = join(work, 'ali');
    mkdirSync(dir);
    // Three machines (96, 96 and 48 cores; memory normalized to 100 = 512 GiB); usage for m_1 and m_3 only.
    writeFileSync(join(dir, 'machine_meta.csv'), 'm_1,0,1,1,96,100,USING\nm_2,0,1,2,96,100,USING\nm_3,0,2,1,48,50,USING\n');
    writeFileSync(join(dir, 'machine_usage.csv'), 'm_1,0,50,40,,,0,0,0\nm_3,0,25,30,,,0,0,0\nm_1,60,50,40,,,0,0,0\nm_3,60,25,30,,,0,0,0\n');
    const out = join(work, 'ali-run');
    const result = rackplan('replay', '--trace', dir, '--topology', 'trace', '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect([summary.hosts.total, summary.vms.placed, summary.vms.total, summary.cpu.unmetFraction]).toEqual([3, 2, 2, 0]);
    // 96 cores x 2,400 MHz = 230,400 MHz; 48 x 2,400 = 115,200; memory 100% and 50% of 512 GiB.
    expect(hostsCsv(out).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['trace-0001', 'trace-size-1', '230400.000', '524288'],
      ['trace-0002', 'trace-size-1', '230400.000', '524288'],
      ['trace-0003', 'trace-size-2', '115200.000', '262144'],
    ]);
    expect(result.stderr).toContain('  NOTE: hosts from the trace (3 machines, 2 sizes, hypervisor bare-metal); power and MHz assumed from generic-2s-64c: 2400 MHz per core');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.topology).toBe('trace machines');
    expect(run.files.map((f: { role: string }) => f.role)).toEqual(['host-model', 'hypervisor', 'trace', 'trace']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<p class="note" data-assumption>hosts from the trace (3 machines');
  });

  it('google-2011: machines from machine_events, scaled like task requests; --host-model sets the clock rate and power', () => {
    const dir = join(work, 'google');
    mkdirSync(join(dir, 'task_events'), { recursive: true });
    mkdirSync(join(dir, 'machine_events'));
    // One task of 0.25 x 32 = 8 cores, submitted at 1 s, scheduled at 2 s, finished at 602 s.
    writeFileSync(join(dir, 'task_events', 'part-00000-of-00001.csv'), '1000000,,7,0,,0,u,0,1,0.25,0.1,0,0\n2000000,,7,0,5,1,u,0,1,0.25,0.1,0,0\n602000000,,7,0,5,4,u,0,1,0.25,0.1,0,0\n');
    // Machine 5: added at 0.5, updated to 1 (the size is the largest); machine 6: 0.5 CPUs, memory unknown (left out).
    writeFileSync(join(dir, 'machine_events', 'part-00000-of-00001.csv'), '0,5,0,p,0.5,0.5\n0,6,0,p,0.5,\n100,5,2,p,1,0.75\n');
    const out = join(work, 'google-run');
    const result = rackplan('replay', '--trace', dir, '--topology', 'trace', '--host-model', 'dell-poweredge-r740', '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).vms.placed).toBe(1);
    // 1 x 32 cores x 2,500 MHz (the R740's clock rate); memory 0.75 x 128 GiB = 98,304 MiB.
    expect(hostsCsv(out).map((r) => [r[0], r[4], r[5]])).toEqual([['trace-0001', '80000.000', '98304']]);
    expect(result.stderr).toContain('hosts from the trace (1 machines, 1 size; 1 machines without cores or memory left out, hypervisor bare-metal); power and MHz assumed from dell-poweredge-r740: 2500 MHz per core');
  });

  it('alibaba-gpu-2023: nodes with their GPUs; a pod asking for 8 GPUs lands on the one node that has them', () => {
    const dir = join(work, 'gpu');
    mkdirSync(dir);
    // node-a: 32 cores, no GPU; node-b: 96 cores, 8 GPUs. pod-2 needs all 8 GPUs of node-b; pod-1 needs none.
    writeFileSync(join(dir, 'openb_node_list_all_node.csv'), 'sn,cpu_milli,memory_mib,gpu,model\nnode-a,32000,262144,0,\nnode-b,96000,786432,8,V100M32\n');
    writeFileSync(
      join(dir, 'openb_pod_list_default.csv'),
      'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n' +
        'pod-1,4000,8192,0,0,,LS,Running,0,600,0\npod-2,8000,65536,8,1000,V100M32,BE,Succeeded,0,600,0\n',
    );
    const out = join(work, 'gpu-run');
    const result = rackplan('replay', '--trace', dir, '--topology', 'trace', '--out', out, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).vms).toEqual({ total: 2, placed: 2, unplaced: 0 });
    // 32 x 2,400 = 76,800 MHz; 96 x 2,400 = 230,400 MHz.
    expect(hostsCsv(out).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['trace-0001', 'trace-size-1', '76800.000', '262144'],
      ['trace-0002', 'trace-size-2', '230400.000', '786432'],
    ]);
    const pod2 = readFileSync(join(out, 'vms.csv'), 'utf8').split('\n').find((l) => l.startsWith('pod-2,'))!;
    expect(pod2).toContain(',trace-0002,');
  });

  it('a trace without machine data, --hosts, or an unknown reference model: one line, exit 2, nothing written', () => {
    const out = join(work, 'never');
    const csv = join(ROOT, 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz');
    expectBadInput(rackplan('replay', '--trace', csv, '--topology', 'trace', '--out', out), out, /^rackplan: .*bitbrains-like-100vms-3d\.csv\.gz: --topology: the csv trace describes no machines; --topology trace needs alibaba-2018 machine_meta/);
    expectBadInput(rackplan('replay', '--trace', csv, '--topology', 'trace', '--hosts', '4', '--out', out), out, /^rackplan: --hosts: not with --topology trace: the trace says how many hosts there are\n$/);
    expectBadInput(rackplan('replay', '--trace', csv, '--topology', 'trace', '--host-model', 'nope', '--out', out), out, /^rackplan: --host-model: unknown host model "nope"; valid: /);
  });
});

const present = existsSync(join(SHARED_TRACES, 'README.md'));
if (!present) console.log(`trace-topology: shared-trace runs skipped - ${SHARED_TRACES} does not exist (the shared real traces are not installed here)`);

// On the default topology (verdict-cli.test.ts): 0 of 16 and 1,088 of 8,152 VMs placed.
describe.skipIf(!present)('replay --topology trace on the shared samples places what the default topology could not', () => {
  it.each([
    ['alibaba-v2018', 4_034, 16],
    ['alibaba-gpu-v2023', 1_523, 8_152],
  ])('%s: %i hosts from the trace carry all %i VMs', (dir, hosts, vms) => {
    // Daily report intervals keep the 149-day GPU sample on 1,523 hosts fast (300 s: 43,000 intervals, ~17 s).
    const scenario = join(work, `${dir}.json`);
    writeFileSync(scenario, JSON.stringify({ name: 'daily', trace: { path: join(SHARED_TRACES, dir) }, topology: 'default', reportIntervalSeconds: 86_400 }));
    const result = rackplan('replay', '--scenario', scenario, '--topology', 'trace', '--out', join(work, `shared-${dir}`), '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect([summary.hosts.total, summary.vms.placed, summary.vms.total]).toEqual([hosts, vms, vms]);
    expect(result.stderr).toContain(`NOTE: hosts from the trace (${hosts.toLocaleString('en-US').replace(',', '')} machines`);
  });

  it('google-2011-2: the sample has no machine_events, and says so (exit 2)', () => {
    const out = join(work, 'shared-google');
    expectBadInput(rackplan('replay', '--trace', join(SHARED_TRACES, 'google-2011-2'), '--topology', 'trace', '--out', out), out, /--topology: the google-2011 trace describes no machines/);
  });
});
