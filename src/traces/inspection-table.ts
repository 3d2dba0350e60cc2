import type { Quantiles, TraceInspection } from './inspect.js';

/** The inspection as an aligned two-column text table (the CLI's human output). */
export function renderInspectionTable(inspection: TraceInspection): string {
  const i = inspection;
  const rows: [string, string][] = [
    ['format', i.format],
    ['source files', int(i.sourceFiles)],
    ['entities', int(i.entities)],
    ['hosts described', int(i.hosts)],
    ['samples', int(i.samples)],
    ['start', timeLabel(i.startSeconds, i.epoch)],
    ['end', timeLabel(i.endSeconds, i.epoch)],
    ['span', duration(i.spanSeconds)],
    ['sampling interval (median)', i.samplingIntervalSeconds === null ? '-' : `${fixed(i.samplingIntervalSeconds, 0)} s`],
    ['provisioned cores', fixed(i.cpu.provisionedCores, 1)],
    ['provisioned CPU', `${fixed(i.cpu.provisionedMhz, 1)} MHz`],
    ['CPU demand', `${fixed(i.cpu.demandMhzHours, 1)} MHz·h`],
    ['peak CPU demand', `${fixed(i.cpu.peakDemandMhz, 1)} MHz at ${timeLabel(i.cpu.peakAtSeconds, i.epoch)}`],
    ['mean CPU utilization', percent(i.cpu.meanUtilization)],
    ['provisioned memory', `${fixed(i.memory.provisionedMiB, 1)} MiB`],
    ['memory demand', `${fixed(i.memory.demandMiBHours, 1)} MiB·h`],
    ['peak memory demand', `${fixed(i.memory.peakDemandMiB, 1)} MiB at ${timeLabel(i.memory.peakAtSeconds, i.epoch)}`],
    ['GPUs requested', fixed(i.gpus, 2)],
    ['cores per entity', quantileLabel(i.sizes.cores, (v) => fixed(v, 2))],
    ['memory per entity (MiB)', quantileLabel(i.sizes.memoryMiB, (v) => fixed(v, 0))],
    ['mean utilization per entity', quantileLabel(i.meanUtilization, percent)],
    ['gaps (> 2x median step)', i.gaps.count === 0 ? '0' : `${int(i.gaps.count)}, longest ${duration(i.gaps.longestSeconds)}`],
    ['duplicate timestamps', int(i.anomalies.duplicateTimestamps)],
    ['zero-core entities', int(i.anomalies.zeroCoreEntities)],
    ['zero-memory entities', int(i.anomalies.zeroMemoryEntities)],
    ['entities without samples', int(i.anomalies.entitiesWithoutSamples)],
    ['zero-duration entities', int(i.anomalies.zeroDurationEntities)],
    ['samples above capacity', int(i.anomalies.samplesAboveCapacity)],
  ];
  if (i.machines) {
    rows.push(['host cores', fixed(i.machines.cores, 1)], ['host memory', `${fixed(i.machines.memoryMiB, 0)} MiB`], ['host GPUs', fixed(i.machines.gpus, 0)]);
  }
  for (const warning of i.warnings) rows.push([`warning ${warning.code}`, `${int(warning.count)}: ${warning.message}`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}

/** Whole number with thousands separators (locale-free). */
function int(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)} %`;
}

function quantileLabel(q: Quantiles | null, format: (v: number) => string): string {
  if (!q) return '-';
  return `min ${format(q.min)}  p25 ${format(q.p25)}  median ${format(q.median)}  p75 ${format(q.p75)}  p95 ${format(q.p95)}  max ${format(q.max)}`;
}

/** Epoch seconds as an ISO UTC time; relative seconds as such. */
function timeLabel(seconds: number, epoch: boolean): string {
  if (!epoch) return `${fixed(seconds, 0)} s`;
  return `${isoUtc(seconds)} (${fixed(seconds, 0)})`;
}

/** Epoch seconds as YYYY-MM-DDTHH:MM:SSZ (proleptic Gregorian, Hinnant's civil_from_days). */
export function isoUtc(epochSeconds: number): string {
  const total = Math.floor(epochSeconds);
  const days = Math.floor(total / 86400);
  const secondOfDay = total - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number, width = 2) => n.toString().padStart(width, '0');
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hh)}:${pad(mm)}:${pad(secondOfDay % 60)}Z`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${fixed(seconds, 0)} s`;
  if (seconds < 2 * 3600) return `${fixed(seconds / 60, 1)} min`;
  if (seconds < 2 * 86400) return `${fixed(seconds / 3600, 1)} h`;
  return `${fixed(seconds / 86400, 2)} d`;
}
