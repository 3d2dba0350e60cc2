import { resolve } from 'node:path';
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
}

export interface LoadedTrace {
  workload: Workload;
  format: string;
  /** True when the workload came from the cache without parsing. */
  cached: boolean;
  /** True when the format was auto-detected. */
  detected: boolean;
}

/**
 * Reads a trace into the canonical workload, through the binary cache when a cache folder is
 * given. The cache is an accelerator only: an unreadable or stale cache file is ignored and a
 * failed cache write does not fail the load.
 */
export async function loadTrace(path: string, request: LoadTraceRequest): Promise<LoadedTrace> {
  const absolute = resolve(path);
  await pathKind(absolute);
  const options = resolveReadOptions(request.options);
  const detected = request.format === undefined;
  const reader = detected ? await detectTraceReader(absolute) : getTraceReader(request.format!);
  let key: string | null = null;
  if (request.cacheDir !== null) {
    key = await traceCacheKey(reader.format, options, await reader.sourceFiles(absolute));
    const cached = readTraceCache(request.cacheDir, key);
    if (cached) return { workload: cached, format: reader.format, cached: true, detected };
  }
  const workload = await reader.read(absolute, options);
  checkWorkloadSanity(workload);
  if (request.cacheDir !== null && key !== null) {
    try {
      writeTraceCache(request.cacheDir, key, workload);
    } catch {
      // A read-only or full cache folder only costs the next load a parse.
    }
  }
  return { workload, format: reader.format, cached: false, detected };
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
