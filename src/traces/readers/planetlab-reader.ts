import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256File, sha256Hex } from '../../common/checksum.js';
import { InputError } from '../../common/input-error.js';
import { parseDecimal } from '../number-parse.js';
import { asInputError, forEachLine, readHeadLines } from '../text-lines.js';
import { listFiles, pathKindOrNull, stemOf } from '../trace-files.js';
import { resolveReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** CoMon samples every 5 minutes; a file holds one day (288 values). */
const INTERVAL_MS = 300_000;
const VALUES_PER_DAY = 288;
const FIELD = 'cpu %';
const INTEGER_LINE = /^\s*\d+(\.\d+)?\s*$/;
/** Files up to this size are read whole (as forEachLine does); larger or gzip ones stream through it. */
const WHOLE_FILE_BYTES = 4 << 20;

export const planetlabReader: TraceReader = {
  format: 'planetlab',
  description: 'CoMon/PlanetLab (CloudSim): a folder of per-VM files, one CPU % per line every 300 s, no header',
  async detect(path) {
    if ((await pathKindOrNull(path)) !== 'dir') return false;
    const files = await listFiles(path).catch(() => []);
    if (files.length === 0 || files.some((file) => stemOf(file, '').includes('.'))) return false;
    const head = await readHeadLines(files[0]!, 3);
    return head.length >= 2 && head.slice(0, 2).every((line) => INTEGER_LINE.test(line));
  },
  sourceFiles,
  async read(path: string, options: TraceReadOptions): Promise<Workload> {
    const { planetlabVmTypes: types } = resolveReadOptions(options);
    const files = await sourceFiles(path);
    const builder = new WorkloadBuilder({
      format: 'planetlab',
      sources: files,
      defaultIntervalMs: INTERVAL_MS,
      epoch: false,
      sampleCapacityHint: files.length * VALUES_PER_DAY,
    });
    // CloudSim PlanetLabHelper: vmType = i / ceil(n / VM_TYPES).
    const perType = Math.ceil(files.length / types.length);
    let nonStandard = 0;
    let example = '';
    const sourceSha256: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const type = types[Math.floor(i / perType)]!;
      const vm = builder.addVm(stemOf(file, ''), { cores: 1, cpuCapacityMhz: type.cpuMhz, memoryMiB: type.memoryMiB });
      const sample = new VmSampler(file, builder, vm, type.cpuMhz, type.memoryMiB);
      // A day is ~700 bytes: one synchronous read per file, hashed from the bytes parsed, costs a
      // fraction of the thread-pool round trips of an async open/stat/read/close (and a second
      // read for the checksum run.json records).
      const bytes = readSmallPlainFile(file);
      if (bytes) {
        sourceSha256.push(sha256Hex(bytes));
        sample.text(bytes.toString('utf8'));
      } else {
        await forEachLine(file, (line, lineNo) => sample.line(line, 0, line.length, lineNo));
        sourceSha256.push(sha256File(file));
      }
      const count = sample.finish();
      builder.setEnd(vm, count * INTERVAL_MS);
      if (count !== VALUES_PER_DAY) {
        nonStandard++;
        example ||= `${basename(file)} has ${count}`;
      }
    }
    if (nonStandard > 0) builder.warn('non-standard-length', `files without exactly ${VALUES_PER_DAY} values are read as they are (e.g. ${example})`, nonStandard);
    return { ...builder.build(), sourceSha256 };
  },
};

async function sourceFiles(path: string): Promise<string[]> {
  const kind = await pathKindOrNull(path);
  if (kind !== 'dir') throw new InputError('planetlab expects a folder of per-VM files (one day)', { file: path });
  const files = await listFiles(path);
  if (files.length === 0) throw new InputError('no VM files in the folder (empty trace)', { file: path });
  return files;
}

/**
 * The bytes of a plain file of at most WHOLE_FILE_BYTES, or null for a gzip or larger file (read
 * by forEachLine instead). Failures are the InputErrors forEachLine gives (file not found, ...).
 */
function readSmallPlainFile(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw asInputError(error, file, 1);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > WHOLE_FILE_BYTES) return null;
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
    // Up to the size the stat gave, as readFile reads a regular file.
    let length = 0;
    while (length < size) {
      const n = readSync(fd, readBuffer, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length >= 2 && readBuffer[0] === 0x1f && readBuffer[1] === 0x8b) return null;
    return readBuffer.subarray(0, length);
  } catch (error) {
    throw asInputError(error, file, 1);
  } finally {
    closeSync(fd);
  }
}

/** One read buffer for every file (valid until the next read). */
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Adds one sample per line at k x 300 s. Lines are those of forEachLine (LF or CRLF ends, a
 * leading BOM removed, no line after a final newline), walked by index so that no string is
 * made per line.
 */
class VmSampler {
  private count = 0;
  private trailingBlank = 0;
  private lineNo = 0;

  constructor(
    private readonly file: string,
    private readonly builder: WorkloadBuilder,
    private readonly vm: number,
    private readonly cpuMhz: number,
    private readonly memoryMiB: number,
  ) {}

  /** Every line of a whole file's text, split as forEachLine splits it. */
  text(text: string): void {
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.emit(text, start, newline);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.emit(text, start, text.length);
  }

  private emit(text: string, start: number, end: number): void {
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (this.lineNo === 0 && text.charCodeAt(start) === 0xfeff) start++;
    this.lineNo++;
    this.line(text, start, end, this.lineNo);
  }

  /** One line, text[from, to), numbered lineNo. */
  line(text: string, from: number, to: number, lineNo: number): void {
    let start = from;
    let end = to;
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (start === end) {
      this.trailingBlank = lineNo;
      return;
    }
    const file = this.file;
    if (this.trailingBlank > 0) throw new InputError('blank line inside the series', { file, line: this.trailingBlank, field: FIELD });
    const percent = parseDecimal(text, start, end);
    if (!(percent >= 0 && percent <= 100)) {
      const line = text.slice(from, to);
      const shown = text.slice(start, end);
      const detail = Number.isNaN(percent)
        ? line.includes(',') || line.includes(';') ? `expected one value per line, found "${shown}"` : `not a number: "${shown}"`
        : percent < 0 ? `negative value ${shown}` : `CPU % above 100: ${shown}`;
      throw new InputError(detail, { file, line: lineNo, field: FIELD });
    }
    this.builder.addSampleIo(this.vm, this.count * INTERVAL_MS, (this.cpuMhz * percent) / 100, this.memoryMiB, 0, 0, 0, 0);
    this.count++;
  }

  /** The number of values; an InputError when there are none. */
  finish(): number {
    if (this.count === 0) throw new InputError('no values (empty file)', { file: this.file, line: 1, field: FIELD });
    return this.count;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
