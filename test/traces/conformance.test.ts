import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../src/common/checksum.js';
import { detectTraceReader, loadTrace } from '../../src/traces/load-trace.js';
import { getTraceReader, traceFormatIds } from '../../src/traces/registry.js';
import { alibabaContainersCase, alibabaGpuCase, alibabaMachinesCase, googleEventsCase, googleUsageCase } from './cases/cluster-cases.js';
import { REQUIRED_KINDS, type ConformanceCase } from './cases/conformance-case.js';
import { opendcV1Case, opendcV2Case } from './cases/opendc-cases.js';
import { azureCase, bitbrainsCase, csvCase, planetlabCase, swfCase } from './cases/text-cases.js';
import { applyVariant, copyFixture, expectInputError, expectWorkload, gzipFiles, tempDir, withoutSources } from './helpers/fixture-tools.js';

/**
 * The conformance kit: every reader passes the same checks on tiny hand-made fixtures -
 * exact records, every malformation pointing at file/line/field, gzip = plain, cache
 * round-trip = fresh parse, auto-detection, and a cut gzip file.
 */
const CASES: ConformanceCase[] = [
  alibabaMachinesCase,
  alibabaContainersCase,
  alibabaGpuCase,
  azureCase,
  bitbrainsCase,
  csvCase,
  googleEventsCase,
  googleUsageCase,
  opendcV1Case,
  opendcV2Case,
  planetlabCase,
  swfCase,
];

it('has at least one conformance case for every registered format', () => {
  expect([...new Set(CASES.map((c) => c.format))].sort()).toEqual(traceFormatIds());
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const reader = getTraceReader(c.format);
  const open = () => {
    const root = copyFixture(c.fixture);
    return { root, path: join(root, c.entry) };
  };

  it('reads the exact expected records', async () => {
    const { path } = open();
    expectWorkload(await reader.read(path, c.options ?? {}), c.expected);
  });

  it('is auto-detected as its format and only that', async () => {
    const { path } = open();
    expect((await detectTraceReader(path)).format).toBe(c.format);
  });

  it('lists its source files in a stable order, all inside the trace', async () => {
    const { root, path } = open();
    const files = await reader.sourceFiles(path);
    expect(files.length).toBeGreaterThan(0);
    expect(await reader.sourceFiles(path)).toEqual(files);
    for (const file of files) {
      expect(existsSync(file)).toBe(true);
      expect(relative(root, file).startsWith('..')).toBe(false);
    }
    const workload = await reader.read(path, c.options ?? {});
    expect([...workload.sources].sort()).toEqual([...files].sort());
  });

  it('covers every required malformation or says why it cannot occur', () => {
    for (const kind of REQUIRED_KINDS) {
      const covered = c.malformed.some((v) => v.kind === kind);
      const reason = c.notApplicable?.[kind];
      expect(covered || (reason !== undefined && reason.length > 20), `${c.name}: ${kind}`).toBe(true);
    }
  });

  it.each(c.malformed.map((v) => [v.kind, v] as const))('rejects a %s with file, line and field', async (_kind, variant) => {
    const { root, path } = open();
    applyVariant(root, variant);
    await expectInputError(() => reader.read(path, c.options ?? {}), root, variant.expect);
  });

  it('reads gzip input (same names, and with .gz appended) exactly like plain input', async () => {
    const plain = open();
    const expected = withoutSources(await reader.read(plain.path, c.options ?? {}));
    for (const rename of [false, true]) {
      const copy = open();
      const files = await reader.sourceFiles(copy.path);
      gzipFiles(files, rename);
      const entry = rename && c.entry ? `${copy.path}.gz` : copy.path;
      const gz = await reader.read(entry, c.options ?? {});
      expect(withoutSources(gz)).toStrictEqual(expected);
      expect((await detectTraceReader(entry)).format).toBe(c.format);
      expect(gz.sources.every((file) => readFileSync(file)[0] === 0x1f)).toBe(true);
      if (gz.sourceSha256) expect(gz.sourceSha256).toEqual(gz.sources.map((file) => sha256File(file)));
    }
  });

  it('gives, if any, the sha256 of each source file as it is on disk', async () => {
    const { path } = open();
    const workload = await reader.read(path, c.options ?? {});
    // planetlab hashes the bytes it parses (a day is 1,052 small files: no second read of each).
    if (c.format === 'planetlab') expect(workload.sourceSha256).toBeDefined();
    if (workload.sourceSha256) expect(workload.sourceSha256).toEqual(workload.sources.map((file) => sha256File(file)));
  });

  it('rejects a cut gzip file with an InputError naming it', async () => {
    const { root, path } = open();
    const [first] = await reader.sourceFiles(path);
    const zipped = gzipSync(readFileSync(first!));
    writeFileSync(first!, zipped.subarray(0, Math.max(12, zipped.length - 12)));
    await expectInputError(() => reader.read(path, c.options ?? {}), root, { file: relative(root, first!), line: 'any', field: 'gzip' });
  });

  it('round-trips through the binary cache exactly, outside the trace folder', async () => {
    const { root, path } = open();
    const cacheDir = tempDir('cache');
    const fresh = await reader.read(path, c.options ?? {});
    const first = await loadTrace(path, { format: c.format, cacheDir, ...(c.options ? { options: c.options } : {}) });
    const second = await loadTrace(path, { format: c.format, cacheDir, ...(c.options ? { options: c.options } : {}) });
    expect([first.cached, second.cached]).toEqual([false, true]);
    // The loader adds each source's sha256 (kept in the cache so cached runs read no raw byte).
    const withChecksums = { ...fresh, sourceSha256: fresh.sources.map((source) => sha256File(source)) };
    expect(second.workload).toStrictEqual(withChecksums);
    expect(first.workload).toStrictEqual(withChecksums);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    expect(readdirSync(root, { recursive: true }).some((name) => String(name).endsWith('.bin'))).toBe(false);
  });
});
