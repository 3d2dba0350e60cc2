import { gbpsToMiBps } from '../migration/migration-time.js';
import type { Datacenter } from '../model/datacenter.js';
import { powerAt } from '../model/power-curve.js';
import type { PlacementView } from '../placement/placement-view.js';
import { placementIoView } from '../scheduling/io-placement-view.js';
import type { Workload } from '../traces/workload.js';
import type { Assignment, MigrationRecord, OutageRecord } from './run-record.js';
import { RunMeter } from './run-meter.js';
import type { SharingRules } from './sharing-rules.js';
import type { SimulationOptions } from './simulation-options.js';
import { vmHotRecords } from './vm-hot.js';

/** A link speed for hosts whose model gives no NIC bandwidth. */
const DEFAULT_NIC_GBPS = 1;

type ArrayKind = Uint8ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor;
type FieldTable = Record<string, readonly [ArrayKind, number]>;
type Arrays<T extends FieldTable> = { readonly [K in keyof T]: InstanceType<T[K][0]> };

/**
 * Per-VM runtime state, one typed array per field, indexed by VM. The table is the single list
 * of what a VM carries, except the fields every sample touches, which are packed per VM in
 * `vmHot` (vm-hot.ts); each entry gives the array type and the initial value. Integrals
 * are in the hot path's units: MHz x ms, W x ms, ms.
 */
const VM_FIELDS = {
  /** VM_PENDING, VM_PLACED, VM_UNPLACED or VM_DEPARTED. */
  vmState: [Uint8Array, 0],
  vmHost: [Int32Array, -1],
  /** The host a VM ran on last, kept after it departs (-1 if never placed). */
  vmLastHost: [Int32Array, -1],
  /** CPU lost to migration degradation per ms, MHz (counted in vmDegradedInt while migrating). */
  vmDegradedRate: [Float64Array, 0],
  /** Memory held on the VM's host, MiB (guest plus hypervisor overhead). */
  vmFootprint: [Float64Array, 0],
  /** Doubly linked list of the VMs on each host (head in hostHead). */
  vmNext: [Int32Array, -1],
  vmPrev: [Int32Array, -1],
  vmMigrating: [Uint8Array, 0],
  vmMigrationTarget: [Int32Array, -1],
  /** Memory the destination holds for a migrating VM, MiB. */
  vmTransitFootprint: [Float64Array, 0],
  /** Index of the VM's open entry in migrationLog, or -1. */
  vmMigrationRecord: [Int32Array, -1],
  /** 1 from a VM's first start until it departs. */
  vmAlive: [Uint8Array, 0],
  vmFirstStartMs: [Float64Array, 0],
  /** 1 while an alive VM is not running (its host failed; waiting or booting elsewhere). */
  vmDown: [Uint8Array, 0],
  vmBooting: [Uint8Array, 0],
  /** When the VM's current guest boot ends (a boot event from an interrupted boot is stale). */
  vmReadyAtMs: [Float64Array, 0],
  vmWaiting: [Uint8Array, 0],
  vmFailed: [Uint8Array, 0],
  vmRestarts: [Int32Array, 0],
  /** Index of the VM's open entry in assignments, or -1. */
  vmAssignment: [Int32Array, -1],
  /** CPU a VM lost to migration degradation, MHz x ms. */
  vmDegradedInt: [Float64Array, 0],
  /** Down time after first starting, ms. */
  vmDownInt: [Float64Array, 0],
  /** Demand while down, MHz x ms. */
  vmLostInt: [Float64Array, 0],
  /** The part of vmLostInt spent waiting for a host to restart on, or booting there, MHz x ms. */
  vmWaitingInt: [Float64Array, 0],
  /** Demand above the VM's CPU cap while it runs on a host (no host can serve it), MHz x ms. */
  vmAboveSizeInt: [Float64Array, 0],
  /** Life from first start to departure (or the end), ms. */
  vmLifetimeInt: [Float64Array, 0],
  /** 1: unserved demand waits in a backlog and is served later (backlog.ts). */
  vmDeferrable: [Uint8Array, 0],
  /** What a deferrable VM asks on top of its demand to serve its backlog, MHz (0 without backlog). */
  vmBacklogAskMhz: [Float64Array, 0],
  /** Compatibility mode: the MIPS the VM requests at CloudSim's last processing (64-bit, interpolated to that moment). */
  csVmRequestMips: [Float64Array, 0],
  /** Compatibility mode: the VM's open CloudSim state history entry (allocated and requested MIPS, in migration). */
  csVmEntry: [Uint8Array, 0],
  csVmAllocated: [Float64Array, 0],
  csVmRequested: [Float64Array, 0],
  csVmInMigration: [Uint8Array, 0],
  /** Compatibility mode: requested and migration-under-allocated MIPS x ms. */
  csVmRequestedInt: [Float64Array, 0],
  csVmUnderInt: [Float64Array, 0],
} as const satisfies FieldTable;

/** Per-host runtime state, indexed by host; see VM_FIELDS. */
const HOST_FIELDS = {
  hostHead: [Int32Array, -1],
  hostVmCount: [Int32Array, 0],
  hostVmsPlaced: [Int32Array, 0],
  /** Powered: on or booting. */
  hostOn: [Uint8Array, 0],
  hostBooting: [Uint8Array, 0],
  /** When the current boot ends (a boot event from an earlier, interrupted boot is stale). */
  hostReadyAtMs: [Float64Array, 0],
  /** Counted as an active host (powered, and not "off" by the zero-utilization convention). */
  hostActive: [Uint8Array, 0],
  /** Capacity counted in the cluster's capacity: guest capacity while active and not booting. */
  hostOffered: [Float64Array, 0],
  /** Migrations on their way to this host. */
  hostIncoming: [Int32Array, 0],
  hostDemand: [Float64Array, 0],
  hostServed: [Float64Array, 0],
  /** Sum of its VMs' wants; over capacity means the host is overloaded and shares. */
  hostWant: [Float64Array, 0],
  /** Expected use of placed VMs not yet sampled. */
  hostPendingUse: [Float64Array, 0],
  hostPower: [Float64Array, 0],
  hostFootprint: [Float64Array, 0],
  hostOverloaded: [Uint8Array, 0],
  hostLastMs: [Float64Array, 0],
  /** 1 while the host waits in dirtyList to be re-shared. */
  hostDirty: [Uint8Array, 0],
  dirtyList: [Int32Array, 0],
  /** 1 while the host waits in powerDirtyList for its power to follow a changed served total. */
  hostPowerDirty: [Uint8Array, 0],
  powerDirtyList: [Int32Array, 0],
  hostDemandInt: [Float64Array, 0],
  hostServedInt: [Float64Array, 0],
  hostEnergyInt: [Float64Array, 0],
  hostOnInt: [Float64Array, 0],
  hostOverloadInt: [Float64Array, 0],
  hostPeakUtilization: [Float64Array, 0],
  /** hostServedInt and hostOnInt at the last report tick. */
  hostTickServed: [Float64Array, 0],
  hostTickOn: [Float64Array, 0],
  /** Outages covering the host now (they may overlap). */
  hostDownCount: [Int32Array, 0],
  hostInMaintenance: [Uint8Array, 0],
  /** Maintenance upgrade state: NaN draining, >= 0 upgrading until then, -1 done. */
  upgradeEndMs: [Float64Array, Number.NaN],
  /** Compatibility mode: CloudSim's allocated MIPS at its last processing and the one before. */
  csUtilMips: [Float64Array, 0],
  csPrevUtilMips: [Float64Array, 0],
  /** Compatibility mode: CloudSim's host state history, its last closed entry and the open one (active = 1). */
  csActive: [Uint8Array, 0],
  csPendingActive: [Uint8Array, 0],
  /** Compatibility mode: the open entry's allocated MIPS below its requested MIPS. */
  csPendingViolating: [Uint8Array, 0],
  /** Compatibility mode: requested MIPS of the host's VMs, scratch of each processing. */
  csRequestedMips: [Float64Array, 0],
} as const satisfies FieldTable;

/**
 * One typed array per table entry. Object.fromEntries gives an object with fast properties;
 * adding 30-odd computed keys one by one would leave V8 a dictionary-mode object, whose every
 * field read on the hot path is a hash lookup (3-4x slower replays, measured).
 */
function allocate<T extends FieldTable, E extends object = object>(table: T, length: number, extra?: E): Arrays<T> & E {
  const arrays = Object.entries(table).map(([name, [Kind, initial]]) => {
    const array = new Kind(length);
    if (initial !== 0) array.fill(initial);
    return [name, array] as const;
  });
  return Object.fromEntries([...arrays, ...Object.entries(extra ?? {})]) as Arrays<T> & E;
}

/** The per-VM arrays, and the packed per-VM records of vm-hot.ts as `vmHot`. */
export type VmArrays = Arrays<typeof VM_FIELDS> & { readonly vmHot: Float64Array };
export type HostArrays = Arrays<typeof HOST_FIELDS>;

/**
 * The whole runtime state of a replay, shared by the simulation's modules: typed arrays per VM
 * and per host, cluster-wide rates, the placement view (whose arrays are part of this state) and
 * the records the run leaves behind. Modules change it only through their own methods.
 */
export class SimState {
  readonly vm: VmArrays;
  readonly host: HostArrays;
  readonly w: Workload;
  readonly dc: Datacenter;
  readonly rules: SharingRules;
  readonly options: SimulationOptions;
  readonly meter: RunMeter;
  readonly view: PlacementView;
  readonly vmUnplacedReason: string[];
  // Per-host constants for the hot path.
  readonly hostGuestCapacity: Float64Array;
  readonly hostNicMiBps: Float64Array;
  readonly hostBootPowerW: Float64Array;
  readonly hostBootMs: Float64Array;
  readonly hostCurve: Float64Array[];
  // Cluster rates: sums of the per-host (or per-VM) rates, kept incrementally.
  clusterDemand = 0;
  clusterServed = 0;
  clusterCapacity = 0;
  clusterPower = 0;
  clusterActive = 0;
  clusterRunningVms = 0;
  clusterFootprint = 0;
  clusterOvercommitted = 0;
  dirtyCount = 0;
  powerDirtyCount = 0;
  hostsDown = 0;
  waitingCount = 0;
  // Records of the run.
  readonly assignments: Assignment[] = [];
  readonly migrationLog: MigrationRecord[] = [];
  readonly outages: OutageRecord[] = [];
  readonly maintenance = { hostsUpgraded: 0, migrations: 0, hostHoursDown: 0 };
  /**
   * Hypervisor upgrades, either mode: host time out of normal service, the drain's migrations
   * (migrationLog indices) and when each host still draining or upgrading was closed.
   */
  readonly upgradeTally = { hostOutMs: 0, migrationRecords: [] as number[], closedAtMs: new Map<number, number>() };
  /** Host failures that stopped at least one VM, and the VMs they stopped (the blast radius). */
  readonly failureTally = { failuresWithVms: 0, vmsStopped: 0 };
  /**
   * Rollouts only (allocated by rollout.ts): per VM, the host holding its new instance while it
   * boots and overlaps (-1: none) and the memory held there; the reference check reads them.
   */
  rolloutHolds: { to: Int32Array; heldMiB: Float64Array } | null = null;
  /** Rollouts (rollout.ts): counts, the most hosts switched on for one wave, instance time down in place. */
  readonly rolloutTally = { rollouts: 0, completed: 0, waves: 0, replaced: 0, inPlace: 0, skipped: 0, peakSurgeHosts: 0, instanceDownMs: 0 };

  constructor(dc: Datacenter, workload: Workload, rules: SharingRules, options: SimulationOptions) {
    const n = workload.vmCount;
    const h = dc.hostCount;
    this.w = workload;
    this.dc = dc;
    this.rules = rules;
    this.options = options;
    this.meter = new RunMeter(h, options.durationMs, options.reportIntervalMs);
    this.vm = allocate(VM_FIELDS, n, { vmHot: vmHotRecords(workload, rules.cpuCapMhz) });
    if (options.deferrable) this.vm.vmDeferrable.set(options.deferrable.subarray(0, n));
    this.host = allocate(HOST_FIELDS, h);
    this.vmUnplacedReason = new Array<string>(n).fill('');
    const hyp = (host: number) => dc.hypervisors[dc.hypervisorOf[host]!]!;
    // Guest-visible CPU: the hypervisor spends cpuOverheadFraction per unit of guest work.
    this.hostGuestCapacity = Float64Array.from(dc.cpuCapacityMhz, (c, host) => c / (1 + hyp(host).cpuOverheadFraction));
    this.hostNicMiBps = Float64Array.from(dc.modelOf, (m) => gbpsToMiBps(dc.models[m]!.nicGbps ?? DEFAULT_NIC_GBPS));
    this.hostCurve = Array.from(dc.modelOf, (m) => dc.powerCurves[m]!);
    this.hostBootPowerW = Float64Array.from(dc.modelOf, (m) => dc.models[m]!.bootPowerW ?? dc.powerCurves[m]![10]!);
    this.hostBootMs = Float64Array.from(dc.modelOf, (m) => Math.round(dc.models[m]!.bootSeconds * 1000));
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
      poweredOn: this.host.hostOn,
      powerAt: (host, utilization) => powerAt(dc.powerCurves[dc.modelOf[host]!]!, utilization),
      io: placementIoView(dc, workload, this.host.hostHead, this.vm.vmNext),
    };
  }

  /** Queues a host to be re-shared when the clock next moves (once per time step). */
  markDirty(host: number): void {
    const h = this.host;
    if (h.hostDirty[host]) return;
    h.hostDirty[host] = 1;
    h.dirtyList[this.dirtyCount++] = host;
  }

  /**
   * Queues a host whose served total changed without a re-share: its power is recomputed once
   * when the clock next moves, not once per sample (a host's samples mostly share a time).
   */
  markPowerDirty(host: number): void {
    const h = this.host;
    if (h.hostPowerDirty[host]) return;
    h.hostPowerDirty[host] = 1;
    h.powerDirtyList[this.powerDirtyCount++] = host;
  }

  get vmCount(): number {
    return this.w.vmCount;
  }

  get hostCount(): number {
    return this.dc.hostCount;
  }
}
