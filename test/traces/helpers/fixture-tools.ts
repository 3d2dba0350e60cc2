import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { InputError } from '../../../src/common/input-error.js';
import type { Workload } from '../../../src/traces/workload.js';
import type { ExpectedWorkload, MalformedVariant } from '../cases/conformance-case.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/traces/', import.meta.url));
/** The shared real traces beside the repository (never copied into it). */
export const SHARED_TRACES = fileURLToPath(new URL('../../../../shared/traces/', import.meta.url));

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rackplan-${label}-`));
}

/** A private copy of a fixture folder, so tests can change files freely. */
export function copyFixture(fixture: string): string {
  const root = tempDir('fixture');
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  return root;
}

/** Applies a malformed variant to a fixture copy. */
export function applyVariant(root: string, variant: MalformedVariant): void {
  const path = join(root, variant.file);
  if (variant.bytes) {
    writeFileSync(path, variant.bytes());
    return;
  }
  if (variant.content !== undefined) {
    writeFileSync(path, variant.content);
    return;
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = variant.line! - 1;
  if (index >= lines.length) throw new Error(`variant ${variant.kind}: ${variant.file} has no line ${variant.line}`);
  if (variant.replace === null) lines.splice(index, 1);
  else lines[index] = variant.replace!;
  writeFileSync(path, lines.join('\n'));
}

/** Gzips the files in place, keeping (or appending `.gz` to) their names. */
export function gzipFiles(files: readonly string[], rename: boolean): void {
  for (const file of files) {
    writeFileSync(file, gzipSync(readFileSync(file)));
    if (rename) renameSync(file, `${file}.gz`);
  }
}

/** Expects `run` to reject with an InputError naming the file (relative to root), line and field. */
export async function expectInputError(run: () => Promise<unknown>, root: string, where: { file: string; line?: number | 'any'; field: string }): Promise<InputError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an InputError').toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect(error.file && relative(root, error.file).split(sep).join('/'), error.message).toBe(where.file);
  if (where.line === 'any') expect(error.line, error.message).toBeGreaterThanOrEqual(1);
  else expect(error.line, error.message).toBe(where.line);
  expect(error.field, error.message).toBe(where.field);
  expect(error.message).toContain(error.detail);
  return error;
}

/** Every array of the workload against the hand-computed expectation. */
export function expectWorkload(w: Workload, expected: ExpectedWorkload): void {
  const vms = expected.vms;
  expect(w.vmIds).toEqual(vms.map((vm) => vm.id));
  expect(w.vmCount).toBe(vms.length);
  expect(w.originEpochMs).toBe(expected.originEpochMs);
  expect(w.traceOriginMs).toBe(expected.traceOriginMs);
  expect(Array.from(w.cores)).toEqual(vms.map((vm) => vm.cores));
  expect(Array.from(w.cpuCapacityMhz)).toEqual(vms.map((vm) => vm.cpuCapacityMhz));
  expect(Array.from(w.memoryMiB)).toEqual(vms.map((vm) => vm.memoryMiB));
  expect(Array.from(w.gpus)).toEqual(vms.map((vm) => vm.gpus ?? 0));
  expect(Array.from(w.endAtMs)).toEqual(vms.map((vm) => vm.endAtMs));
  const starts = [0];
  for (const vm of vms) starts.push(starts[starts.length - 1]! + vm.samples.length);
  expect(Array.from(w.sampleStart)).toEqual(starts);
  const samples = vms.flatMap((vm) => vm.samples);
  expect(Array.from(w.sampleAtMs)).toEqual(samples.map((s) => s[0]));
  expect(Array.from(w.sampleCpuMhz)).toEqual(samples.map((s) => Math.fround(s[1])));
  expect(Array.from(w.sampleMemoryMiB)).toEqual(samples.map((s) => Math.fround(s[2])));
  if (vms.some((vm) => vm.io)) {
    const io = vms.flatMap((vm) => vm.io!);
    expect(w.io).not.toBeNull();
    expect(Array.from(w.io!.diskReadKBps)).toEqual(io.map((r) => Math.fround(r[0])));
    expect(Array.from(w.io!.diskWriteKBps)).toEqual(io.map((r) => Math.fround(r[1])));
    expect(Array.from(w.io!.netRxKBps)).toEqual(io.map((r) => Math.fround(r[2])));
    expect(Array.from(w.io!.netTxKBps)).toEqual(io.map((r) => Math.fround(r[3])));
  } else {
    expect(w.io).toBeNull();
  }
  expect(Object.fromEntries(w.warnings.map((x) => [x.code, x.count]))).toEqual(expected.warnings);
  for (const warning of w.warnings) expect(warning.message.length).toBeGreaterThan(20);
  if (expected.machines) {
    const m = expected.machines;
    expect(w.machines).not.toBeNull();
    expect(w.machines!.ids).toEqual(m.ids);
    expect(Array.from(w.machines!.cores)).toEqual(m.cores);
    expect(Array.from(w.machines!.memoryMiB)).toEqual(m.memoryMiB);
    expect(Array.from(w.machines!.gpus)).toEqual(m.gpus);
    if (m.gpuModels) expect(w.machines!.gpuModels).toEqual(m.gpuModels);
  } else {
    expect(w.machines).toBeNull();
  }
}

/**
 * A workload without its source paths, to compare reads of different copies; warning
 * messages name an example file, so a `.gz` suffix there is dropped too.
 */
export function withoutSources(w: Workload): Omit<Workload, 'sources' | 'sourceSha256'> {
  // A reader's checksums are of its source files' bytes, which differ once gzipped.
  const { sources: _sources, sourceSha256: _sourceSha256, ...rest } = w;
  return { ...rest, warnings: w.warnings.map((x) => ({ ...x, message: x.message.replaceAll('.gz', '') })) };
}

/**
 * Bit-for-bit equality of two workloads: every typed array has the same type, length and bytes,
 * every other field is deeply equal (fast enough for millions of samples).
 */
export function expectSameWorkload(actual: Workload, expected: Workload): void {
  const arrays = (w: Workload): [string, ArrayBufferView][] => {
    const out: [string, ArrayBufferView][] = [];
    const walk = (prefix: string, value: unknown): void => {
      if (ArrayBuffer.isView(value)) out.push([prefix, value]);
      else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    };
    walk('', w);
    return out.sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const a = arrays(actual);
  const e = arrays(expected);
  expect(a.map(([name, v]) => [name, v.constructor.name, v.byteLength])).toEqual(e.map(([name, v]) => [name, v.constructor.name, v.byteLength]));
  a.forEach(([name, view], i) => {
    const other = e[i]![1];
    const equal = Buffer.from(view.buffer, view.byteOffset, view.byteLength).equals(Buffer.from(other.buffer, other.byteOffset, other.byteLength));
    expect(equal, `${name} differs`).toBe(true);
  });
  const scalars = (w: Workload): unknown => JSON.parse(JSON.stringify(w, (_k, v: unknown) => (ArrayBuffer.isView(v) ? undefined : v)));
  expect(scalars(actual)).toEqual(scalars(expected));
}
