import type { TraceReadOptions } from '../../../src/traces/trace-reader.js';

/** A VM as the reader must yield it; times in ms relative to the origin. */
export interface ExpectedVm {
  id: string;
  cores: number;
  cpuCapacityMhz: number;
  memoryMiB: number;
  gpus?: number;
  endAtMs: number;
  /** [atMs, cpuMhz, memoryMiB] per sample. */
  samples: [number, number, number][];
  /** [diskRead, diskWrite, netRx, netTx] KB/s per sample, when the format has I/O. */
  io?: [number, number, number, number][];
}

export interface ExpectedWorkload {
  originEpochMs: number;
  traceOriginMs: number;
  vms: ExpectedVm[];
  /** Warning code -> count; exactly these codes. */
  warnings: Record<string, number>;
  machines?: { ids: string[]; cores: number[]; memoryMiB: number[]; gpus: number[]; gpuModels?: string[] };
}

/** The five malformations every reader is checked against (or excused from, with a reason). */
export const REQUIRED_KINDS = ['truncated row', 'wrong column count', 'non-numeric', 'negative', 'unsorted'] as const;

export interface MalformedVariant {
  kind: string;
  /** File to change, relative to the fixture root. */
  file: string;
  /** Text formats: replace this 1-based line with `replace` (or drop it when replace is null). */
  line?: number;
  replace?: string | null;
  /** Text formats: the whole new content of the file. */
  content?: string;
  /** Binary formats: write the broken file's bytes. */
  bytes?: () => Uint8Array;
  /** Where the InputError must point: file (relative to the fixture root), line, field. */
  expect: { file: string; line?: number; field: string };
}

export interface ConformanceCase {
  name: string;
  format: string;
  /** Folder under test/fixtures/traces. */
  fixture: string;
  /** Path inside the fixture given to the reader ('' = the folder itself). */
  entry: string;
  options?: TraceReadOptions;
  expected: ExpectedWorkload;
  malformed: MalformedVariant[];
  /** Required kinds that cannot occur in this format, with the reason. */
  notApplicable?: Partial<Record<(typeof REQUIRED_KINDS)[number], string>>;
}
