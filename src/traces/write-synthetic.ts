import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { InputError } from '../common/input-error.js';
import { SyntheticVmStream, type SyntheticVm, type SynthOptions } from './synthetic-workload.js';
import { GENERIC_CSV_HEADER, genericCsvRows } from './write-generic-csv.js';
import { BITBRAINS_COLUMNS } from './readers/bitbrains-reader.js';

export type SynthFormat = 'csv' | 'bitbrains';

export interface SynthWriteOptions extends SynthOptions {
  /** `csv`: one generic csv file (gzipped when it ends in .gz); `bitbrains`: a folder of `<n>.csv`, one per VM. */
  format: SynthFormat;
  /** gzip level for a .gz output, 0-9 (default 9, the shipped trace's; 1 is about 20x faster). */
  gzipLevel?: number;
}

const BITBRAINS_HEADER = BITBRAINS_COLUMNS.join(';\t');

/**
 * Writes the seeded synthetic workload one VM at a time (memory does not grow with the number of
 * VMs or days) to a temp name renamed into place, so a failed run leaves nothing behind. The csv
 * output is byte for byte what writeGenericCsv(synthesizeWorkload(...)) writes. Returns the rows.
 */
export async function writeSynthetic(options: SynthWriteOptions, out: string): Promise<number> {
  const stream = new SyntheticVmStream(options);
  const temp = join(dirname(out), `.${out.split(/[\\/]/).pop()}.${process.pid}.tmp`);
  try {
    const rows = options.format === 'bitbrains' ? writeBitbrainsFolder(stream, options.vms, out, temp) : await writeCsv(stream, options, out, temp);
    renameSync(temp, out);
    return rows;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

async function writeCsv(stream: SyntheticVmStream, options: SynthWriteOptions, out: string, temp: string): Promise<number> {
  mkdirSync(dirname(out), { recursive: true });
  const file = createWriteStream(temp);
  const gzip = out.endsWith('.gz') ? createGzip({ level: options.gzipLevel ?? 9, chunkSize: 1 << 20 }) : null;
  const sink: Writable = gzip ?? file;
  gzip?.pipe(file);
  const failed = new Promise<never>((_, reject) => {
    file.on('error', reject);
    gzip?.on('error', reject);
  });
  const write = async (text: string): Promise<void> => {
    if (!sink.write(text)) await Promise.race([once(sink, 'drain'), failed]);
  };
  let rows = 0;
  await write(GENERIC_CSV_HEADER + '\n');
  for (let vm = 0; vm < options.vms; vm++) {
    const generated = stream.vm(vm);
    await write(genericCsvRows(generated.id, generated.cores, generated.cpuCapacityMhz, generated.memoryMiB, stream.atEpochMs, stream.cpuMhz, stream.memoryMiB, 0, stream.samplesPerVm));
    rows += stream.samplesPerVm;
  }
  sink.end();
  await Promise.race([once(file, 'close'), failed]);
  return rows;
}

function writeBitbrainsFolder(stream: SyntheticVmStream, vms: number, out: string, temp: string): number {
  if (existsSync(out)) throw new InputError('already exists; give a new folder for a bitbrains-format trace', { file: out });
  mkdirSync(temp, { recursive: true });
  let rows = 0;
  for (let vm = 0; vm < vms; vm++) {
    const generated = stream.vm(vm);
    writeFileSync(join(temp, `${vm + 1}.csv`), bitbrainsFile(generated, stream));
    rows += stream.samplesPerVm;
  }
  return rows;
}

/**
 * One VM in the GWA-T-12 layout: epoch seconds (under the `Timestamp [ms]` label, as in the real
 * trace), memory in KB, no I/O (zeros).
 */
function bitbrainsFile(vm: SyntheticVm, stream: SyntheticVmStream): string {
  const size = `;\t${vm.cores};\t${vm.cpuCapacityMhz};\t`;
  const memoryKB = `;\t${vm.memoryMiB * 1024};\t`;
  let text = BITBRAINS_HEADER + '\n';
  for (let k = 0; k < stream.samplesPerVm; k++) {
    const usage = Math.round(stream.cpuMhz[k]! * 10) / 10;
    const percent = vm.cpuCapacityMhz > 0 ? Math.round((usage / vm.cpuCapacityMhz) * 100_000) / 1000 : 0;
    text += stream.atEpochMs[k]! / 1000 + size + usage + ';\t' + percent + memoryKB + stream.memoryMiB[k]! * 1024 + ';\t0;\t0;\t0;\t0\n';
  }
  return text;
}
