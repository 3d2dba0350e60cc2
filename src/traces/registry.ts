import { InputError } from '../common/input-error.js';
import { alibaba2018Reader } from './readers/alibaba-2018-reader.js';
import { alibabaGpuReader } from './readers/alibaba-gpu-reader.js';
import { azureReader } from './readers/azure-reader.js';
import { bitbrainsReader } from './readers/bitbrains-reader.js';
import { csvReader } from './readers/csv-reader.js';
import { google2011Reader } from './readers/google-2011-reader.js';
import { opendcReader } from './readers/opendc-reader.js';
import { planetlabReader } from './readers/planetlab-reader.js';
import { swfReader } from './readers/swf-reader.js';
import type { TraceReader } from './trace-reader.js';

/** Every reader, in id order; ids are the stable `--format` names. */
const READERS: readonly TraceReader[] = [
  alibaba2018Reader,
  alibabaGpuReader,
  azureReader,
  bitbrainsReader,
  csvReader,
  google2011Reader,
  opendcReader,
  planetlabReader,
  swfReader,
].sort((a, b) => (a.format < b.format ? -1 : a.format > b.format ? 1 : 0));

export function traceReaders(): readonly TraceReader[] {
  return READERS;
}

export function traceFormatIds(): string[] {
  return READERS.map((reader) => reader.format);
}

/** The reader for a format id; an unknown id is an InputError listing the valid ones. */
export function getTraceReader(format: string, where: { file?: string; field?: string } = { field: 'format' }): TraceReader {
  const reader = READERS.find((candidate) => candidate.format === format);
  if (!reader) throw new InputError(`unknown trace format "${format}"; valid formats: ${traceFormatIds().join(', ')}`, where);
  return reader;
}

/** Whether a workload of this format is deferrable unless a scenario says otherwise (batch formats: swf, alibaba-gpu-2023). */
export function deferrableByDefault(format: string): boolean {
  return READERS.find((candidate) => candidate.format === format)?.batchWork === true;
}
