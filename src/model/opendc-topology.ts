import { InputError } from '../common/input-error.js';
import type { HostModelSpec, TopologySpec } from './specs.js';

/**
 * OpenDC's topology files (JSON: clusters of host types, each with CPUs, memory and a power
 * model; https://opendc.org, "Topology" in its documentation) read as a rackplan topology. What
 * maps: clusters and their counts, host types and counts, cores x core speed, memory, the CPU
 * power model (linear, sqrt, square, cubic, constant, as curves between idle and max power) and
 * the GPU count. What does not (GPU speeds and power, distribution policies, power sources,
 * batteries, carbon traces) is listed in `unmapped`, never dropped silently.
 */
export interface OpenDcTopology {
  topology: TopologySpec;
  /** One host model per OpenDC host type, ids `opendc-<cluster>-<host>`. */
  models: HostModelSpec[];
  /** What was mapped, one line each (for the user to check). */
  mapped: string[];
  /** What has no rackplan equivalent and was left out, one line each. */
  unmapped: string[];
}

type Raw = Record<string, unknown>;

/** An OpenDC topology: top-level clusters whose hosts describe hardware, not rackplan model ids. */
export function isOpenDcTopology(raw: unknown): boolean {
  const clusters = (raw as Raw | null)?.['clusters'];
  if (!Array.isArray(clusters) || clusters.length === 0 || (raw as Raw)['id'] !== undefined) return false;
  return clusters.every((c) => Array.isArray((c as Raw)?.['hosts']));
}

const HANDLED_HOST_KEYS = new Set(['name', 'count', 'cpu', 'cpus', 'cpuModel', 'memory', 'powerModel', 'cpuPowerModel', 'CpuPowerModel', 'gpu']);
const HANDLED_CLUSTER_KEYS = new Set(['name', 'count', 'hosts']);
/** A host with no power model gets this linear one (rackplan's generic two-socket figures). */
const DEFAULT_POWER = { kind: 'linear', idleW: 200, maxW: 350 } as const;

export function readOpenDcTopology(raw: unknown, file: string, hypervisor = 'kvm'): OpenDcTopology {
  const fail = (field: string, detail: string) => new InputError(detail, { file, field });
  const mapped: string[] = [];
  const unmapped: string[] = [];
  const models: HostModelSpec[] = [];
  const clusters: TopologySpec['clusters'] = [];
  const usedIds = new Set<string>();
  ((raw as Raw)['clusters'] as Raw[]).forEach((cluster, c) => {
    const at = `clusters[${c}]`;
    const name = kebab(String(cluster['name'] ?? `cluster-${c + 1}`));
    for (const key of Object.keys(cluster)) if (!HANDLED_CLUSTER_KEYS.has(key)) unmapped.push(`${at}.${key}: no rackplan equivalent`);
    const groups = (cluster['hosts'] as Raw[]).map((host, h) => {
      const where = `${at}.hosts[${h}]`;
      for (const key of Object.keys(host)) if (!HANDLED_HOST_KEYS.has(key)) unmapped.push(`${where}.${key}: no rackplan equivalent`);
      const model = hostModel(host, `opendc-${name}-${kebab(String(host['name'] ?? `host-${h + 1}`))}`, where, file, fail, unmapped);
      let id = model.id;
      for (let n = 2; usedIds.has(id); n++) id = `${model.id}-${n}`;
      usedIds.add(id);
      models.push({ ...model, id });
      const count = positiveInt(host['count'] ?? 1, `${where}.count`, fail);
      mapped.push(`${where}: ${count} x ${model.cores} cores x ${model.mhzPerCore} MHz, ${model.memoryMiB} MiB -> host model ${id}`);
      return { model: id, count };
    });
    const copies = positiveInt(cluster['count'] ?? 1, `${at}.count`, fail);
    for (let copy = 1; copy <= copies; copy++) {
      const id = copies > 1 ? `${name}-${copy}` : name;
      clusters.push({ id, racks: [{ id: `${id}-rack`, hosts: groups }] });
    }
    mapped.push(`${at}: cluster ${name}${copies > 1 ? ` x ${copies}` : ''}, its hosts in one rack (OpenDC has no racks)`);
  });
  if (clusters.length === 0) throw fail('clusters', 'no cluster');
  const topology: TopologySpec = { id: 'opendc', name: `OpenDC topology ${file.split('/').pop()}`, hypervisor, clusters };
  unmapped.push(`hypervisor: OpenDC models none; rackplan uses "${hypervisor}" (override with the scenario's hypervisor)`);
  return { topology, models, mapped, unmapped };
}

function hostModel(host: Raw, id: string, where: string, file: string, fail: (f: string, d: string) => InputError, unmapped: string[]): HostModelSpec {
  const cpus = (Array.isArray(host['cpus']) ? host['cpus'] : [host['cpu'] ?? host['cpuModel']]) as (Raw | undefined)[];
  if (cpus.some((cpu) => cpu === undefined || cpu === null)) throw fail(`${where}.cpu`, 'missing: expected { coreCount, coreSpeed }');
  let cores = 0;
  let mhzTimesCores = 0;
  cpus.forEach((cpu, i) => {
    const n = positiveInt(cpu!['coreCount'], `${where}.cpu${cpus.length > 1 ? `s[${i}]` : ''}.coreCount`, fail) * positiveInt(cpu!['count'] ?? 1, `${where}.cpu.count`, fail);
    cores += n;
    mhzTimesCores += n * frequencyMhz(cpu!['coreSpeed'], `${where}.cpu.coreSpeed`, fail);
  });
  const mhzPerCore = mhzTimesCores / cores;
  if (cpus.length > 1 && cpus.some((cpu) => frequencyMhz(cpu!['coreSpeed'], where, fail) !== mhzPerCore)) {
    unmapped.push(`${where}.cpus: CPUs of different speeds become one speed, their core-weighted mean (${mhzPerCore} MHz)`);
  }
  const memory = host['memory'] as Raw | undefined;
  if (!memory) throw fail(`${where}.memory`, 'missing: expected { memorySize }');
  const memoryMiB = bytes(memory['memorySize'], `${where}.memory.memorySize`, fail) / 2 ** 20;
  const gpu = host['gpu'] as Raw | undefined;
  if (gpu) unmapped.push(`${where}.gpu: only the GPU count is kept; cores, speed, memory and its power model are not modelled`);
  return {
    id,
    name: `OpenDC host ${String(host['name'] ?? id)}`,
    cores,
    mhzPerCore,
    memoryMiB,
    gpus: gpu ? positiveInt(gpu['count'] ?? 1, `${where}.gpu.count`, fail) : 0,
    power: power((host['cpuPowerModel'] ?? host['powerModel'] ?? host['CpuPowerModel']) as Raw | undefined, `${where}.powerModel`, fail, unmapped),
    bootSeconds: 0,
    source: `OpenDC topology ${file}`,
  };
}

function power(model: Raw | undefined, where: string, fail: (f: string, d: string) => InputError, unmapped: string[]): HostModelSpec['power'] {
  if (!model) {
    unmapped.push(`${where}: absent; assumed linear ${DEFAULT_POWER.idleW} W idle to ${DEFAULT_POWER.maxW} W at full load`);
    return DEFAULT_POWER;
  }
  const type = String(model['modelType'] ?? '').toLowerCase();
  if (type === 'constant') return { kind: 'table', wattsAtLoad: Array<number>(11).fill(watts(model['power'] ?? 400, `${where}.power`, fail)) };
  const idleW = watts(model['idlePower'], `${where}.idlePower`, fail);
  const maxW = watts(model['maxPower'], `${where}.maxPower`, fail);
  const shapes: Record<string, (u: number) => number> = { linear: (u) => u, sqrt: Math.sqrt, square: (u) => u * u, cubic: (u) => u * u * u };
  const shape = shapes[type];
  if (!shape) throw fail(`${where}.modelType`, `"${String(model['modelType'])}"; valid: constant, linear, sqrt, square, cubic`);
  if (type === 'linear') return { kind: 'linear', idleW, maxW };
  return { kind: 'table', wattsAtLoad: Array.from({ length: 11 }, (_, i) => idleW + (maxW - idleW) * shape(i / 10)) };
}

function kebab(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

function positiveInt(value: unknown, field: string, fail: (f: string, d: string) => InputError): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw fail(field, `${JSON.stringify(value)}; expected a positive integer`);
  return value;
}

/** A number, or OpenDC's "<number> <unit>" strings. */
function withUnit(value: unknown, units: Record<string, number>, plain: number, field: string, fail: (f: string, d: string) => InputError): number {
  if (typeof value === 'number' && value > 0) return value * plain;
  const match = typeof value === 'string' ? /^\s*([0-9.eE+-]+)\s*([A-Za-z]+)\s*$/.exec(value) : null;
  const factor = match ? units[match[2]!.toLowerCase()] : undefined;
  const number = match ? Number(match[1]) : Number.NaN;
  if (factor === undefined || !(number > 0)) throw fail(field, `${JSON.stringify(value)}; expected a positive number or "<number> <unit>" (${Object.keys(units).join(', ')})`);
  return number * factor;
}

const frequencyMhz = (v: unknown, f: string, fail: (f: string, d: string) => InputError) => withUnit(v, { hz: 1e-6, khz: 1e-3, mhz: 1, ghz: 1000 }, 1, f, fail);
const watts = (v: unknown, f: string, fail: (f: string, d: string) => InputError) => (v === 0 ? 0 : withUnit(v, { w: 1, watt: 1, watts: 1, kw: 1000 }, 1, f, fail));
/** Plain numbers are bytes, as OpenDC's documentation gives memorySize. */
const bytes = (v: unknown, f: string, fail: (f: string, d: string) => InputError) =>
  withUnit(v, { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 }, 1, f, fail);
