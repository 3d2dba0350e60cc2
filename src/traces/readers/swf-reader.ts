import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { RowFields, type RowPlace } from '../row-fields.js';
import { forEachLine, readHeadLines } from '../text-lines.js';
import { pathKind, pathKindOrNull } from '../trace-files.js';
import { resolveReadOptions, type ResolvedTraceReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** Standard Workload Format v2.2 fields (Parallel Workloads Archive). */
const SWF_FIELDS = [
  'job_id', 'submit_time', 'wait_time', 'run_time', 'allocated_processors', 'average_cpu_time', 'used_memory',
  'requested_processors', 'requested_time', 'requested_memory', 'status', 'user_id', 'group_id', 'executable_id',
  'queue_id', 'partition_id', 'preceding_job_id', 'think_time',
];
const [JOB, SUBMIT, , RUN, ALLOC_PROCS, , USED_MEM, REQ_PROCS, REQ_TIME, REQ_MEM] = SWF_FIELDS.map((_, i) => i);
const UNIX_START = /^;\s*UnixStartTime:\s*(\d+)/i;

export const swfReader: TraceReader = {
  format: 'swf',
  description: 'Standard Workload Format (Parallel Workloads Archive): one job per line, 18 fields, ";" header comments',
  // Parallel batch jobs: work that waits for processors rather than failing.
  batchWork: true,
  async detect(path) {
    if ((await pathKindOrNull(path)) !== 'file') return false;
    const lines = (await readHeadLines(path, 40)).filter((line) => line.trim().length > 0);
    if (lines.length === 0) return false;
    if (/^;\s*(Version|Computer|MaxJobs|UnixStartTime)\b/i.test(lines[0]!)) return true;
    const data = lines.find((line) => !line.startsWith(';'));
    return !lines[0]!.includes(',') && data !== undefined && data.trim().split(/\s+/).length === SWF_FIELDS.length;
  },
  async sourceFiles(path) {
    if ((await pathKind(path)) !== 'file') throw new InputError('the swf format expects one file', { file: path });
    return [path];
  },
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    if ((await pathKind(path)) !== 'file') throw new InputError('the swf format expects one file', { file: path });
    const parser = new SwfParser(path, resolveReadOptions(options));
    await forEachLine(path, (line, lineNo) => parser.onLine(line, lineNo));
    return parser.finish();
  },
};

/** One VM per job; see docs/trace-formats.md for the rules on unknown (-1) fields. */
class SwfParser {
  private readonly fields = new RowFields();
  private readonly place: RowPlace;
  private readonly jobs = new Set<string>();
  private builder: WorkloadBuilder | null = null;
  private unixStartMs = 0;
  private sawData = false;
  private previousSubmit = Number.NEGATIVE_INFINITY;
  private previousLine = 0;

  constructor(private readonly file: string, private readonly options: ResolvedTraceReadOptions) {
    this.place = { file, line: 0 };
    this.fields.names = SWF_FIELDS;
  }

  onLine(line: string, lineNo: number): void {
    this.place.line = lineNo;
    const trimmed = line.trimStart();
    if (trimmed.length === 0) return;
    if (trimmed.startsWith(';')) {
      const start = UNIX_START.exec(trimmed);
      if (start && !this.sawData) this.unixStartMs = Number(start[1]) * 1000;
      return;
    }
    if (!this.sawData) {
      // The header (before the first job) says whether times have an epoch.
      this.builder = new WorkloadBuilder({ format: 'swf', sources: [this.file], defaultIntervalMs: 0, epoch: this.unixStartMs > 0 });
    }
    this.sawData = true;
    const f = this.fields;
    f.splitWhitespace(line, this.place);
    f.expectCount(SWF_FIELDS.length, this.place);
    for (let i = 0; i < SWF_FIELDS.length; i++) this.known(i);
    const id = f.str(JOB);
    if (this.jobs.has(id)) throw new InputError(`job ${id} appears twice`, { ...this.place, field: 'job_id' });
    this.jobs.add(id);
    const submit = this.known(SUBMIT);
    if (submit < 0) throw new InputError('unknown (-1) submit time', { ...this.place, field: 'submit_time' });
    if (submit < this.previousSubmit) {
      throw new InputError(`submit time ${submit} is earlier than the previous job's (line ${this.previousLine}); SWF jobs are sorted by submit time`, { ...this.place, field: 'submit_time' });
    }
    this.previousSubmit = submit;
    this.previousLine = lineNo;
    this.addJob(id, submit);
  }

  finish(): Workload {
    if (!this.builder) throw new InputError('no jobs (empty trace)', { file: this.file, line: this.place.line + 1, field: 'job_id' });
    return this.builder.build();
  }

  private addJob(id: string, submit: number): void {
    const b = this.builder!;
    const where = `${basename(this.file)} line ${this.place.line}`;
    const allocated = this.known(ALLOC_PROCS);
    const procs = allocated > 0 ? allocated : this.known(REQ_PROCS);
    if (procs <= 0) {
      b.warn('unknown-processors', `jobs with neither allocated nor requested processors are skipped (e.g. ${where})`);
      return;
    }
    let runSeconds = this.known(RUN);
    if (runSeconds < 0) {
      runSeconds = this.known(REQ_TIME);
      if (runSeconds < 0) {
        b.warn('unknown-runtime', `jobs with neither run time nor requested time are skipped (e.g. ${where})`);
        return;
      }
      b.warn('runtime-from-request', `a job with an unknown run time runs for its requested time (e.g. ${where})`);
    }
    if (runSeconds === 0) b.warn('zero-runtime', `a job with run time 0 is kept as a VM that leaves when it arrives (e.g. ${where})`);
    const memoryPerProcKB = firstKnown(this.known(USED_MEM), this.known(REQ_MEM));
    let memoryPerProcMiB = memoryPerProcKB / 1024;
    if (memoryPerProcKB < 0) {
      memoryPerProcMiB = this.options.swfMemoryPerProcMiB;
      b.warn('unknown-memory', `a job with unknown memory gets swfMemoryPerProcMiB (${memoryPerProcMiB} MiB) per processor (e.g. ${where})`);
    }
    const cpuMhz = procs * this.options.coreMhz;
    const memoryMiB = procs * memoryPerProcMiB;
    const atMs = this.unixStartMs + submit * 1000;
    const vm = b.addVm(id, { cores: procs, cpuCapacityMhz: cpuMhz, memoryMiB });
    b.addSampleIo(vm, atMs, cpuMhz, memoryMiB, 0, 0, 0, 0);
    b.setEnd(vm, atMs + runSeconds * 1000);
  }

  /** A field that is a number >= 0 or exactly -1 (unknown, returned as -1). */
  private known(i: number): number {
    const f = this.fields;
    const value = f.num(i);
    if (value >= 0 || value === -1) return value;
    throw value < 0
      ? new InputError(`negative value ${f.str(i)} (only -1, meaning unknown, is allowed)`, { ...this.place, field: SWF_FIELDS[i]! })
      : f.badNumber(i, this.place, value);
  }
}

function firstKnown(a: number, b: number): number {
  return a >= 0 ? a : b;
}
