import type { EventHandler, Simulator } from '../engine/simulator.js';
import { RunMeter } from './run-meter.js';
import { HOST_BOOTING, HOST_OFF, HOST_ON, HOST_UNAVAILABLE, type ConsolidationView } from '../migration/consolidation-view.js';
import { gbpsToMiBps, preCopyMigration, simpleMigration } from '../migration/migration-time.js';
import type { Datacenter } from '../model/datacenter.js';
import { powerAt } from '../model/power-curve.js';
import { chooseHost, PlacementScratch } from '../placement/place.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { PlacementRequest, PlacementView } from '../placement/placement-view.js';
import { DEFAULT_FILTERS } from '../placement/plugins.js';
import { placementIoView } from '../scheduling/io-placement-view.js';
import { ShareBuffers } from '../scheduling/share-buffers.js';
import type { Assignment, MigrationRecord, OutageRecord } from './run-record.js';

import type { Workload } from '../traces/workload.js';
import { vmStartMs } from '../traces/workload.js';
import type { SharingRules } from './sharing-rules.js';
import {
  ARRIVE,
  CONSOLIDATE,
  HOST_BOOTED,
  HOST_FAIL,
  HOST_REPAIR,
  MAINTENANCE_STEP,
  MIGRATION_DONE,
  SAMPLE,
  TICK,
  VM_DEPARTED,
  VM_PENDING,
  VM_BOOTED,
  VM_PLACED,
  VM_RESTART,
  VM_UNPLACED,
  type SimulationOptions,
} from './simulation-options.js';
import { VmHistory } from './vm-history.js';

/** A link speed for hosts whose model gives no NIC bandwidth. */
const DEFAULT_NIC_GBPS = 1;

/**
 * Runtime state of a replay: which VM runs where, what each wants and gets, host power states,
 * migrations in flight, and the lazy integrals of demand, service, energy and memory.
 *
 * Samples only adjust running sums; while a host has room for every VM's want each VM gets its
 * want (O(1) per sample), otherwise the host is marked dirty and re-shared once per time step,
 * in advance(). Rare events (arrivals, migrations, consolidation rounds) may allocate.
 *
 * This file is long because it is one state machine whose parts share its arrays; the pure
 * decisions live elsewhere (placement/, scheduling/, migration/).
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
  /** CPU a VM lost to migration degradation, MHz x ms. */
  readonly vmDegradedInt: Float64Array;
  readonly hostDemandInt: Float64Array;
  readonly hostServedInt: Float64Array;
  readonly hostEnergyInt: Float64Array;
  readonly hostOnInt: Float64Array;
  readonly hostOverloadInt: Float64Array;
  readonly hostVmsPlaced: Int32Array;
  readonly hostPeakUtilization: Float64Array;
  readonly vmRestarts: Int32Array;
  /** Down time after first starting, ms; demand while down, MHz x ms; life after first start, ms. */
  readonly vmDownInt: Float64Array;
  readonly vmLostInt: Float64Array;
  readonly vmLifetimeInt: Float64Array;
  readonly vmFailed: Uint8Array;
  readonly assignments: Assignment[] = [];
  readonly migrationLog: MigrationRecord[] = [];
  readonly outages: OutageRecord[] = [];
  readonly maintenance = { hostsUpgraded: 0, migrations: 0, hostHoursDown: 0 };

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
  /** min(demand, cap) x wantScale: what the VM would get on an uncontended host. */
  private readonly vmWant: Float64Array;
  /** 1, or 1 - degradation while migrating: the share of its CPU a migrating VM keeps. */
  private readonly vmWantScale: Float64Array;
  private readonly vmDegradedRate: Float64Array;
  private readonly vmFootprint: Float64Array;
  private readonly vmLastMs: Float64Array;
  private readonly vmNext: Int32Array;
  private readonly vmPrev: Int32Array;
  private readonly vmMigrating: Uint8Array;
  private readonly vmMigrationTarget: Int32Array;
  /** Memory the destination holds for a migrating VM, MiB. */
  private readonly vmTransitFootprint: Float64Array;
  private readonly hostPendingUse: Float64Array;
  /** 1 from a VM's first start until it departs. */
  private readonly vmAlive: Uint8Array;
  private readonly vmFirstStartMs: Float64Array;
  /** Expected use of a placed VM not yet sampled, counted in its host's pending use. */
  private readonly vmPendingUse: Float64Array;
  /** 1 while an alive VM is not running (its host failed; waiting or booting elsewhere). */
  private readonly vmDown: Uint8Array;
  /** Index of the VM's open entry in `assignments`, or -1. */
  private readonly vmAssignment: Int32Array;
  private readonly vmMigrationRecord: Int32Array;
  // Host runtime
  private readonly hostHead: Int32Array;
  private readonly hostVmCount: Int32Array;
  /** Powered: on or booting. */
  private readonly hostOn: Uint8Array;
  private readonly hostBooting: Uint8Array;
  /** Counted as an active host (powered, and not "off" by the zero-utilization convention). */
  private readonly hostActive: Uint8Array;
  private readonly hostOffered: Float64Array;
  private readonly hostIncoming: Int32Array;
  private readonly hostGuestCapacity: Float64Array;
  private readonly hostNicMiBps: Float64Array;
  private readonly hostDemand: Float64Array;
  private readonly hostServed: Float64Array;
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
  private readonly share = new ShareBuffers();
  private shareVm = new Int32Array(64);
  private nextTick = 0;
  private readonly history: VmHistory | null;
  private consolidationView: ConsolidationView | null = null;
  // Failures, HA and maintenance
  private readonly hostDownCount: Int32Array;
  private readonly hostInMaintenance: Uint8Array;
  /** Maintenance upgrade state: NaN draining, >= 0 upgrading until then, -1 done. */
  private readonly upgradeEndMs: Float64Array;
  private maintenanceBatch: number[] = [];
  private maintenanceNextHost = 0;
  private hostsDown = 0;
  private readonly vmBooting: Uint8Array;
  private readonly vmWaiting: Uint8Array;
  /** VMs waiting for a host to restart on, first come first served (failure time, then VM index). */
  private waiting: number[] = [];
  private waitingCount = 0;
  /** Hot-path copies of per-host and per-run constants. */
  private readonly hostCurve: Float64Array[];
  private readonly hostBootPowerW: Float64Array;
  private readonly followsLoad: boolean;
  private readonly zeroIsOff: boolean;
  private readonly elasticMemory: boolean;
  private readonly energyFromMs: number;
  private readonly hostUsed: Float64Array;
  /** Host power states as the current consolidation round sees them. */
  private readonly roundHostState: Uint8Array;

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
    this.vmDegradedInt = new Float64Array(n);
    this.vmCursor = Uint32Array.from(workload.sampleStart.subarray(0, n));
    this.vmDemand = new Float64Array(n);
    this.vmServed = new Float64Array(n);
    this.vmWant = new Float64Array(n);
    this.vmWantScale = new Float64Array(n).fill(1);
    this.vmDegradedRate = new Float64Array(n);
    this.vmFootprint = new Float64Array(n);
    this.vmLastMs = new Float64Array(n);
    this.vmNext = new Int32Array(n).fill(-1);
    this.vmPrev = new Int32Array(n).fill(-1);
    this.vmMigrating = new Uint8Array(n);
    this.vmMigrationTarget = new Int32Array(n).fill(-1);
    this.vmTransitFootprint = new Float64Array(n);
    this.vmRestarts = new Int32Array(n);
    this.vmDownInt = new Float64Array(n);
    this.vmLostInt = new Float64Array(n);
    this.vmLifetimeInt = new Float64Array(n);
    this.vmFailed = new Uint8Array(n);
    this.vmAlive = new Uint8Array(n);
    this.vmFirstStartMs = new Float64Array(n);
    this.vmPendingUse = new Float64Array(n);
    this.vmDown = new Uint8Array(n);
    this.vmAssignment = new Int32Array(n).fill(-1);
    this.vmMigrationRecord = new Int32Array(n).fill(-1);
    this.hostPendingUse = new Float64Array(h);
    this.hostHead = new Int32Array(h).fill(-1);
    this.hostVmCount = new Int32Array(h);
    this.hostVmsPlaced = new Int32Array(h);
    this.hostOn = new Uint8Array(h);
    this.hostBooting = new Uint8Array(h);
    this.hostActive = new Uint8Array(h);
    this.hostOffered = new Float64Array(h);
    this.hostIncoming = new Int32Array(h);
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
    // Guest-visible CPU: the hypervisor spends cpuOverheadFraction per unit of guest work.
    this.hostGuestCapacity = Float64Array.from(dc.cpuCapacityMhz, (c, host) => c / (1 + hyp(host).cpuOverheadFraction));
    this.hostNicMiBps = Float64Array.from(dc.modelOf, (m) => gbpsToMiBps(dc.models[m]!.nicGbps ?? DEFAULT_NIC_GBPS));
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
      cpuCapacityMhz: this.hostGuestCapacity,
      cpuUsedMhz: new Float64Array(h),
      poweredOn: this.hostOn,
      powerAt: (host, utilization) => powerAt(dc.powerCurves[dc.modelOf[host]!]!, utilization),
      io: placementIoView(dc, workload, this.hostHead, this.vmNext),
    };
    this.history = options.consolidation ? new VmHistory(n, options.consolidation.historyLength) : null;
    this.roundHostState = new Uint8Array(h);
    this.hostCurve = Array.from(dc.modelOf, (m) => dc.powerCurves[m]!);
    this.hostBootPowerW = Float64Array.from(dc.modelOf, (m) => dc.models[m]!.bootPowerW ?? dc.powerCurves[m]![10]!);
    this.followsLoad = options.power.followsLoad;
    this.zeroIsOff = options.power.zeroUtilizationIsOff;
    this.elasticMemory = rules.mode === 'elastic';
    this.energyFromMs = options.power.energyFromMs;
    this.hostUsed = this.view.cpuUsedMhz;
    this.hostDownCount = new Int32Array(h);
    this.hostInMaintenance = new Uint8Array(h);
    this.upgradeEndMs = new Float64Array(h).fill(Number.NaN);
    this.vmBooting = new Uint8Array(n);
    this.vmWaiting = new Uint8Array(n);
  }

  /** Places the initial batch, schedules arrivals, report ticks and consolidation rounds. */
  start(): void {
    for (let host = 0; host < this.dc.hostCount; host++) {
      if (!this.options.power.switchOffIdle) this.powerOn(host, 0);
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
    const consolidation = this.options.consolidation;
    if (consolidation && consolidation.intervalMs < this.options.durationMs) this.sim.schedule(consolidation.intervalMs, CONSOLIDATE, 0);
    this.scheduleFailures();
    const maintenance = this.options.maintenance;
    if (maintenance && maintenance.startMs < this.options.durationMs) this.sim.schedule(maintenance.startMs, MAINTENANCE_STEP, 0);
  }

  private scheduleFailures(): void {
    const end = this.options.durationMs;
    this.options.failures.forEach((outage, i) => {
      if (outage.startMs >= end) return;
      this.sim.schedule(outage.startMs, HOST_FAIL, i);
      if (outage.endMs < end) this.sim.schedule(outage.endMs, HOST_REPAIR, i);
      for (const host of outage.hostIndices) {
        this.outages.push({ hostId: this.dc.hostIds[host]!, cause: outage.cause, startSeconds: outage.startMs / 1000, endSeconds: Math.min(outage.endMs, end) / 1000 });
      }
    });
  }

  handle(kind: number, target: number, atMs: number): void {
    if (kind === SAMPLE) this.sample(target, atMs);
    else if (kind === ARRIVE) this.arrive(target, atMs);
    else if (kind === TICK) this.tick(atMs);
    else if (kind === CONSOLIDATE) this.consolidate(atMs);
    else if (kind === MIGRATION_DONE) this.finishMigration(target, atMs);
    else if (kind === HOST_BOOTED) this.booted(target, atMs);
    else if (kind === HOST_FAIL) this.hostFail(target, atMs);
    else if (kind === HOST_REPAIR) this.hostRepair(target, atMs);
    else if (kind === VM_RESTART) this.vmRestart(target, atMs);
    else if (kind === VM_BOOTED) this.vmBooted(target, atMs);
    else if (kind === MAINTENANCE_STEP) this.maintenanceStep(atMs);
  }

  advance(fromMs: number, toMs: number): void {
    this.flushDirty(fromMs);
    this.meter.hostsDownInt += this.hostsDown * (toMs - fromMs);
    this.meter.vmsWaitingInt += this.waitingCount * (toMs - fromMs);
    this.meter.integrate(
      toMs - fromMs,
      this.energyMs(fromMs, toMs),
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
    for (let vm = 0; vm < this.w.vmCount; vm++) {
      this.touchVm(vm, endMs);
      if (this.vmAlive[vm]) this.vmLifetimeInt[vm] = endMs - this.vmFirstStartMs[vm]!;
    }
    for (const stay of this.assignments) if (Number.isNaN(stay.toMs)) stay.toMs = endMs;
    this.outages.sort((a, b) => a.startSeconds - b.startSeconds || (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0) || (a.cause < b.cause ? -1 : 1));
    for (const record of this.migrationLog) if (!record.completed && record.endMs > endMs) record.endMs = endMs;
    if (this.meter.recordedTicks < this.meter.tickCount) this.tick(endMs);
  }

  private batchOrder(vms: number[]): number[] {
    if (!this.policy.decreasing) return vms;
    const cpu = this.rules.reserveCpuMhz;
    const memory = this.rules.reserveMemoryMiB;
    const expected = (vm: number) => this.expectedUse(vm);
    return [...vms].sort((a, b) => cpu[b]! - cpu[a]! || expected(b) - expected(a) || memory[b]! - memory[a]! || a - b);
  }

  /** What a VM uses now, or (before its first sample) what its first sample says it will. */
  private expectedUse(vm: number): number {
    const k = this.vmCursor[vm]!;
    if (k > this.w.sampleStart[vm]! || k >= this.w.sampleStart[vm + 1]!) return this.vmWant[vm]!;
    return Math.min(this.w.sampleCpuMhz[k]!, this.rules.cpuCapMhz[vm]!);
  }

  /** Counts (or stops counting) a placed VM's expected use until its first sample. */
  private setPendingUse(vm: number, host: number, use: number): void {
    this.hostPendingUse[host] = this.hostPendingUse[host]! + use - this.vmPendingUse[vm]!;
    this.vmPendingUse[vm] = use;
  }

  /** Placement's view of each host's CPU use: what its VMs want now, plus what new VMs will. */
  private refreshUse(): void {
    for (let host = 0; host < this.dc.hostCount; host++) this.hostUsed[host] = this.hostWant[host]! + this.hostPendingUse[host]!;
  }

  private arrive(vm: number, atMs: number): void {
    this.vmLastMs[vm] = atMs;
    const request: PlacementRequest = {
      cpuMhz: this.rules.reserveCpuMhz[vm]!,
      memoryMiB: this.rules.reserveMemoryMiB[vm]!,
      gpus: this.w.gpus[vm]!,
      expectedCpuMhz: this.expectedUse(vm),
      expectedDiskMBps: this.view.io?.vmDiskMBps[vm] ?? 0,
      expectedNetworkMBps: this.view.io?.vmNetworkMBps[vm] ?? 0,
    };
    this.refreshUse();
    const pinned = this.options.pinnedHost ? this.options.pinnedHost[vm]! : -1;
    const decision =
      pinned >= 0
        ? chooseHost(this.view, request, this.policy, this.scratch, DEFAULT_FILTERS, pinned)
        : chooseHost(this.view, request, this.policy, this.scratch);
    if (decision.host < 0) {
      this.vmState[vm] = VM_UNPLACED;
      this.vmUnplacedReason[vm] = decision.reason;
    } else {
      this.reserve(vm, decision.host, 1);
      this.attach(vm, decision.host, atMs);
      this.hostVmsPlaced[decision.host]!++;
    }
    const first = this.w.sampleStart[vm]! < this.w.sampleStart[vm + 1]! ? this.w.sampleAtMs[this.vmCursor[vm]!]! : this.w.endAtMs[vm]!;
    this.sim.schedule(Math.max(atMs, first), SAMPLE, vm);
  }

  /** Adds (sign 1) or removes (-1) a VM's reservation on a host, as placement sees it. */
  private reserve(vm: number, host: number, sign: 1 | -1): void {
    const view = this.view;
    view.cpuReservedMhz[host] = view.cpuReservedMhz[host]! + sign * this.rules.reserveCpuMhz[vm]!;
    view.memoryReservedMiB[host] = view.memoryReservedMiB[host]! + sign * (this.rules.reserveMemoryMiB[vm]! + view.memoryOverheadMiB[host]!);
    view.gpusReserved[host] = view.gpusReserved[host]! + sign * this.w.gpus[vm]!;
  }

  /** Puts a VM on a host whose reservation it already holds: list membership, load, footprint. */
  private attach(vm: number, host: number, atMs: number): void {
    this.touchHost(host, atMs);
    this.touchVm(vm, atMs);
    this.vmState[vm] = VM_PLACED;
    this.vmHost[vm] = host;
    this.vmLastHost[vm] = host;
    if (!this.vmAlive[vm] && this.vmLifetimeInt[vm] === 0) this.vmFirstStartMs[vm] = atMs;
    this.vmAlive[vm] = 1;
    this.vmAssignment[vm] = this.assignments.length;
    this.assignments.push({ vm, host, fromMs: atMs, toMs: Number.NaN });
    const head = this.hostHead[host]!;
    this.vmNext[vm] = head;
    this.vmPrev[vm] = -1;
    if (head >= 0) this.vmPrev[head] = vm;
    this.hostHead[host] = vm;
    this.hostVmCount[host]!++;
    this.clusterRunningVms++;
    this.hostDemand[host] = this.hostDemand[host]! + this.vmDemand[vm]!;
    this.vmWant[vm] = Math.min(this.vmDemand[vm]!, this.rules.cpuCapMhz[vm]!) * this.vmWantScale[vm]!;
    this.hostWant[host] = this.hostWant[host]! + this.vmWant[vm]!;
    if (this.vmCursor[vm] === this.w.sampleStart[vm] && this.vmCursor[vm]! < this.w.sampleStart[vm + 1]!) this.setPendingUse(vm, host, this.expectedUse(vm));
    this.setFootprint(vm, host, this.footprintFor(vm, host, this.currentMemoryUse(vm)));
    if (!this.hostOn[host]) this.powerOn(host, atMs);
    this.markDirty(host);
  }

  /** Takes a VM off its host and releases its reservation there. */
  private detach(vm: number, atMs: number): void {
    const host = this.vmHost[vm]!;
    this.touchHost(host, atMs);
    this.touchVm(vm, atMs);
    this.reserve(vm, host, -1);
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
    if (this.vmPendingUse[vm] !== 0) this.setPendingUse(vm, host, 0);
    this.setFootprint(vm, host, 0);
    this.vmHost[vm] = -1;
    this.vmServed[vm] = 0;
    this.assignments[this.vmAssignment[vm]!]!.toMs = atMs;
    this.vmAssignment[vm] = -1;
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
      if (this.elasticMemory) this.setFootprint(vm, host, this.footprintFor(vm, host, w.sampleMemoryMiB[k]!));
      this.updateShare(vm, host, demand);
    }
    this.vmCursor[vm] = k + 1;
    this.sim.repeatCurrentAt(k + 1 < end ? Math.min(w.sampleAtMs[k + 1]!, w.endAtMs[vm]!) : w.endAtMs[vm]!);
  }

  private depart(vm: number, atMs: number): void {
    if (this.vmMigrating[vm]) this.abandonMigration(vm, atMs);
    if (this.vmHost[vm]! >= 0) this.detach(vm, atMs);
    this.touchVm(vm, atMs);
    this.clusterDemand -= this.vmDemand[vm]!;
    this.vmDemand[vm] = 0;
    if (this.vmAlive[vm]) this.vmLifetimeInt[vm] = atMs - this.vmFirstStartMs[vm]!;
    this.vmAlive[vm] = 0;
    this.vmDown[vm] = 0;
    this.vmBooting[vm] = 0;
    if (this.vmWaiting[vm]) {
      this.vmWaiting[vm] = 0;
      this.waitingCount--;
    }
    if (this.vmState[vm] === VM_PLACED) this.vmState[vm] = VM_DEPARTED;
    if (this.waitingCount > 0) this.retryWaiting(atMs);
  }

  /**
   * A VM's demand changed. While its host has room for every VM's want, each VM is served
   * exactly its want, so only this VM's share moves: O(1). Otherwise the host is re-shared
   * once, when the clock moves on.
   */
  private updateShare(vm: number, host: number, demand: number): void {
    const cap = this.rules.cpuCapMhz[vm]!;
    const uncapped = demand < cap ? demand : cap;
    const want = uncapped * this.vmWantScale[vm]!;
    if (this.vmMigrating[vm]) this.vmDegradedRate[vm] = uncapped - want;
    const hostWant = this.hostWant[host]! + want - this.vmWant[vm]!;
    this.vmWant[vm] = want;
    this.hostWant[host] = hostWant;
    if (this.vmPendingUse[vm] !== 0) this.setPendingUse(vm, host, 0);
    const capacity = this.hostBooting[host] ? 0 : this.hostGuestCapacity[host]!;
    if (this.hostDirty[host] || this.hostOverloaded[host] || hostWant > capacity) {
      this.markDirty(host);
      return;
    }
    const servedDelta = want - this.vmServed[vm]!;
    this.vmServed[vm] = want;
    this.hostServed[host] = this.hostServed[host]! + servedDelta;
    this.clusterServed += servedDelta;
    this.refreshPower(host);
  }

  private currentMemoryUse(vm: number): number {
    const k = this.vmCursor[vm]!;
    return k > this.w.sampleStart[vm]! ? this.w.sampleMemoryMiB[k - 1]! : this.rules.memoryMinMiB[vm]!;
  }

  private footprintFor(vm: number, host: number, usedMiB: number): number {
    const min = this.rules.memoryMinMiB[vm]!;
    const max = this.rules.memoryMaxMiB[vm]!;
    const guest = usedMiB < min ? min : usedMiB > max ? max : usedMiB;
    return guest + this.view.memoryOverheadMiB[host]!;
  }

  private setFootprint(vm: number, host: number, footprint: number): void {
    this.addFootprint(host, footprint - this.vmFootprint[vm]!);
    this.vmFootprint[vm] = footprint;
  }

  private addFootprint(host: number, delta: number): void {
    const before = this.hostFootprint[host]!;
    const after = before + delta;
    this.hostFootprint[host] = after;
    this.clusterFootprint += delta;
    const memory = this.dc.memoryMiB[host]!;
    this.clusterOvercommitted += Math.max(0, after - memory) - Math.max(0, before - memory);
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
    if (this.options.power.switchOffIdle && count === 0 && this.hostIncoming[host] === 0 && this.hostOn[host]) this.powerOff(host);
    this.ensureShareCapacity(count);
    let i = 0;
    for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) {
      this.shareVm[i] = vm;
      const scale = this.vmWantScale[vm]!;
      this.share.demand[i] = this.vmDemand[vm]! * scale;
      this.share.floor[i] = this.rules.cpuFloorMhz[vm]! * scale;
      this.share.cap[i] = this.rules.cpuCapMhz[vm]! * scale;
      this.share.weight[i] = this.rules.cpuWeight[vm]!;
      i++;
    }
    const capacity = this.hostBooting[host] ? 0 : this.hostGuestCapacity[host]!;
    const served = this.share.share(capacity, count);
    let wanted = 0;
    for (let j = 0; j < count; j++) {
      const vm = this.shareVm[j]!;
      wanted += Math.min(this.share.demand[j]!, this.share.cap[j]!);
      if (this.vmServed[vm] !== this.share.served[j]) {
        this.touchVm(vm, atMs);
        this.vmServed[vm] = this.share.served[j]!;
      }
    }
    this.hostWant[host] = wanted;
    this.hostOverloaded[host] = wanted > capacity ? 1 : 0;
    this.clusterServed += served - this.hostServed[host]!;
    this.hostServed[host] = served;
    this.refreshPower(host);
  }

  /** Power draw, whether the host counts as active, and the capacity it offers, from its state. */
  private refreshPower(host: number): void {
    const booting = this.hostBooting[host] === 1;
    const capacity = this.hostGuestCapacity[host]!;
    const utilization = booting ? 0 : this.hostServed[host]! / capacity;
    if (utilization > this.hostPeakUtilization[host]!) this.hostPeakUtilization[host] = utilization;
    const curve = this.hostCurve[host]!;
    if (!booting && !this.zeroIsOff && this.hostOn[host] === 1 && this.hostActive[host] === 1 && this.hostOffered[host] === capacity) {
      // The per-sample case: a running host stays running; only its power moves.
      const watts = this.followsLoad ? powerAt(curve, utilization) : curve[10]!;
      this.clusterPower += watts - this.hostPower[host]!;
      this.hostPower[host] = watts;
      return;
    }
    let watts = 0;
    let active = this.hostOn[host] === 1;
    if (active) {
      if (booting) watts = this.hostBootPowerW[host]!;
      else if (this.zeroIsOff && utilization === 0) active = false;
      else watts = this.followsLoad ? powerAt(curve, utilization) : curve[10]!;
    }
    this.clusterPower += watts - this.hostPower[host]!;
    this.hostPower[host] = watts;
    if (active !== (this.hostActive[host] === 1)) {
      this.hostActive[host] = active ? 1 : 0;
      this.clusterActive += active ? 1 : -1;
    }
    const offered = active && !booting ? capacity : 0;
    this.clusterCapacity += offered - this.hostOffered[host]!;
    this.hostOffered[host] = offered;
  }

  /** Switches a host on; it is ready at once at t = 0 or without a boot delay, else it boots. */
  private powerOn(host: number, atMs: number): void {
    if (this.hostOn[host]) return;
    this.touchHost(host, atMs);
    this.hostOn[host] = 1;
    const bootMs = Math.round(this.dc.models[this.dc.modelOf[host]!]!.bootSeconds * 1000);
    if (atMs > 0 && bootMs > 0) {
      this.hostBooting[host] = 1;
      this.sim.schedule(atMs + bootMs, HOST_BOOTED, host);
    }
    this.markDirty(host);
    this.refreshPower(host);
  }

  private powerOff(host: number): void {
    this.hostOn[host] = 0;
    this.hostBooting[host] = 0;
    this.meter.hostShutdowns++;
    this.refreshPower(host);
  }

  private booted(host: number, atMs: number): void {
    this.touchHost(host, atMs);
    this.hostBooting[host] = 0;
    this.markDirty(host);
  }

  private hostState(host: number): number {
    if (!this.view.available[host]) return HOST_UNAVAILABLE;
    return !this.hostOn[host] ? HOST_OFF : this.hostBooting[host] ? HOST_BOOTING : HOST_ON;
  }

  /** Starts moving a VM: it keeps running (degraded) on its host while memory is copied. */
  private startMigration(vm: number, to: number, atMs: number): void {
    const from = this.vmHost[vm]!;
    this.touchVm(vm, atMs);
    this.touchHost(from, atMs);
    this.vmMigrating[vm] = 1;
    this.vmMigrationTarget[vm] = to;
    this.vmWantScale[vm] = 1 - this.options.migration.degradation;
    this.updateShare(vm, from, this.vmDemand[vm]!);
    // The destination holds the VM's reservation and memory from the start (both hosts pay).
    this.reserve(vm, to, 1);
    this.vmTransitFootprint[vm] = this.vmFootprint[vm]!;
    this.addFootprint(to, this.vmTransitFootprint[vm]!);
    this.hostIncoming[to]!++;
    const readyAt = this.hostOn[to] ? atMs : atMs + (atMs > 0 ? Math.round(this.dc.models[this.dc.modelOf[to]!]!.bootSeconds * 1000) : 0);
    this.powerOn(to, atMs);
    const doneAt = readyAt + this.migrationMs(vm, from, to);
    this.vmMigrationRecord[vm] = this.migrationLog.length;
    this.migrationLog.push({ vm, from, to, startMs: readyAt, endMs: doneAt, transferredMiB: this.migrationMiB(vm, from, to), completed: false });
    this.sim.schedule(doneAt, MIGRATION_DONE, vm);
  }

  private migrationMs(vm: number, from: number, to: number): number {
    return this.migrationCost(vm, from, to).durationMs;
  }

  private migrationMiB(vm: number, from: number, to: number): number {
    return this.migrationCost(vm, from, to).transferredMiB;
  }

  private migrationCost(vm: number, from: number, to: number) {
    const bandwidth = Math.min(this.hostNicMiBps[from]!, this.hostNicMiBps[to]!);
    const memory = this.w.memoryMiB[vm]!;
    const m = this.options.migration;
    return m.model === 'pre-copy' ? preCopyMigration(memory, bandwidth, m.dirtyMiBps, m.maxDowntimeMs) : simpleMigration(memory, bandwidth);
  }

  private finishMigration(vm: number, atMs: number): void {
    if (!this.vmMigrating[vm]) return; // the VM left while migrating
    const to = this.vmMigrationTarget[vm]!;
    this.touchVm(vm, atMs);
    this.endDegradation(vm);
    this.detach(vm, atMs);
    this.touchHost(to, atMs);
    this.hostIncoming[to]!--;
    this.addFootprint(to, -this.vmTransitFootprint[vm]!);
    this.vmTransitFootprint[vm] = 0;
    this.attach(vm, to, atMs);
    this.meter.migrations++;
    this.migrationLog[this.vmMigrationRecord[vm]!]!.completed = true;
  }

  /** The VM departed while migrating: release what the destination held for it. */
  private abandonMigration(vm: number, atMs: number): void {
    const to = this.vmMigrationTarget[vm]!;
    const record = this.migrationLog[this.vmMigrationRecord[vm]!]!;
    const plannedMs = record.endMs - record.startMs;
    record.endMs = Math.max(record.startMs, Math.min(record.endMs, atMs));
    // Only what was copied before the abandonment went over the network (the copy is linear in time).
    record.transferredMiB = plannedMs > 0 ? (record.transferredMiB * (record.endMs - record.startMs)) / plannedMs : 0;
    this.endDegradation(vm);
    this.reserve(vm, to, -1);
    this.addFootprint(to, -this.vmTransitFootprint[vm]!);
    this.vmTransitFootprint[vm] = 0;
    this.hostIncoming[to]!--;
    this.markDirty(to);
  }

  private endDegradation(vm: number): void {
    this.vmMigrating[vm] = 0;
    this.vmMigrationTarget[vm] = -1;
    this.vmWantScale[vm] = 1;
    this.vmDegradedRate[vm] = 0;
  }

  private hostFail(outage: number, atMs: number): void {
    for (const host of this.options.failures[outage]!.hostIndices) {
      if (this.hostDownCount[host]!++ > 0) continue;
      this.meter.hostFailures++;
      if (this.hostInMaintenance[host] && this.upgradeEndMs[host]! >= 0) continue; // already down for its upgrade
      this.takeHostDown(host, atMs);
    }
  }

  /** A host stops: its VMs crash (to be restarted elsewhere), migrations to it are abandoned. */
  private takeHostDown(host: number, atMs: number): void {
    this.touchHost(host, atMs);
    this.hostsDown++;
    this.view.available[host] = 0;
    for (let vm = 0; vm < this.w.vmCount; vm++) if (this.vmMigrating[vm] && this.vmMigrationTarget[vm] === host) this.abandonMigration(vm, atMs);
    const victims: number[] = [];
    for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) victims.push(vm);
    for (const vm of victims.sort((a, b) => a - b)) {
      if (this.vmMigrating[vm]) this.abandonMigration(vm, atMs);
      this.crash(vm, atMs);
    }
    this.hostOn[host] = 0;
    this.hostBooting[host] = 0;
    this.markDirty(host);
    this.refreshPower(host);
  }

  private crash(vm: number, atMs: number): void {
    this.detach(vm, atMs);
    this.vmDown[vm] = 1;
    this.vmBooting[vm] = 0;
    this.vmWantScale[vm] = 1;
    if (this.vmRestarts[vm]! >= this.options.ha.restartLimit) {
      this.vmFailed[vm] = 1;
      return;
    }
    const at = atMs + this.options.ha.detectionMs;
    if (at < this.options.durationMs) this.sim.schedule(at, VM_RESTART, vm);
  }

  private hostRepair(outage: number, atMs: number): void {
    for (const host of this.options.failures[outage]!.hostIndices) {
      if (--this.hostDownCount[host]! > 0) continue;
      if (this.hostInMaintenance[host] && this.upgradeEndMs[host]! >= 0) continue; // its upgrade ends it
      this.bringHostBack(host, atMs);
    }
  }

  private bringHostBack(host: number, atMs: number): void {
    this.touchHost(host, atMs);
    this.hostsDown--;
    if (this.hostInMaintenance[host] || this.hostDownCount[host]! > 0) return;
    this.view.available[host] = 1;
    if (!this.options.power.switchOffIdle) this.powerOn(host, atMs);
    if (this.waitingCount > 0) this.retryWaiting(atMs);
  }

  private vmRestart(vm: number, atMs: number): void {
    if (!this.vmAlive[vm] || !this.vmDown[vm] || this.vmHost[vm]! >= 0 || this.vmFailed[vm] || this.vmWaiting[vm]) return;
    if (this.tryRestart(vm, atMs)) return;
    this.vmWaiting[vm] = 1;
    this.waitingCount++;
    this.waiting.push(vm);
  }

  /** Places a crashed VM through the normal pipeline; it boots before it serves again. */
  private tryRestart(vm: number, atMs: number): boolean {
    const request: PlacementRequest = {
      cpuMhz: this.rules.reserveCpuMhz[vm]!,
      memoryMiB: this.rules.reserveMemoryMiB[vm]!,
      gpus: this.w.gpus[vm]!,
      expectedCpuMhz: Math.min(this.vmDemand[vm]!, this.rules.cpuCapMhz[vm]!),
      expectedDiskMBps: this.view.io?.vmDiskMBps[vm] ?? 0,
      expectedNetworkMBps: this.view.io?.vmNetworkMBps[vm] ?? 0,
    };
    this.refreshUse();
    const decision = chooseHost(this.view, request, this.policy, this.scratch);
    if (decision.host < 0) return false;
    this.vmWantScale[vm] = 0;
    this.vmBooting[vm] = 1;
    this.reserve(vm, decision.host, 1);
    this.attach(vm, decision.host, atMs);
    this.vmRestarts[vm]!++;
    this.meter.vmRestarts++;
    const bootedAt = atMs + this.options.ha.bootMs;
    if (bootedAt < this.options.durationMs) this.sim.schedule(bootedAt, VM_BOOTED, vm);
    return true;
  }

  private vmBooted(vm: number, atMs: number): void {
    const host = this.vmHost[vm]!;
    if (!this.vmBooting[vm] || host < 0) return;
    this.touchVm(vm, atMs);
    this.touchHost(host, atMs);
    this.vmBooting[vm] = 0;
    this.vmDown[vm] = 0;
    this.vmWantScale[vm] = 1;
    this.updateShare(vm, host, this.vmDemand[vm]!);
  }

  /** Tries the waiting VMs in order; those that still do not fit keep their place. */
  private retryWaiting(atMs: number): void {
    const still: number[] = [];
    for (const vm of this.waiting) {
      if (!this.vmWaiting[vm]) continue;
      if (this.tryRestart(vm, atMs)) {
        this.vmWaiting[vm] = 0;
        this.waitingCount--;
      } else {
        still.push(vm);
      }
    }
    this.waiting = still;
  }

  /**
   * Rolling upgrades, batch by batch in host order: a batch is closed to placement and drained
   * by live migration; each emptied host goes down for its upgrade and comes back; then the
   * next batch. Checked every checkIntervalMs (and at each upgrade's end).
   */
  private maintenanceStep(atMs: number): void {
    const m = this.options.maintenance!;
    this.flushDirty(atMs);
    if (this.maintenanceBatch.length === 0) this.openMaintenanceBatch();
    if (this.maintenanceBatch.length === 0) return;
    let nextCheck = atMs + m.checkIntervalMs;
    let allDone = true;
    for (const host of this.maintenanceBatch) {
      const upgradeEnd = this.upgradeEndMs[host]!;
      if (upgradeEnd === -1) continue;
      if (Number.isNaN(upgradeEnd) && this.hostDownCount[host]! > 0) {
        // Failed while draining: it leaves this batch without an upgrade; its repair returns it.
        this.upgradeEndMs[host] = -1;
        this.hostInMaintenance[host] = 0;
        continue;
      }
      allDone = false;
      if (upgradeEnd >= 0) {
        if (atMs >= upgradeEnd) this.endUpgrade(host, atMs);
        else nextCheck = Math.min(nextCheck, upgradeEnd);
        continue;
      }
      if (this.hostVmCount[host] === 0 && this.hostIncoming[host] === 0) {
        this.startUpgrade(host, atMs);
        nextCheck = Math.min(nextCheck, this.upgradeEndMs[host]!);
        continue;
      }
      this.drain(host, atMs);
    }
    if (allDone) {
      this.maintenanceBatch = [];
      this.openMaintenanceBatch();
      if (this.maintenanceBatch.length === 0) return;
      nextCheck = atMs;
    }
    if (nextCheck < this.options.durationMs) this.sim.repeatCurrentAt(nextCheck);
  }

  private openMaintenanceBatch(): void {
    const m = this.options.maintenance!;
    while (this.maintenanceBatch.length < m.batchSize && this.maintenanceNextHost < this.dc.hostCount) {
      const host = this.maintenanceNextHost++;
      if (this.hostDownCount[host]! > 0) continue;
      this.maintenanceBatch.push(host);
      this.hostInMaintenance[host] = 1;
      this.upgradeEndMs[host] = Number.NaN;
      this.view.available[host] = 0;
    }
  }

  private drain(host: number, atMs: number): void {
    const vms: number[] = [];
    for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) if (!this.vmMigrating[vm] && !this.vmDown[vm]) vms.push(vm);
    for (const vm of vms.sort((a, b) => a - b)) {
      const request: PlacementRequest = {
        cpuMhz: this.rules.reserveCpuMhz[vm]!,
        memoryMiB: this.rules.reserveMemoryMiB[vm]!,
        gpus: this.w.gpus[vm]!,
        expectedCpuMhz: this.vmWant[vm]!,
        expectedDiskMBps: this.view.io?.vmDiskMBps[vm] ?? 0,
        expectedNetworkMBps: this.view.io?.vmNetworkMBps[vm] ?? 0,
      };
      this.refreshUse();
      const decision = chooseHost(this.view, request, this.policy, this.scratch);
      if (decision.host < 0) continue;
      this.startMigration(vm, decision.host, atMs);
      this.maintenance.migrations++;
    }
  }

  private startUpgrade(host: number, atMs: number): void {
    const m = this.options.maintenance!;
    this.touchHost(host, atMs);
    this.hostsDown++;
    this.hostOn[host] = 0;
    this.hostBooting[host] = 0;
    this.markDirty(host);
    this.refreshPower(host);
    this.upgradeEndMs[host] = atMs + m.upgradeMs;
    const endMs = Math.min(atMs + m.upgradeMs, this.options.durationMs);
    this.outages.push({ hostId: this.dc.hostIds[host]!, cause: 'maintenance', startSeconds: atMs / 1000, endSeconds: endMs / 1000 });
    this.maintenance.hostHoursDown += (endMs - atMs) / 3_600_000;
  }

  private endUpgrade(host: number, atMs: number): void {
    this.upgradeEndMs[host] = -1;
    this.hostInMaintenance[host] = 0;
    this.maintenance.hostsUpgraded++;
    // A host that failed during its upgrade stays down (still counted) until it is repaired.
    if (this.hostDownCount[host]! > 0) return;
    this.bringHostBack(host, atMs);
  }

  /** One consolidation round: record histories, ask the planner, start its migrations. */
  private consolidate(atMs: number): void {
    const consolidation = this.options.consolidation!;
    this.flushDirty(atMs);
    const running = (vm: number) => this.vmHost[vm]! >= 0;
    const uncapped = Float64Array.from(this.vmDemand, (d, vm) => Math.min(d, this.rules.cpuCapMhz[vm]!));
    this.history!.record(uncapped, running);
    for (let host = 0; host < this.dc.hostCount; host++) this.roundHostState[host] = this.hostState(host);
    for (const move of consolidation.planner.plan(this.consolidationViewOf())) {
      if (!this.vmMigrating[move.vm] && !this.vmDown[move.vm] && this.vmHost[move.vm] === move.from) this.startMigration(move.vm, move.to, atMs);
    }
    if (this.waitingCount > 0) this.retryWaiting(atMs);
    const next = atMs + consolidation.intervalMs;
    if (next < this.options.durationMs) this.sim.repeatCurrentAt(next);
  }

  private consolidationViewOf(): ConsolidationView {
    if (this.consolidationView) return this.consolidationView;
    const sim = this;
    const intervalMs = this.options.consolidation!.intervalMs;
    this.consolidationView = {
      hostCount: this.dc.hostCount,
      hostState: this.roundHostState,
      hostCapacityMhz: this.hostGuestCapacity,
      powerCurve: (host) => this.dc.powerCurves[this.dc.modelOf[host]!]!,
      vmsOn: (host, out) => {
        let count = 0;
        for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) out[count++] = vm;
        return count;
      },
      vmCount: this.w.vmCount,
      vmWantMhz: this.vmWant,
      vmMemoryMiB: this.w.memoryMiB,
      vmReserveCpuMhz: this.rules.reserveCpuMhz,
      vmReserveMemoryMiB: this.rules.reserveMemoryMiB,
      vmMigrating: this.vmMigrating,
      vmHistory: (vm, out) => this.history!.read(vm, out),
      get historyLength() {
        return sim.history!.count;
      },
      migrationSteps: (host) => {
        let longest = 0;
        for (let vm = this.hostHead[host]!; vm >= 0; vm = this.vmNext[vm]!) longest = Math.max(longest, this.migrationMs(vm, host, host));
        return Math.max(1, Math.ceil(longest / intervalMs));
      },
      placement: this.view,
    };
    return this.consolidationView;
  }

  /** The part of [fromMs, toMs) in which energy is counted. */
  private energyMs(fromMs: number, toMs: number): number {
    const start = this.energyFromMs;
    return start <= fromMs ? toMs - fromMs : Math.max(0, toMs - start);
  }

  /** Integrates a host's constant rates up to `atMs`. */
  private touchHost(host: number, atMs: number): void {
    const from = this.hostLastMs[host]!;
    const dt = atMs - from;
    if (dt <= 0) return;
    this.hostDemandInt[host] = this.hostDemandInt[host]! + this.hostDemand[host]! * dt;
    this.hostServedInt[host] = this.hostServedInt[host]! + this.hostServed[host]! * dt;
    this.hostEnergyInt[host] = this.hostEnergyInt[host]! + this.hostPower[host]! * this.energyMs(from, atMs);
    if (this.hostActive[host]) {
      this.hostOnInt[host] = this.hostOnInt[host]! + dt;
      if (this.hostOverloaded[host]) this.hostOverloadInt[host] = this.hostOverloadInt[host]! + dt;
    }
    this.hostLastMs[host] = atMs;
  }

  private touchVm(vm: number, atMs: number): void {
    const dt = atMs - this.vmLastMs[vm]!;
    if (dt <= 0) return;
    this.vmDemandInt[vm] = this.vmDemandInt[vm]! + this.vmDemand[vm]! * dt;
    this.vmServedInt[vm] = this.vmServedInt[vm]! + this.vmServed[vm]! * dt;
    if (this.vmMigrating[vm] | this.vmDown[vm]) {
      this.vmDegradedInt[vm] = this.vmDegradedInt[vm]! + this.vmDegradedRate[vm]! * dt;
      if (this.vmDown[vm] && this.vmAlive[vm]) {
        this.vmDownInt[vm] = this.vmDownInt[vm]! + dt;
        this.vmLostInt[vm] = this.vmLostInt[vm]! + this.vmDemand[vm]! * dt;
      }
    }
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
    if (tick + 1 < meter.tickCount) this.sim.repeatCurrentAt(Math.min(atMs + meter.intervalMs, this.options.durationMs));
  }

  private ensureShareCapacity(count: number): void {
    this.share.ensure(count);
    if (count > this.shareVm.length) this.shareVm = new Int32Array(Math.max(count, this.shareVm.length * 2));
  }

}

export { VM_DEPARTED, VM_PENDING, VM_PLACED, VM_UNPLACED };
