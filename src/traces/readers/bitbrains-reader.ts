import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { forEachLineBytes, isBlankBytes } from '../byte-lines.js';
import { ByteRowFields } from '../byte-row-fields.js';
import { delimiterName, foreignDelimiter, type RowPlace } from '../row-fields.js';
import { readHeadLines } from '../text-lines.js';
import { hasExtension, listFiles, pathKind, stemOf } from '../trace-files.js';
import type { TraceReader, TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** GWA-T-12 column names, in file order; matched case-insensitively after trimming. */
export const BITBRAINS_COLUMNS = [
  'Timestamp [ms]',
  'CPU cores',
  'CPU capacity provisioned [MHZ]',
  'CPU usage [MHZ]',
  'CPU usage [%]',
  'Memory capacity provisioned [KB]',
  'Memory usage [KB]',
  'Disk read throughput [KB/s]',
  'Disk write throughput [KB/s]',
  'Network received throughput [KB/s]',
  'Network transmitted throughput [KB/s]',
] as const;
const COLUMNS = BITBRAINS_COLUMNS;
/** Value columns merged and kept, by COLUMNS index (CPU usage [%] is derived, so unused). */
const VALUE_COLUMNS = [1, 2, 3, 5, 6, 7, 8, 9, 10] as const;
const [CORES, CAPACITY, USAGE, MEM_CAP, MEM_USE, DISK_R, DISK_W, NET_RX, NET_TX] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
/** Timestamps at or above this are taken as ms: in seconds it would be the year 5138. */
const MS_THRESHOLD = 1e11;
const KIB = 1024;

export const bitbrainsReader: TraceReader = {
  format: 'bitbrains',
  description: 'GWA-T-12 Bitbrains (fastStorage, Rnd): one ";"-separated CSV per VM, epoch-second timestamps',
  async detect(path) {
    const files = await candidateFiles(path).catch(() => []);
    if (files.length === 0) return false;
    const [header] = await readHeadLines(files[0]!, 1);
    return header !== undefined && /^\s*"?timestamp \[ms\]"?\s*;/i.test(header);
  },
  sourceFiles,
  async read(path: string, _options: TraceReadOptions): Promise<Workload> {
    const files = await sourceFiles(path);
    const builder = new WorkloadBuilder({ format: 'bitbrains', sources: files, defaultIntervalMs: 300_000, withIo: true, sampleCapacityHint: await rowEstimate(files) });
    const parser = new VmFileParser(builder);
    for (const file of files) await parser.readVm(file);
    return builder.build();
  },
};

async function sourceFiles(path: string): Promise<string[]> {
  const files = await candidateFiles(path);
  if (files.length === 0) throw new InputError('no .csv files found', { file: path });
  return files;
}

async function candidateFiles(path: string): Promise<string[]> {
  const kind = await pathKind(path);
  if (kind === 'file') return [path];
  return (await listFiles(path)).filter((file) => hasExtension(file, '.csv'));
}

/** Rows the plain files can hold at about 60 bytes a row (gzip files: not guessed), to size the arrays once. */
async function rowEstimate(files: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) if (!hasGzipName(file)) bytes += (await stat(file)).size;
  return Math.ceil(bytes / 60);
}

function hasGzipName(file: string): boolean {
  return file.toLowerCase().endsWith('.gz');
}

/** Parses one VM file; keeps the row being merged in plain fields (no per-row objects). */
class VmFileParser {
  private readonly fields = new ByteRowFields();
  private readonly place: RowPlace = { file: '', line: 0 };
  private readonly pending = new Float64Array(VALUE_COLUMNS.length);
  private readonly max = new Float64Array(VALUE_COLUMNS.length);
  private columnIndex: number[] = [];
  private vm = 0;
  private pendingT = Number.NaN;
  private pendingLine = 0;
  private timeScale = 1000;
  private skipLeadingZeroCores = true;
  private skipped = 0;
  private duplicates = 0;
  private firstDuplicateLine = 0;
  private sizeChanged = false;
  private firstCores = Number.NaN;
  private firstMemCap = Number.NaN;

  constructor(private readonly builder: WorkloadBuilder) {}

  async readVm(file: string): Promise<void> {
    this.vm = this.builder.addVm(stemOf(file, '.csv'), { cores: 0, cpuCapacityMhz: 0, memoryMiB: 0 });
    await this.parse(file, true);
    if (this.builder.vmSampleCount(this.vm) === 0 && this.skipped > 0) {
      // Every row has 0 cores: keep them all rather than drop the VM.
      this.builder.warn('zero-core-vm', `a VM whose rows all have 0 cores keeps all its rows and a size of 0 (e.g. ${basename(file)})`);
      await this.parse(file, false);
    } else if (this.skipped > 0) {
      this.builder.warn('zero-core-leading', `rows before a VM's first row with CPU cores > 0 are dropped: the VM starts there (e.g. ${basename(file)})`, this.skipped);
    }
    if (this.duplicates > 0) {
      this.builder.warn('duplicate-timestamp', `rows repeating the previous row's timestamp are merged into one sample, taking each column's maximum (e.g. ${basename(file)} line ${this.firstDuplicateLine})`, this.duplicates);
    }
    if (this.sizeChanged) {
      this.builder.warn('size-change', `a VM whose cores or memory capacity change gets the per-VM maximum as its size (e.g. ${basename(file)})`);
    }
    this.builder.setSize(this.vm, { cores: this.max[CORES]!, cpuCapacityMhz: this.max[CAPACITY]!, memoryMiB: this.max[MEM_CAP]! / KIB });
  }

  private async parse(file: string, skipLeadingZeroCores: boolean): Promise<void> {
    this.place.file = file;
    this.pendingT = Number.NaN;
    this.skipLeadingZeroCores = skipLeadingZeroCores;
    this.skipped = 0;
    this.duplicates = 0;
    this.sizeChanged = false;
    this.firstCores = Number.NaN;
    this.firstMemCap = Number.NaN;
    this.max.fill(0);
    const lines = await forEachLineBytes(file, (bytes, start, end, lineNo) => this.onLine(bytes, start, end, lineNo));
    if (Number.isNaN(this.pendingT)) throw new InputError('no data rows (empty trace)', { file, line: lines + 1, field: COLUMNS[0] });
    this.flush();
  }

  private onLine(bytes: Buffer, start: number, end: number, lineNo: number): void {
    this.place.line = lineNo;
    if (lineNo === 1) return this.readHeader(bytes.toString('utf8', start, end));
    if (isBlankBytes(bytes, start, end)) return;
    const f = this.fields;
    f.splitNumericBytes(bytes, start, end, 59, this.place);
    f.expectCount(f.names.length, this.place);
    const ti = this.columnIndex[0]!;
    const raw = f.nonNegativeInt(ti, this.place);
    if (Number.isNaN(this.pendingT)) this.timeScale = raw >= MS_THRESHOLD ? 1 : 1000;
    const t = raw * this.timeScale;
    if (t === this.pendingT) {
      if (this.duplicates === 0) this.firstDuplicateLine = lineNo;
      this.duplicates++;
      for (let c = 0; c < VALUE_COLUMNS.length; c++) {
        const value = f.nonNegative(this.columnIndex[VALUE_COLUMNS[c]!]!, this.place);
        if (value > this.pending[c]!) this.pending[c] = value;
      }
      return;
    }
    if (t < this.pendingT) {
      throw new InputError(`timestamp ${raw} is earlier than the previous row's (line ${this.pendingLine})`, { ...this.place, field: COLUMNS[0] });
    }
    if (!Number.isNaN(this.pendingT)) this.flush();
    this.pendingT = t;
    this.pendingLine = lineNo;
    for (let c = 0; c < VALUE_COLUMNS.length; c++) this.pending[c] = f.nonNegative(this.columnIndex[VALUE_COLUMNS[c]!]!, this.place);
  }

  private flush(): void {
    const p = this.pending;
    if (p[CORES] === 0 && this.skipLeadingZeroCores && this.builder.vmSampleCount(this.vm) === 0) {
      this.skipped++;
      return;
    }
    if (p[CORES]! > 0) {
      if (Number.isNaN(this.firstCores)) {
        this.firstCores = p[CORES]!;
        this.firstMemCap = p[MEM_CAP]!;
      } else if (p[CORES] !== this.firstCores || p[MEM_CAP] !== this.firstMemCap) {
        this.sizeChanged = true;
      }
    }
    for (let c = 0; c < p.length; c++) if (p[c]! > this.max[c]!) this.max[c] = p[c]!;
    this.builder.addSampleIo(this.vm, this.pendingT, p[USAGE]!, p[MEM_USE]! / KIB, p[DISK_R]!, p[DISK_W]!, p[NET_RX]!, p[NET_TX]!);
  }

  private readHeader(line: string): void {
    const other = foreignDelimiter(line, ';');
    if (other) {
      throw new InputError(`wrong delimiter: expected ";" (semicolon + TAB) but the header uses ${delimiterName(other)}`, { ...this.place, field: 'header' });
    }
    const f = this.fields;
    f.names = [];
    f.split(line, ';', this.place);
    const names: string[] = [];
    for (let i = 0; i < f.count; i++) names.push(f.str(i));
    f.names = names;
    const lower = names.map((name) => name.toLowerCase());
    this.columnIndex = COLUMNS.map((column) => lower.indexOf(column.toLowerCase()));
    const missing = COLUMNS.filter((column, i) => this.columnIndex[i] === -1 && column !== 'CPU usage [%]');
    if (missing.length > 0) {
      throw new InputError(`missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${names.map((n) => `"${n}"`).join(', ')}`, { ...this.place, field: missing[0]! });
    }
  }
}
