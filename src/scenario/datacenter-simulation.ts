import type { EventHandler, Simulator } from '../engine/simulator.js';
import { RunMeter } from '../metrics/run-meter.js';
import type { Datacenter } from '../model/datacenter.js';
import { powerAt } from '../model/power-curve.js';
import { chooseHost, PlacementScratch } from '../placement/place.js';
import { DEFAULT_FILTERS } from '../placement/plugins.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { PlacementRequest, PlacementView } from '../placement/placement-view.js';
import { shareCapacity } from '../scheduling/share-capacity.js';
import type { Workload } from '../traces/workload.js';
import { vmStartMs } from '../traces/workload.js';
import type { SharingRules } from './sharing-rules.js';

/** Event kinds; the target is a VM index except for TICK. */
export const SAMPLE = 0;
export const ARRIVE = 1;
export const TICK = 2;

export const VM_PENDING = 0;
export const VM_PLACED = 1;
export const VM_UNPLACED = 2;
export const VM_DEPARTED = 3;

export interface SimulationOptions {
  switchOffIdle: boolean;
  /** VMs starting before this time are placed together at t = 0, as one batch. */
  initialBatchMs: number;
  reportIntervalMs: number;
  durationMs: number;
  onProgress?: (fraction: number) => void;
  /** Host index per VM (-1 = any): a dedicated-server baseline pins each workload to its own host. */
  pinnedHost?: Int32Array;
}

/**
 * Runtime state of a replay: which VM runs where, what each wants and gets, and the lazy
 * integrals of demand, service, energy and memory. Samples only adjust running sums and mark
 * their host dirty; shares and power are settled once per host per time step (in advance()),
 * so a burst of same-time samples costs one sharing computation per host.
 */
export class DatacenterSimulation implements EventHandler {
  readonly meter: RunMeter;
  readonly vmState: Uint8Array;
  readonly vmHost: Int32Array;
  /** The host a VM ran on last, kept after it departs (-1 if never placed). */
  readonly vmLastHost: Int32Array;
  readonly vmUnplacedReason: string[];
  readonly vmDemandInt: Float64Array;
  readonly vmServedInt: Float64Array;
  readonly hostDemandInt: Float64Array;
  readonly hostServedInt: Float64Array;
  readonly hostEnergyInt: Float64Array;
  readonly hostOnInt: Float64Array;
  readonly hostOverloadInt: Float64Array;
  readonly hostVmsPlaced: Int32Array;
  readonly hostPeakUtilization: Float64Array;

  private readonly sim: Simulator;
  private readonly dc: Datacenter;
  private readonly w: Workload;
  private readonly rules: SharingRules;
  private readonly policy: PlacementPolicy;
  private readonly options: SimulationOptions;
  private readonly view: PlacementView;
  private readonly scratch = new PlacementScratch();
  // VM runtime
  private readonly vmCursor: Uint32Array;
  private readonly vmDemand: Float64Array;
  private readonly vmServed: Float64Array;
  /** min(demand, cap): what the VM would get on an uncontended host. */
  private readonly vmWant: Float64Array;
  private readonly vmFootprint: Float64Array;
  private readonly vmLastMs: Float64Array;
  private readonly vmNext: Int32Array;
  private readonly vmPrev: Int32Array;
  // Host runtime
  private readonly hostHead: Int32Array;
  private readonly hostVmCount: Int32Array;
  private readonly hostOn: Uint8Array;
  private readonly hostGuestCapacity: Float64Array;
  private readonly hostDemand: Float64Array;
  private readonly hostServed: Float64Array;
  /** Sum of the wants of the host's VMs, kept incrementally between settlements. */
  private readonly hostWant: Float64Array;
  private readonly hostPower: Float64Array;
  private readonly hostFootprint: Float64Array;
  private readonly hostOverloaded: Uint8Array;
  private readonly hostLastMs: Float64Array;
  private readonly hostDirty: Uint8Array;
  private readonly dirtyList: Int32Array;
  private dirtyCount = 0;
  private readonly hostTickServed: Float64Array;
  private readonly hostTickOn: Float64Array;
  // Cluster rates
  private clusterDemand = 0;
  private clusterServed = 0;
  private clusterCapacity = 0;
  private clusterPower = 0;
  private clusterActive = 0;
  private clusterRunningVms = 0;
  private clusterFootprint = 0;
  private clusterOvercommitted = 0;
  // Sharing scratch
  private shareDemand = new Float64Array(64);
  private shareFloor = new Float64Array(64);
  private shareCap = new Float64Array(64);
  private shareWeight = new Float64Array(64);
  private shareServed = new Float64Array(64);
  private shareOrder = new Int32Array(64);
  private shareVm = new Int32Array(64);
  private nextTick = 0;
  /** VMs that arrived during the run (placed or not). */
  vmsArrived = 0;

  constructor(sim: Simulator, dc: Datacenter, workload: Workload, rules: SharingRules, policy: PlacementPolicy, options: SimulationOptions) {
    this.sim = sim;
    this.dc = dc;
    this.w = workload;
    this.rules = rules;
    this.policy = policy;
    this.options = options;
    const n = workload.vmCount;
    const h = dc.hostCount;
    this.meter = new RunMeter(h, options.durationMs, options.reportIntervalMs);
    this.vmState = new Uint8Array(n);
    this.vmHost = new Int32Array(n).fill(-1);
    this.vmLastHost = new Int32Array(n).fill(-1);
    this.vmUnplacedReason = new Array<string>(n).fill('');
    this.vmDemandInt = new Float64Array(n);
    this.vmServedInt = new Float64Array(n);
    this.vmCursor = Uint32Array.from(workload.sampleStart.subarray(0, n));
    this.vmDemand = new Float64Array(n);
    this.vmServed = new Float64Array(n);
    this.vmWant = new Float64Array(n);
    this.vmFootprint = new Float64Array(n);
    this.vmLastMs = new Float64Array(n);
    this.vmNext = new Int32Array(n).fill(-1);
    this.vmPrev = new Int32Array(n).fill(-1);
    this.hostHead = new Int32Array(h).fill(-1);
    this.hostVmCount = new Int32Array(h);
    this.hostVmsPlaced = new Int32Array(h);
    this.hostOn = new Uint8Array(h);
    this.hostGuestCapacity = new Float64Array(h);
    this.hostDemand = new Float64Array(h);
    this.hostServed = new Float64Array(h);
    this.hostWant = new Float64Array(h);
    this.hostPower = new Float64Array(h);
    this.hostFootprint = new Float64Array(h);
    this.hostOverloaded = new Uint8Array(h);
    this.hostLastMs = new Float64Array(h);
    this.hostDirty = new Uint8Array(h);
    this.dirtyList = new Int32Array(h);
    this.hostDemandInt = new Float64Array(h);
    this.hostServedInt = new Float64Array(h);
    this.hostEnergyInt = new Float64Array(h);
    this.hostOnInt = new Float64Array(h);
    this.hostOverloadInt = new Float64Array(h);
    this.hostPeakUtilization = new Float64Array(h);
    this.hostTickServed = new Float64Array(h);
    this.hostTickOn = new Float64Array(h);
    const hyp = (host: number) => dc.hypervisors[dc.hypervisorOf[host]!]!;
    for (let host = 0; host < h; host++) {
      // Guest-visible CPU: the hypervisor spends cpuOverheadFraction per unit of guest work.
      this.hostGuestCapacity[host] = dc.cpuCapacityMhz[host]! / (1 + hyp(host).cpuOverheadFraction);
    }
    this.view = {
      hostCount: h,
      available: new Uint8Array(h).fill(1),
      cpuLimitMhz: Float64Array.from(this.hostGuestCapacity, (c, host) => c * hyp(host).cpuOvercommit),
      cpuReservedMhz: new Float64Array(h),
      memoryLimitMiB: Float64Array.from(dc.memoryMiB, (m, host) => m * hyp(host).memoryOvercommit),
      memoryReservedMiB: new Float64Array(h),
      memoryOverheadMiB: Float64Array.from({ length: h }, (_, host) => hyp(host).memoryOverheadMiB),
      gpuLimit: Float64Array.from(dc.gpus),
      gpusReserved: new Float64Array(h),
    };
  }

  /** Places the initial batch, schedules arrivals and the first report tick. */
  start(): void {
    for (let host = 0; host < this.dc.hostCount; host++) {
      if (!this.options.switchOffIdle) this.setHostOn(host, true);
      this.settleHost(host, 0);
    }
    const initial: number[] = [];
    for (let vm = 0; vm < this.w.vmCount; vm++) {
      const startMs = vmStartMs(this.w, vm);
      if (startMs < this.options.initialBatchMs) initial.push(vm);
      else if (startMs < this.options.durationMs) this.sim.schedule(startMs, ARRIVE, vm);
    }
    for (const vm of this.batchOrder(initial)) this.arrive(vm, 0);
    this.flushDirty(0);
    this.sim.schedule(Math.min(this.options.reportIntervalMs, this.options.durationMs), TICK, 0);
  }

  handle(kind: number, target: number, atMs: number): void {
    if (kind === SAMPLE) this.sample(target, atMs);
    else if (kind === ARRIVE) this.arrive(target, atMs);
    else if (kind === TICK) this.tick(atMs);
  }

  advance(fromMs: number, toMs: number): void {
    this.flushDirty(fromMs);
    this.meter.integrate(
      toMs - fromMs,
      this.clusterDemand,
      this.clusterServed,
      this.clusterCapacity,
      this.clusterPower,
      this.clusterActive,
      this.clusterRunningVms,
      this.clusterFootprint,
      this.clusterOvercommitted,
    );
  }

  /** Brings every host and VM integral up to `endMs` (call once, after the run). */
  finish(endMs: number): void {
    this.flushDirty(endMs);
    for (let host = 0; host < this.dc.hostCount; host++) this.touchHost(host, endMs);
    for (let vm = 0; vm < this.w.vmCount; vm++) this.touchVm(vm, endMs);
    if (this.meter.recordedTicks < this.meter.tickCount) this.tick(endMs);
  }

  private batchOrder(vms: number[]): number[] {
    if (!this.policy.decreasing) return vms;
    const cpu = this.rules.reserveCpuMhz;
    const memory = this.rules.reserveMemoryMiB;
    return [...vms].sort((a, b) => cpu[b]! - cpu[a]! || memory[b]! - memory[a]! || a - b);
  }

  private arrive(vm: number, atMs: number): void {
    this.vmLastMs[vm] = atMs;
    const request: PlacementRequest = {
      cpuMhz: this.rules.reserveCpuMhz[vm]!,
      memoryMiB: this.rules.reserveMemoryMiB[vm]!,
      gpus: this.w.gpus[vm]!,
    };
    const pinned = this.options.pinnedHost ? this.options.pinnedHost[vm]! : -1;
    const decision = pinned >= 0 ? this.pinnedDecision(pinned, request) : chooseHost(this.view, request, this.policy, this.scratch);
    this.vmsArrived++;
    if (decision.host < 0) {
      this.vmState[vm] = VM_UNPLACED;
      this.vmUnplacedReason[vm] = decision.reason;
    } else {
      this.attach(vm, decision.host, atMs);
      this.hostVmsPlaced[decision.host]!++;
    }
    if (this.w.sampleStart[vm]! < this.w.sampleStart[vm + 1]!) {
      this.sim.schedule(Math.max(atMs, this.w.sampleAtMs[this.vmCursor[vm]!]!), SAMPLE, vm);
    } else {
      this.sim.schedule(Math.max(atMs, this.w.endAtMs[vm]!), SAMPLE, vm);
    }
  }

  /** A pinned VM goes to its own host if the filters let it, else it is unplaced. */
  private pinnedDecision(host: number, request: PlacementRequest): { host: number; reason: string } {
    return chooseHost(this.view, request, this.policy, this.scratch, DEFAULT_FILTERS, host);
  }

  /** Puts a VM on a host: reservations, list membership, footprint. */
  private attach(vm: number, host: number, atMs: number): void {
    this.touchHost(host, atMs);
    this.vmState[vm] = VM_PLACED;
    this.vmHost[vm] = host;
    this.vmLastHost[vm] = host;
    const view = this.view;
    view.cpuReservedMhz[host] = view.cpuReservedMhz[host]! + this.rules.reserveCpuMhz[vm]!;
    view.memoryReservedMiB[host] = view.memoryReservedMiB[host]! + this.rules.reserveMemoryMiB[vm]! + view.memoryOverheadMiB[host]!;
    view.gpusReserved[host] = view.gpusReserved[host]! + this.w.gpus[vm]!;
    const head = this.hostHead[host]!;
    this.vmNext[vm] = head;
    this.vmPrev[vm] = -1;
    if (head >= 0) this.vmPrev[head] = vm;
    this.hostHead[host] = vm;
    this.hostVmCount[host]!++;
    this.clusterRunningVms++;
    this.hostDemand[host] = this.hostDemand[host]! + this.vmDemand[vm]!;
    this.vmWant[vm] = Math.min(this.vmDemand[vm]!, this.rules.cpuCapMhz[vm]!);
    this.hostWant[host] = this.hostWant[host]! + this.vmWant[vm]!;
    this.setFootprint(vm, host, this.footprintFor(vm, host, this.currentMemoryUse(vm)));
    if (!this.hostOn[host]) this.setHostOn(host, true);
    this.markDirty(host);
  }

  private detach(vm: number, atMs: number): void {
    const host = this.vmHost[vm]!;
    this.touchHost(host, atMs);
    this.touchVm(vm, atMs);
    const view = this.view;
    view.cpuReservedMhz[host] = view.cpuReservedMhz[host]! - this.rules.reserveCpuMhz[vm]!;
    view.memoryReservedMiB[host] = view.memoryReservedMiB[host]! - this.rules.reserveMemoryMiB[vm]! - view.memoryOverheadMiB[host]!;
    view.gpusReserved[host] = view.gpusReserved[host]! - this.w.gpus[vm]!;
    const next = this.vmNext[vm]!;
    const prev = this.vmPrev[vm]!;
    if (prev >= 0) this.vmNext[prev] = next;
    else this.hostHead[host] = next;
    if (next >= 0) this.vmPrev[next] = prev;
    this.hostVmCount[host]!--;
    this.clusterRunningVms--;
    this.hostDemand[host] = this.hostDemand[host]! - this.vmDemand[vm]!;
    this.hostWant[host] = this.hostWant[host]! - this.vmWant[vm]!;
    this.vmWant[vm] = 0;
    this.setFootprint(vm, host, 0);
    this.vmHost[vm] = -1;
    this.vmServed[vm] = 0;
    this.markDirty(host);
  }

  private sample(vm: number, atMs: number): void {
    const w = this.w;
    const k = this.vmCursor[vm]!;
    const end = w.sampleStart[vm + 1]!;
    this.touchVm(vm, atMs);
    const host = this.vmHost[vm]!;
    if (host >= 0) this.touchHost(host, atMs);
    if (k >= end || atMs >= w.endAtMs[vm]!) {
      this.depart(vm, atMs);
      return;
    }
    const demand = w.sampleCpuMhz[k]!;
    const delta = demand - this.vmDemand[vm]!;
    this.vmDemand[vm] = demand;
    this.clusterDemand += delta;
    if (host >= 0) {
      this.hostDemand[host] = this.hostDemand[host]! + delta;
      if (this.rules.mode === 'elastic') this.setFootprint(vm, host, this.footprintFor(vm, host, w.sampleMemoryMiB[k]!));
      this.updateShare(vm, host, demand);
    }
    this.vmCursor[vm] = k + 1;
    this.sim.repeatCurrentAt(k + 1 < end ? Math.min(w.sampleAtMs[k + 1]!, w.endAtMs[vm]!) : w.endAtMs[vm]!);
  }

  private depart(vm: number, atMs: number): void {
    if (this.vmHost[vm]! >= 0) this.detach(vm, atMs);
    this.clusterDemand -= this.vmDemand[vm]!;
    this.vmDemand[vm] = 0;
    if (this.vmState[vm] === VM_PLACED) this.vmState[vm] = VM_DEPARTED;
  }

  private currentMemoryUse(vm: number): number {
    const k = this.vmCursor[vm]!;
    const first = this.w.sampleStart[vm]!;
    return k > first ? this.w.sampleMemoryMiB[k - 1]! : this.rules.memoryMinMiB[vm]!;
  }

  private footprintFor(vm: number, host: number, usedMiB: number): number {
    const min = this.rules.memoryMinMiB[vm]!;
    const max = this.rules.memoryMaxMiB[vm]!;
    const guest = usedMiB < min ? min : usedMiB > max ? max : usedMiB;
    return guest + this.view.memoryOverheadMiB[host]!;
  }

  private setFootprint(vm: number, host: number, footprint: number): void {
    const before = this.hostFootprint[host]!;
    const after = before + footprint - this.vmFootprint[vm]!;
    this.vmFootprint[vm] = footprint;
    this.hostFootprint[host] = after;
    this.clusterFootprint += after - before;
    const memory = this.dc.memoryMiB[host]!;
    this.clusterOvercommitted += Math.max(0, after - memory) - Math.max(0, before - memory);
  }

  /**
   * A VM's demand changed. While its host has room for every VM's want (min(demand, cap)), each
   * VM is served exactly its want, so only this VM's share moves: O(1). Otherwise the host is
   * re-shared once, when the clock moves on.
   */
  private updateShare(vm: number, host: number, demand: number): void {
    const cap = this.rules.cpuCapMhz[vm]!;
    const want = demand < cap ? demand : cap;
    const wantDelta = want - this.vmWant[vm]!;
    this.vmWant[vm] = want;
    const hostWant = this.hostWant[host]! + wantDelta;
    this.hostWant[host] = hostWant;
    const capacity = this.hostGuestCapacity[host]!;
    if (this.hostDirty[host] || this.hostOverloaded[host] || hostWant > capacity) {
      this.markDirty(host);
      return;
    }
    const servedDelta = want - this.vmServed[vm]!;
    this.vmServed[vm] = want;
    const served = this.hostServed[host]! + servedDelta;
    this.hostServed[host] = served;
    this.clusterServed += servedDelta;
    this.setPower(host, served / capacity);
  }

  private setPower(host: number, utilization: number): void {
    if (utilization > this.hostPeakUtilization[host]!) this.hostPeakUtilization[host] = utilization;
    const power = this.hostOn[host] ? powerAt(this.dc.powerCurves[this.dc.modelOf[host]!]!, utilization) : 0;
    this.clusterPower += power - this.hostPower[host]!;
    this.hostPower[host] = power;
  }

  private markDirty(host: number): void {
    if (this.hostDirty[host]) return;
    this.hostDirty[host] = 1;
    this.dirtyList[this.dirtyCount++] = host;
  }

  private flushDirty(atMs: number): void {
    for (let i = 0; i < this.dirtyCount; i++) {
      const host = this.dirtyList[i]!;
      this.hostDirty[host] = 0;
      this.settleHost(host, atMs);
    }
    this.dirtyCount = 0;
  }

  /** Recomputes a host's shares, power and on/off state after its VMs changed at `atMs`. */
  private settleHost(host: number, atMs: number): void {
    this.touchHost(host, atMs);
    const count = this.hostVmCount[host]!;
    if (this.options.switchOffIdle && count === 0 && this.hostOn[host]) this.setHostOn(host, false);
    this.ensureShareCapacity(count);
    let i = 0;
    for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) {
      this.shareVm[i] = vm;
      this.shareDemand[i] = this.vmDemand[vm]!;
      this.shareFloor[i] = this.rules.cpuFloorMhz[vm]!;
      this.shareCap[i] = this.rules.cpuCapMhz[vm]!;
      this.shareWeight[i] = this.rules.cpuWeight[vm]!;
      i++;
    }
    const capacity = this.hostGuestCapacity[host]!;
    const served = shareCapacity(capacity, count, this.shareDemand, this.shareFloor, this.shareCap, this.shareWeight, this.shareServed, this.shareOrder);
    let wanted = 0;
    for (let j = 0; j < count; j++) {
      const vm = this.shareVm[j]!;
      wanted += Math.min(this.shareDemand[j]!, this.shareCap[j]!);
      if (this.vmServed[vm] !== this.shareServed[j]) {
        this.touchVm(vm, atMs);
        this.vmServed[vm] = this.shareServed[j]!;
      }
    }
    this.hostWant[host] = wanted;
    this.hostOverloaded[host] = wanted > capacity ? 1 : 0;
    this.clusterServed += served - this.hostServed[host]!;
    this.hostServed[host] = served;
    this.setPower(host, served / capacity);
  }

  private setHostOn(host: number, on: boolean): void {
    if (this.hostOn[host] === (on ? 1 : 0)) return;
    this.hostOn[host] = on ? 1 : 0;
    const sign = on ? 1 : -1;
    this.clusterActive += sign;
    this.clusterCapacity += sign * this.hostGuestCapacity[host]!;
    if (!on) this.meter.hostShutdowns++;
  }

  /** Integrates a host's constant rates up to `atMs`. */
  private touchHost(host: number, atMs: number): void {
    const dt = atMs - this.hostLastMs[host]!;
    if (dt <= 0) return;
    this.hostDemandInt[host] = this.hostDemandInt[host]! + this.hostDemand[host]! * dt;
    this.hostServedInt[host] = this.hostServedInt[host]! + this.hostServed[host]! * dt;
    this.hostEnergyInt[host] = this.hostEnergyInt[host]! + this.hostPower[host]! * dt;
    if (this.hostOn[host]) this.hostOnInt[host] = this.hostOnInt[host]! + dt;
    if (this.hostOverloaded[host]) this.hostOverloadInt[host] = this.hostOverloadInt[host]! + dt;
    this.hostLastMs[host] = atMs;
  }

  private touchVm(vm: number, atMs: number): void {
    const dt = atMs - this.vmLastMs[vm]!;
    if (dt <= 0) return;
    this.vmDemandInt[vm] = this.vmDemandInt[vm]! + this.vmDemand[vm]! * dt;
    this.vmServedInt[vm] = this.vmServedInt[vm]! + this.vmServed[vm]! * dt;
    this.vmLastMs[vm] = atMs;
  }

  private tick(atMs: number): void {
    const meter = this.meter;
    const tick = this.nextTick++;
    const lengthMs = atMs - tick * meter.intervalMs;
    if (lengthMs <= 0 || tick >= meter.tickCount) return;
    meter.closeInterval(tick, lengthMs);
    for (let host = 0; host < this.dc.hostCount; host++) {
      this.touchHost(host, atMs);
      const onMs = this.hostOnInt[host]! - this.hostTickOn[host]!;
      const servedInt = this.hostServedInt[host]! - this.hostTickServed[host]!;
      meter.setHostUtilization(tick, host, onMs > 0 ? servedInt / (this.hostGuestCapacity[host]! * onMs) : Number.NaN);
      this.hostTickOn[host] = this.hostOnInt[host]!;
      this.hostTickServed[host] = this.hostServedInt[host]!;
    }
    if (this.options.onProgress && tick % 64 === 0) this.options.onProgress(atMs / this.options.durationMs);
    const next = atMs + meter.intervalMs;
    if (tick + 1 < meter.tickCount) this.sim.repeatCurrentAt(Math.min(next, this.options.durationMs));
  }

  private ensureShareCapacity(count: number): void {
    if (count <= this.shareDemand.length) return;
    const size = Math.max(count, this.shareDemand.length * 2);
    this.shareDemand = new Float64Array(size);
    this.shareFloor = new Float64Array(size);
    this.shareCap = new Float64Array(size);
    this.shareWeight = new Float64Array(size);
    this.shareServed = new Float64Array(size);
    this.shareOrder = new Int32Array(size);
    this.shareVm = new Int32Array(size);
  }
}
