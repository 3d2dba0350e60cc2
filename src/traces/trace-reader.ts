import { z } from 'zod';
import { InputError } from '../common/input-error.js';
import type { Workload } from './workload.js';

/** One PlanetLab VM type: clock of its single core and its memory. */
export interface PlanetlabVmType {
  cpuMhz: number;
  memoryMiB: number;
}

/**
 * Options that change how a trace maps to the canonical workload. Every field is optional;
 * the default is given with each. The resolved options are part of the cache key.
 */
export interface TraceReadOptions {
  /**
   * MHz per core for formats that give cores but no clock (azure, google-2011, alibaba-2018,
   * alibaba-gpu-2023, swf). Default 2500 (the fastest CloudSim PlanetLab VM type).
   */
  coreMhz?: number;
  /**
   * planetlab: VM types; VM i (in file-name order, of n) gets type floor(i / ceil(n / types)).
   * Default CloudSim's classic four: 2500 MHz/870 MiB, 2000/1740, 1000/1740, 500/613.
   */
  planetlabVmTypes?: readonly PlanetlabVmType[];
  /**
   * google-2011: the largest machine, to which the trace normalizes CPU and memory (1.0).
   * Default 32 cores and 131072 MiB - an assumption; the trace does not publish it.
   */
  googleMachineScale?: { cores: number; memoryMiB: number };
  /**
   * alibaba-2018: MiB that a normalized memory size of 100 stands for. Default 524288 (512 GiB)
   * - an assumption; the trace does not publish it.
   */
  alibabaMemoryMiB?: number;
  /**
   * alibaba-2018: what becomes a VM: 'machines' (one per machine with usage rows, demand =
   * machine usage), 'containers' (container_meta/usage) or 'auto' (containers when
   * container_meta is present, else machines). Default 'auto'.
   */
  alibabaEntities?: 'auto' | 'machines' | 'containers';
  /**
   * azure: cores for a bucketed `>N` vmcorecount. Default: the next power of two above N
   * (32 for `>24`).
   */
  azureCoresAboveBucket?: number;
  /**
   * azure: memory in GiB for a bucketed `>N` vmmemory. Default: the next power of two above N
   * (128 for `>64`).
   */
  azureMemoryAboveBucketGiB?: number;
  /** swf: memory per processor in MiB when a job gives neither used nor requested memory. Default 0. */
  swfMemoryPerProcMiB?: number;
  /**
   * alibaba-gpu-2023: pod list file name inside the trace folder. Default
   * `openb_pod_list_default.csv` when present, else the folder's only `*pod_list*` file.
   */
  gpuPodList?: string;
}

export type ResolvedTraceReadOptions = Required<Omit<TraceReadOptions, 'azureCoresAboveBucket' | 'azureMemoryAboveBucketGiB' | 'gpuPodList'>> &
  Pick<TraceReadOptions, 'azureCoresAboveBucket' | 'azureMemoryAboveBucketGiB' | 'gpuPodList'>;

/** CloudSim's PlanetLab VM types (org.cloudbus.cloudsim.examples.power.Constants). */
export const CLOUDSIM_PLANETLAB_VM_TYPES: readonly PlanetlabVmType[] = [
  { cpuMhz: 2500, memoryMiB: 870 },
  { cpuMhz: 2000, memoryMiB: 1740 },
  { cpuMhz: 1000, memoryMiB: 1740 },
  { cpuMhz: 500, memoryMiB: 613 },
];

const positive = z.number().finite().positive();
const optionsSchema = z
  .object({
    coreMhz: positive.optional(),
    planetlabVmTypes: z.array(z.object({ cpuMhz: positive, memoryMiB: positive }).strict()).min(1).optional(),
    googleMachineScale: z.object({ cores: positive, memoryMiB: positive }).strict().optional(),
    alibabaMemoryMiB: positive.optional(),
    alibabaEntities: z.enum(['auto', 'machines', 'containers']).optional(),
    azureCoresAboveBucket: positive.optional(),
    azureMemoryAboveBucketGiB: positive.optional(),
    swfMemoryPerProcMiB: z.number().finite().nonnegative().optional(),
    gpuPodList: z.string().min(1).optional(),
  })
  .strict();

/** Validates options and fills in defaults; a bad option is an InputError naming it. */
export function resolveReadOptions(options: TraceReadOptions = {}): ResolvedTraceReadOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const valid = Object.keys(optionsSchema.shape).join(', ');
    const field = issue.path.length > 0 ? issue.path.join('.') : ('keys' in issue ? String(issue.keys) : 'options');
    throw new InputError(`invalid trace option: ${issue.message} (valid options: ${valid})`, { field });
  }
  const o = parsed.data;
  const resolved: ResolvedTraceReadOptions = {
    coreMhz: o.coreMhz ?? 2500,
    planetlabVmTypes: o.planetlabVmTypes ?? CLOUDSIM_PLANETLAB_VM_TYPES,
    googleMachineScale: o.googleMachineScale ?? { cores: 32, memoryMiB: 131072 },
    alibabaMemoryMiB: o.alibabaMemoryMiB ?? 524288,
    alibabaEntities: o.alibabaEntities ?? 'auto',
    swfMemoryPerProcMiB: o.swfMemoryPerProcMiB ?? 0,
  };
  if (o.azureCoresAboveBucket !== undefined) resolved.azureCoresAboveBucket = o.azureCoresAboveBucket;
  if (o.azureMemoryAboveBucketGiB !== undefined) resolved.azureMemoryAboveBucketGiB = o.azureMemoryAboveBucketGiB;
  if (o.gpuPodList !== undefined) resolved.gpuPodList = o.gpuPodList;
  return resolved;
}

/** A trace format: sniffs, lists its source files and maps them to the canonical workload. */
export interface TraceReader {
  /** Stable kebab-case `--format` id. */
  readonly format: string;
  readonly description: string;
  /** Cheap, content-sniffing check used by auto-detection; never throws. */
  detect(path: string): Promise<boolean>;
  /** The files whose size+mtime key the cache, in a stable order. */
  sourceFiles(path: string): Promise<string[]>;
  read(path: string, options: TraceReadOptions): Promise<Workload>;
  /**
   * The format's entities are batch work that can wait: their unserved demand is deferred and
   * served later unless a scenario says `"deferrable": false` (docs/trace-formats.md).
   */
  readonly batchWork?: boolean;
}
