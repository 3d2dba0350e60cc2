import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { parseDecimal } from '../number-parse.js';
import { forEachLine, readHeadLines } from '../text-lines.js';
import { listFiles, pathKindOrNull, stemOf } from '../trace-files.js';
import { resolveReadOptions, type TraceReader, type TraceReadOptions } from '../trace-reader.js';
import type { Workload } from '../workload.js';
import { WorkloadBuilder } from '../workload-builder.js';

/** CoMon samples every 5 minutes; a file holds one day (288 values). */
const INTERVAL_MS = 300_000;
const VALUES_PER_DAY = 288;
const FIELD = 'cpu %';
const INTEGER_LINE = /^\s*\d+(\.\d+)?\s*$/;

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
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const type = types[Math.floor(i / perType)]!;
      const vm = builder.addVm(stemOf(file, ''), { cores: 1, cpuCapacityMhz: type.cpuMhz, memoryMiB: type.memoryMiB });
      const count = await readVmFile(file, builder, vm, type.cpuMhz, type.memoryMiB);
      builder.setEnd(vm, count * INTERVAL_MS);
      if (count !== VALUES_PER_DAY) {
        nonStandard++;
        example ||= `${basename(file)} has ${count}`;
      }
    }
    if (nonStandard > 0) builder.warn('non-standard-length', `files without exactly ${VALUES_PER_DAY} values are read as they are (e.g. ${example})`, nonStandard);
    return builder.build();
  },
};

async function sourceFiles(path: string): Promise<string[]> {
  const kind = await pathKindOrNull(path);
  if (kind !== 'dir') throw new InputError('planetlab expects a folder of per-VM files (one day)', { file: path });
  const files = await listFiles(path);
  if (files.length === 0) throw new InputError('no VM files in the folder (empty trace)', { file: path });
  return files;
}

/** Adds one sample per line at k x 300 s; returns the number of values. */
async function readVmFile(file: string, builder: WorkloadBuilder, vm: number, cpuMhz: number, memoryMiB: number): Promise<number> {
  let count = 0;
  let trailingBlank = 0;
  await forEachLine(file, (line, lineNo) => {
    let start = 0;
    let end = line.length;
    while (start < end && isBlank(line.charCodeAt(start))) start++;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
    if (start === end) {
      trailingBlank = lineNo;
      return;
    }
    if (trailingBlank > 0) throw new InputError('blank line inside the series', { file, line: trailingBlank, field: FIELD });
    const percent = parseDecimal(line, start, end);
    if (!(percent >= 0 && percent <= 100)) {
      const text = line.slice(start, end);
      const detail = Number.isNaN(percent)
        ? line.includes(',') || line.includes(';') ? `expected one value per line, found "${text}"` : `not a number: "${text}"`
        : percent < 0 ? `negative value ${text}` : `CPU % above 100: ${text}`;
      throw new InputError(detail, { file, line: lineNo, field: FIELD });
    }
    builder.addSampleIo(vm, count * INTERVAL_MS, (cpuMhz * percent) / 100, memoryMiB, 0, 0, 0, 0);
    count++;
  });
  if (count === 0) throw new InputError('no values (empty file)', { file, line: 1, field: FIELD });
  return count;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
