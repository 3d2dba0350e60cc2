import { resolve } from 'node:path';
import { FileChecksumCache } from '../common/checksum.js';
import { checkWorkloadSanity } from './workload-sanity.js';
import { InputError } from '../common/input-error.js';
import { getTraceReader, traceFormatIds, traceReaders } from './registry.js';
import { readTraceCache, traceCacheKey, writeTraceCache } from './trace-cache.js';
import { pathKind } from './trace-files.js';
import { resolveReadOptions, type TraceReader, type TraceReadOptions } from './trace-reader.js';
import type { Workload } from './workload.js';

export interface LoadTraceRequest {
  /** Reader id; auto-detected from the content when absent. */
  format?: string;
  /** Folder for the binary cache (created when missing); null disables the cache. */
  cacheDir: string | null;
  options?: TraceReadOptions;
  /** Hears why the cache could not be used (e.g. cannot be written); the CLI prints it. */
  onWarning?: (message: string) => void;
  /** A cached workload is read straight into SharedArrayBuffers (for worker threads to share). */
  shared?: boolean;
}

export interface LoadedTrace {
  workload: Workload;
  format: string;
  /** True when the workload came from the cache without parsing. */
  cached: boolean;
  /** True when the format was auto-detected. */
  detected: boolean;
  /** Problems with the cache that did not fail the load (also given to onWarning). */
  warnings: string[];
}

/**
 * Reads a trace into the canonical workload, through the binary cache when a cache folder is
 * given. The cache is an accelerator only: an unreadable or stale cache file is ignored and a
 * failed cache write does not fail the load, but is reported as a warning. With a cache folder
 * the workload carries its sources' sha256 (computed once per file version, kept in the cache),
 * so a cached load reads no raw trace byte.
 */
export async function loadTrace(path: string, request: LoadTraceRequest): Promise<LoadedTrace> {
  const absolute = resolve(path);
  await pathKind(absolute);
  const options = resolveReadOptions(request.options);
  const detected = request.format === undefined;
  const reader = detected ? await detectTraceReader(absolute) : getTraceReader(request.format!);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    request.onWarning?.(message);
  };
  const cacheDir = request.cacheDir;
  if (cacheDir === null) {
    const workload = await reader.read(absolute, options);
    checkWorkloadSanity(workload);
    return { workload, format: reader.format, cached: false, detected, warnings };
  }
  const key = await traceCacheKey(reader.format, options, await reader.sourceFiles(absolute));
  const cached = readTraceCache(cacheDir, key, request.shared === true);
  if (cached) return { workload: cached, format: reader.format, cached: true, detected, warnings };
  const parsed = await reader.read(absolute, options);
  checkWorkloadSanity(parsed);
  const checksums = new FileChecksumCache(cacheDir, warn);
  const workload: Workload = { ...parsed, sourceSha256: parsed.sources.map((source) => checksums.of(source)) };
  try {
    writeTraceCache(cacheDir, key, workload);
  } catch (error) {
    warn(`cannot write the trace cache in ${cacheDir} (${(error as Error).message}); the next run parses the trace again`);
  }
  return { workload, format: reader.format, cached: false, detected, warnings };
}

/** The one reader whose detect() accepts the path; an InputError when none or several do. */
export async function detectTraceReader(path: string): Promise<TraceReader> {
  const readers = traceReaders();
  const verdicts = await Promise.all(readers.map((reader) => reader.detect(path).catch(() => false)));
  const matches = readers.filter((_, i) => verdicts[i]);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new InputError(`cannot tell the trace format; pass --format with one of: ${traceFormatIds().join(', ')}`, { file: path, field: 'format' });
  }
  throw new InputError(`the trace matches several formats (${matches.map((m) => m.format).join(', ')}); pass --format with one of them`, { file: path, field: 'format' });
}
