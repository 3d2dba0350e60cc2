import type { Workload } from '../traces/workload.js';
import { serviceDemand, type ServiceDemand } from './service-demand.js';
import type { ServiceMapping } from './service-mapping.js';
import { horizontalInstances } from './horizontal-scaling.js';
import type { HorizontalSettings, InstanceSpan, ScalingRule, VerticalSettings } from './scaling-rule.js';

/**
 * The workload a run places under one scaling rule: the trace's VMs (`fixed`) or the services'
 * instances, each an ordinary VM of the derived workload, so that placement, sharing, power and
 * migration treat them like any other and a run without services pays nothing.
 */
export interface ServicesWorkload {
  rule: ScalingRule;
  workload: Workload;
  serviceIds: readonly string[];
  /** Service index of each VM of `workload`. */
  serviceOfVm: Int32Array;
  /**
   * horizontal only, one flag per sample of `workload`: 1 while another instance of the same
   * service boots. Demand above a serving instance's size then is "lost while booting".
   */
  bootPending: Uint8Array | null;
  /** Instances started after their service's start, each paying a boot. */
  boots: number;
}

export interface RuleSettings {
  horizontal: HorizontalSettings;
  vertical: VerticalSettings;
}

export function servicesWorkload(workload: Workload, mapping: ServiceMapping, rule: ScalingRule, settings: RuleSettings): ServicesWorkload {
  if (rule === 'fixed') return { rule, workload, serviceIds: mapping.ids, serviceOfVm: mapping.serviceOf, bootPending: null, boots: 0 };
  const demand = serviceDemand(workload, mapping);
  const builder = new InstanceWorkload(workload, demand);
  let boots = 0;
  for (let s = 0; s < demand.ids.length; s++) {
    if (demand.startAtMs[s]! >= demand.endAtMs[s]!) continue;
    if (rule === 'horizontal') {
      const h = settings.horizontal;
      const plan = horizontalInstances(demand, s, h);
      boots += plan.boots;
      builder.addService(s, plan.instances, h.instanceCores, h.instanceMhz, h.instanceMemoryMiB);
    } else {
      const v = settings.vertical;
      const spans = Array.from({ length: v.instances }, () => ({ arriveMs: demand.startAtMs[s]!, serveMs: demand.startAtMs[s]!, leaveMs: demand.endAtMs[s]! }));
      builder.addService(s, spans, v.maxCores, v.maxMhz, v.maxMemoryMiB);
    }
  }
  return { rule, ...builder.finish(rule === 'horizontal'), serviceIds: demand.ids, boots };
}

/**
 * Builds the instances' samples: at every change of the service's demand or of its serving
 * set, each serving instance takes an equal share of the demand and a booting one none.
 */
class InstanceWorkload {
  private readonly ids: string[] = [];
  private readonly service: number[] = [];
  private readonly cores: number[] = [];
  private readonly mhz: number[] = [];
  private readonly memory: number[] = [];
  private readonly ends: number[] = [];
  private readonly starts: number[] = [0];
  private readonly at: number[] = [];
  private readonly cpu: number[] = [];
  private readonly mem: number[] = [];
  private readonly pending: number[] = [];

  constructor(
    private readonly source: Workload,
    private readonly d: ServiceDemand,
  ) {}

  addService(s: number, spans: InstanceSpan[], cores: number, mhz: number, memoryMiB: number): void {
    const d = this.d;
    const endMs = d.endAtMs[s]!;
    const times = new Set<number>();
    for (let k = d.stepStart[s]!; k < d.stepStart[s + 1]!; k++) times.add(d.stepAtMs[k]!);
    for (const span of spans) for (const t of [span.arriveMs, span.serveMs, span.leaveMs]) if (t < endMs) times.add(t);
    const breakpoints = [...times].sort((a, b) => a - b);
    const perInstance = spans.map(() => ({ at: [] as number[], cpu: [] as number[], mem: [] as number[], pending: [] as number[] }));
    let k = d.stepStart[s]!;
    for (const t of breakpoints) {
      while (k + 1 < d.stepStart[s + 1]! && d.stepAtMs[k + 1]! <= t) k++;
      const inStep = k < d.stepStart[s + 1]! && d.stepAtMs[k]! <= t;
      const cpu = inStep ? d.stepCpuMhz[k]! : 0;
      const mem = inStep ? d.stepMemoryMiB[k]! : 0;
      let serving = 0;
      let booting = 0;
      for (const span of spans) {
        if (span.arriveMs > t || span.leaveMs <= t) continue;
        if (span.serveMs <= t) serving++;
        else booting++;
      }
      spans.forEach((span, j) => {
        if (span.arriveMs > t || span.leaveMs <= t) return;
        const serves = span.serveMs <= t;
        const p = perInstance[j]!;
        p.at.push(t);
        p.cpu.push(serves ? cpu / serving : 0);
        p.mem.push(Math.min(memoryMiB, serves ? mem / serving : 0));
        p.pending.push(serves && booting > 0 ? 1 : 0);
      });
    }
    spans.forEach((span, j) => {
      const p = perInstance[j]!;
      this.ids.push(`${d.ids[s]}#${j + 1}`);
      this.service.push(s);
      this.cores.push(cores);
      this.mhz.push(mhz);
      this.memory.push(memoryMiB);
      this.ends.push(span.leaveMs);
      // A loop, not push(...spread): an instance may have more samples than a call takes arguments.
      for (let i = 0; i < p.at.length; i++) {
        this.at.push(p.at[i]!);
        this.cpu.push(p.cpu[i]!);
        this.mem.push(p.mem[i]!);
        this.pending.push(p.pending[i]!);
      }
      this.starts.push(this.at.length);
    });
  }

  finish(withPending: boolean): { workload: Workload; serviceOfVm: Int32Array; bootPending: Uint8Array | null } {
    const n = this.ids.length;
    const workload: Workload = {
      format: this.source.format,
      sources: this.source.sources,
      ...(this.source.sourceSha256 ? { sourceSha256: this.source.sourceSha256 } : {}),
      originEpochMs: this.source.originEpochMs,
      ...(this.source.traceOriginMs !== undefined ? { traceOriginMs: this.source.traceOriginMs } : {}),
      vmCount: n,
      vmIds: this.ids,
      cores: Float64Array.from(this.cores),
      cpuCapacityMhz: Float64Array.from(this.mhz),
      memoryMiB: Float64Array.from(this.memory),
      gpus: new Float64Array(n),
      endAtMs: Float64Array.from(this.ends),
      sampleStart: Uint32Array.from(this.starts),
      sampleAtMs: Float64Array.from(this.at),
      sampleCpuMhz: Float32Array.from(this.cpu),
      sampleMemoryMiB: Float32Array.from(this.mem),
      // Instances carry CPU and memory only: a service's disk and network are not split here.
      io: null,
      machines: null,
      warnings: this.source.warnings,
    };
    return { workload, serviceOfVm: Int32Array.from(this.service), bootPending: withPending ? Uint8Array.from(this.pending) : null };
  }
}
