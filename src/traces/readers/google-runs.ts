import { InputError } from '../../common/input-error.js';
import { GrowableF64 } from '../growable-array.js';
import { basename } from 'node:path';
import type { RowPlace } from '../row-fields.js';
import type { ResolvedTraceReadOptions } from '../trace-reader.js';
import type { WorkloadBuilder } from '../workload-builder.js';

const [SUBMIT, SCHEDULE, , , , , , UPDATE_PENDING, UPDATE_RUNNING] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

interface TaskState {
  /** VM index of the running run, or -1. */
  open: number;
  /** VM indices of all runs, in start order. */
  runs: number[];
}

/**
 * Turns Google task events into runs: a run (one VM) lasts from SCHEDULE to the next EVICT,
 * FAIL, FINISH, KILL or LOST of that task. Its size is the largest request seen while it runs;
 * its demand is its request (task_usage absent) or the task_usage samples that fall inside it.
 */
export class GoogleRuns {
  private readonly tasks = new Map<string, TaskState>();
  private readonly runStart = new GrowableF64(4096);
  private readonly runEnd = new GrowableF64(4096);
  private readonly lastSample = new GrowableF64(4096);
  private windowStartMs = Number.NaN;
  private lastMs = 0;
  private readonly coreMhz: number;

  constructor(
    private readonly builder: WorkloadBuilder,
    private readonly options: ResolvedTraceReadOptions,
    private readonly requestsAsSamples: boolean,
  ) {
    this.coreMhz = options.coreMhz;
  }

  warn(code: string, message: string, count = 1): void {
    this.builder.warn(code, message, count);
  }

  /** cpuCores/memoryMiB are already scaled; NaN when the event leaves them empty. */
  /** `place` is only read to word a warning's example location. */
  event(key: string, type: number, ms: number, cpuCores: number, memoryMiB: number, place: RowPlace): void {
    if (Number.isNaN(this.windowStartMs)) this.windowStartMs = ms;
    this.lastMs = ms;
    let state = this.tasks.get(key);
    if (type === SUBMIT || type === UPDATE_PENDING) {
      if (!state) this.tasks.set(key, { open: -1, runs: [] });
      return;
    }
    if (type === SCHEDULE) {
      if (state && state.open >= 0) {
        this.warn('schedule-while-running', `a SCHEDULE of a running task ends its current run and starts a new one (e.g. ${where(place)})`);
        this.close(state, ms);
      }
      if (!state) this.tasks.set(key, (state = { open: -1, runs: [] }));
      this.open(key, state, ms, cpuCores, memoryMiB, place);
      return;
    }
    if (!state) {
      // The task's first event in these files is not SUBMIT/SCHEDULE: it ran before the window.
      this.tasks.set(key, (state = { open: -1, runs: [] }));
      this.warn('run-started-before-window', `a task whose first event is ${type === UPDATE_RUNNING ? 'UPDATE_RUNNING' : 'a termination'} has run since the first event time of the files (e.g. ${where(place)})`);
      this.open(key, state, this.windowStartMs, cpuCores, memoryMiB, place);
    }
    if (state.open < 0) return;
    if (type === UPDATE_RUNNING) this.update(state.open, ms, cpuCores, memoryMiB);
    else this.close(state, ms);
  }

  /** Runs still open after the last event end at the last event time. */
  closeOpenRuns(): void {
    let open = 0;
    for (const state of this.tasks.values()) {
      if (state.open < 0) continue;
      open++;
      this.close(state, this.lastMs);
    }
    if (open > 0) this.warn('open-run', 'a run still open after the last event ends at the last event time', open);
  }

  usage(key: string, ms: number, cpuRate: number, memory: number, place: RowPlace): void {
    const state = this.tasks.get(key);
    const runs = state?.runs ?? [];
    let vm = -1;
    for (let r = runs.length - 1; r >= 0; r--) {
      if (this.runStart.data[runs[r]!]! <= ms) {
        vm = runs[r]!;
        break;
      }
    }
    if (vm < 0 || ms >= this.runEnd.data[vm]!) {
      this.warn('usage-outside-run', `task_usage rows outside every run of their task are dropped (e.g. line ${place.line})`);
      return;
    }
    if (ms <= this.lastSample.data[vm]!) {
      throw new InputError(`start_time is not after the previous usage row of task ${key}; rows must strictly increase per task`, { ...place, field: 'start_time' });
    }
    this.lastSample.data[vm] = ms;
    const scale = this.options.googleMachineScale;
    this.builder.addSampleIo(vm, ms, cpuRate * scale.cores * this.coreMhz, memory * scale.memoryMiB, 0, 0, 0, 0);
  }

  /** With task_usage: runs without usage rows demand their request. */
  finish(): void {
    if (this.requestsAsSamples) return;
    let without = 0;
    for (let vm = 0; vm < this.builder.vmCount; vm++) {
      if (this.builder.vmSampleCount(vm) > 0) continue;
      without++;
      const size = this.builder.size(vm);
      this.builder.addSampleIo(vm, this.runStart.data[vm]!, size.cpuCapacityMhz, size.memoryMiB, 0, 0, 0, 0);
    }
    if (without > 0) this.warn('run-without-usage', 'a run without task_usage rows demands its request', without);
  }

  private open(key: string, state: TaskState, ms: number, cpuCores: number, memoryMiB: number, place: RowPlace): void {
    if (Number.isNaN(cpuCores) || Number.isNaN(memoryMiB)) {
      this.warn('missing-request', `an empty CPU or memory request is read as 0 (e.g. ${where(place)})`);
    }
    const cores = Number.isNaN(cpuCores) ? 0 : cpuCores;
    const memory = Number.isNaN(memoryMiB) ? 0 : memoryMiB;
    const id = state.runs.length === 0 ? key : `${key}#${state.runs.length + 1}`;
    const vm = this.builder.addVm(id, { cores, cpuCapacityMhz: cores * this.coreMhz, memoryMiB: memory });
    state.runs.push(vm);
    state.open = vm;
    this.runStart.push(ms);
    this.runEnd.push(Number.POSITIVE_INFINITY);
    this.lastSample.push(Number.NEGATIVE_INFINITY);
    if (this.requestsAsSamples) {
      this.builder.addSampleIo(vm, ms, cores * this.coreMhz, memory, 0, 0, 0, 0);
      this.lastSample.data[vm] = ms;
    }
  }

  private update(vm: number, ms: number, cpuCores: number, memoryMiB: number): void {
    if (Number.isNaN(cpuCores) || Number.isNaN(memoryMiB)) return;
    const size = this.builder.size(vm);
    const cores = Math.max(size.cores, cpuCores);
    this.builder.setSize(vm, { cores, cpuCapacityMhz: cores * this.coreMhz, memoryMiB: Math.max(size.memoryMiB, memoryMiB) });
    if (!this.requestsAsSamples) return;
    if (ms <= this.lastSample.data[vm]!) {
      this.warn('same-ms-update', 'a request update in the same millisecond as the previous sample changes only the size');
      return;
    }
    this.builder.addSampleIo(vm, ms, cpuCores * this.coreMhz, memoryMiB, 0, 0, 0, 0);
    this.lastSample.data[vm] = ms;
  }

  private close(state: TaskState, ms: number): void {
    this.builder.setEnd(state.open, ms);
    this.runEnd.data[state.open] = ms;
    state.open = -1;
  }
}

function where(place: RowPlace): string {
  return `${basename(place.file)} line ${place.line}`;
}
