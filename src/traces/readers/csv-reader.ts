import { InputError } from '../../common/input-error.js';
import { GrowableF64 } from '../growable-array.js';
import { forEachLineBytes, isBlankBytes } from '../byte-lines.js';
import { ByteRowFields } from '../byte-row-fields.js';
import { delimiterName, foreignDelimiter, type RowPlace } from '../row-fields.js';
import { readHeadLines } from '../text-lines.js';
import { pathKind, pathKindOrNull } from '../trace-files.js';
import type { TraceReader, TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** Required value columns, in the order kept per VM for sizes (see docs/trace-formats.md). */
const VALUE_COLUMNS = ['cpu_cores', 'cpu_capacity_mhz', 'cpu_usage_mhz', 'memory_capacity_mib', 'memory_usage_mib'] as const;
const IO_COLUMNS = ['disk_read_kbps', 'disk_write_kbps', 'net_rx_kbps', 'net_tx_kbps'] as const;
const TIME_COLUMNS = ['timestamp_s', 'timestamp_ms'] as const;

export const csvReader: TraceReader = {
  format: 'csv',
  description: "rackplan's generic CSV: header row, one row per VM sample (vm_id, timestamp_s|timestamp_ms, cpu_*, memory_*)",
  async detect(path) {
    if ((await pathKindOrNull(path)) !== 'file') return false;
    const [header] = await readHeadLines(path, 1);
    if (!header) return false;
    const names = header.split(',').map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
    return names.includes('vm_id') && TIME_COLUMNS.some((name) => names.includes(name));
  },
  async sourceFiles(path) {
    if ((await pathKind(path)) !== 'file') throw new InputError('the csv format expects one file', { file: path });
    return [path];
  },
  async read(path: string, _options: TraceReadOptions): Promise<Workload> {
    if ((await pathKind(path)) !== 'file') throw new InputError('the csv format expects one file', { file: path });
    const parser = new GenericCsvParser(path);
    await forEachLineBytes(path, (bytes, start, end, lineNo) => parser.onLine(bytes, start, end, lineNo));
    return parser.finish();
  },
};

class GenericCsvParser {
  private readonly fields = new ByteRowFields();
  private readonly place: RowPlace;
  private builder: WorkloadBuilder | null = null;
  private idColumn = -1;
  private timeColumn = -1;
  private timeToMs = 1000;
  private valueColumns: number[] = [];
  private ioColumns: number[] = [];
  private readonly vmIndex = new Map<string, number>();
  /** Per VM: last time (ms) and line, and the running maxima of the size columns. */
  private readonly lastAt = new GrowableF64(256);
  private readonly lastLine = new GrowableF64(256);
  private readonly maxima: GrowableF64[] = [0, 1, 2].map(() => new GrowableF64(256));
  private previousId = '';
  private previousVm = -1;
  private rows = 0;

  constructor(private readonly file: string) {
    this.place = { file, line: 0 };
  }

  onLine(bytes: Buffer, start: number, end: number, lineNo: number): void {
    this.place.line = lineNo;
    if (lineNo === 1) return this.readHeader(bytes.toString('utf8', start, end));
    if (isBlankBytes(bytes, start, end)) return;
    const f = this.fields;
    f.splitNumericBytes(bytes, start, end, 44, this.place);
    f.expectCount(f.names.length, this.place);
    const vm = this.vmOf(f);
    const rawTime = f.nonNegative(this.timeColumn, this.place);
    const atMs = Math.round(rawTime * this.timeToMs);
    if (atMs <= this.lastAt.data[vm]!) {
      const how = atMs === this.lastAt.data[vm] ? 'repeats' : 'is earlier than';
      throw new InputError(`timestamp ${f.str(this.timeColumn)} ${how} VM ${this.previousId}'s previous row (line ${this.lastLine.data[vm]}); each VM's timestamps must strictly increase`, { ...this.place, field: f.name(this.timeColumn) });
    }
    this.lastAt.data[vm] = atMs;
    this.lastLine.data[vm] = lineNo;
    const v = this.valueColumns;
    const cores = f.nonNegative(v[0]!, this.place);
    const capacity = f.nonNegative(v[1]!, this.place);
    const usage = f.nonNegative(v[2]!, this.place);
    const memCapacity = f.nonNegative(v[3]!, this.place);
    const memUsage = f.nonNegative(v[4]!, this.place);
    const m = this.maxima;
    if (cores > m[0]!.data[vm]!) m[0]!.data[vm] = cores;
    if (capacity > m[1]!.data[vm]!) m[1]!.data[vm] = capacity;
    if (memCapacity > m[2]!.data[vm]!) m[2]!.data[vm] = memCapacity;
    const io = this.ioColumns;
    this.builder!.addSampleIo(vm, atMs, usage, memUsage, this.io(io[0]!), this.io(io[1]!), this.io(io[2]!), this.io(io[3]!));
    this.rows++;
  }

  finish(): Workload {
    const builder = this.builder;
    if (!builder || this.rows === 0) {
      throw new InputError(builder ? 'no data rows (empty trace)' : 'empty file, expected a header row', { file: this.file, line: this.place.line + 1, field: 'vm_id' });
    }
    for (let vm = 0; vm < builder.vmCount; vm++) {
      builder.setSize(vm, { cores: this.maxima[0]!.data[vm]!, cpuCapacityMhz: this.maxima[1]!.data[vm]!, memoryMiB: this.maxima[2]!.data[vm]! });
    }
    return builder.build();
  }

  private io(column: number): number {
    return column < 0 ? 0 : this.fields.nonNegative(column, this.place);
  }

  /** The row's VM index; consecutive rows of one VM skip the map lookup. */
  private vmOf(f: ByteRowFields): number {
    if (this.previousVm >= 0 && f.equals(this.idColumn, this.previousId)) return this.previousVm;
    const id = f.required(this.idColumn, this.place);
    let vm = this.vmIndex.get(id);
    if (vm === undefined) {
      vm = this.builder!.addVm(id, { cores: 0, cpuCapacityMhz: 0, memoryMiB: 0 });
      this.vmIndex.set(id, vm);
      this.lastAt.push(Number.NEGATIVE_INFINITY);
      this.lastLine.push(0);
      for (const m of this.maxima) m.push(0);
    }
    this.previousId = id;
    this.previousVm = vm;
    return vm;
  }

  private readHeader(line: string): void {
    const other = foreignDelimiter(line, ',');
    if (other) throw new InputError(`wrong delimiter: expected "," but the header uses ${delimiterName(other)}`, { ...this.place, field: 'header' });
    const f = this.fields;
    f.names = [];
    f.split(line, ',', this.place);
    const names: string[] = [];
    for (let i = 0; i < f.count; i++) names.push(f.str(i).toLowerCase());
    f.names = names;
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new InputError(`column "${duplicate}" appears twice`, { ...this.place, field: duplicate });
    const need = (name: string): number => {
      const index = names.indexOf(name);
      if (index === -1) throw new InputError(`missing column "${name}" (header: ${names.join(',')})`, { ...this.place, field: name });
      return index;
    };
    this.idColumn = need('vm_id');
    const seconds = names.indexOf('timestamp_s');
    const millis = names.indexOf('timestamp_ms');
    if (seconds >= 0 && millis >= 0) throw new InputError('give timestamp_s or timestamp_ms, not both', { ...this.place, field: 'timestamp_ms' });
    if (seconds < 0 && millis < 0) throw new InputError('missing column "timestamp_s" (or "timestamp_ms")', { ...this.place, field: 'timestamp_s' });
    this.timeColumn = seconds >= 0 ? seconds : millis;
    this.timeToMs = seconds >= 0 ? 1000 : 1;
    this.valueColumns = VALUE_COLUMNS.map(need);
    this.ioColumns = IO_COLUMNS.map((name) => names.indexOf(name));
    const withIo = this.ioColumns.some((index) => index >= 0);
    this.builder = new WorkloadBuilder({ format: 'csv', sources: [this.file], defaultIntervalMs: 300_000, withIo });
  }
}
