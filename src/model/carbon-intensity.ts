import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';
import { forEachCsvRow } from '../common/small-csv.js';

export const CARBON_INTENSITY_HEADER = 'timestamp,gco2_per_kwh';

/** One year of 365 days, in seconds: the period an intensity file repeats with. */
export const CARBON_YEAR_SECONDS = 365 * 24 * 3600;

/** Anything above this is a unit mistake (the dirtiest grids are near 1,000 gCO2/kWh). */
const MAX_GCO2_PER_KWH = 5000;

/**
 * A grid's carbon intensity as a step function of absolute time: each row holds from its
 * timestamp until the next row's; after the last row the value is held until the year wraps
 * (see intensityAt).
 */
export interface CarbonIntensity {
  /** The file it was read from. */
  readonly file: string;
  /** Row times, Unix epoch seconds, strictly increasing. */
  readonly epochSeconds: Float64Array;
  /** gCO2 per kWh from each row's time on. */
  readonly gco2PerKWh: Float64Array;
}

/**
 * Reads `timestamp,gco2_per_kwh` rows (header required; blank lines and `#` comments skipped).
 * A timestamp is ISO-8601 in UTC with an explicit `Z` (`2023-01-01T00:00:00Z`, seconds and
 * fractions optional) or Unix epoch seconds. Times must increase strictly and span less than a
 * year (the file repeats yearly). A bad row is an InputError naming the file, line and field.
 */
export function readCarbonIntensity(path: string): CarbonIntensity {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('cannot read carbon-intensity file', { file: path });
  }
  const times: number[] = [];
  const values: number[] = [];
  let sawHeader = false;
  forEachCsvRow(text, (cells, line, row) => {
    if (!sawHeader) {
      if (cells.join(',').toLowerCase() !== CARBON_INTENSITY_HEADER) {
        throw new InputError(`expected the header "${CARBON_INTENSITY_HEADER}", found "${row}"`, { file: path, line });
      }
      sawHeader = true;
      return;
    }
    if (cells.length !== 2) throw new InputError(`expected 2 columns (${CARBON_INTENSITY_HEADER}), found ${cells.length}`, { file: path, line });
    const at = parseTimestamp(cells[0]!, { file: path, line, field: 'timestamp' });
    const value = parseIntensity(cells[1]!, { file: path, line, field: 'gco2_per_kwh' });
    const previous = times[times.length - 1];
    if (previous !== undefined && !(at > previous)) {
      throw new InputError(`timestamps must increase: ${cells[0]} is not after the row before`, { file: path, line, field: 'timestamp' });
    }
    if (times.length > 0 && at - times[0]! >= CARBON_YEAR_SECONDS) {
      throw new InputError('the file spans a year or more; give at most one year (it repeats yearly)', { file: path, line, field: 'timestamp' });
    }
    times.push(at);
    values.push(value);
  });
  if (!sawHeader) throw new InputError(`empty file; expected the header "${CARBON_INTENSITY_HEADER}" and rows`, { file: path });
  if (times.length === 0) throw new InputError('no rows after the header', { file: path });
  return { file: path, epochSeconds: Float64Array.from(times), gco2PerKWh: Float64Array.from(values) };
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z$/;
const EPOCH = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** ISO-8601 UTC (with Z) or Unix epoch seconds, to epoch seconds. */
export function parseTimestamp(text: string, where: { file: string; line: number; field: string }): number {
  if (EPOCH.test(text)) return Number(text);
  const m = ISO_UTC.exec(text);
  if (m) {
    const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
    const second = m[6] ? Number(m[6]) : 0;
    const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!, second);
    // Date.UTC would roll 2023-02-30 over into March: check the fields first.
    const valid = month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth(year!, month!) && hour! < 24 && minute! < 60 && second < 60;
    if (valid) return ms / 1000 + (m[7] ? Number(m[7]) : 0);
  }
  throw new InputError(`expected an ISO-8601 UTC time (2023-01-01T00:00:00Z) or Unix epoch seconds, found "${text}"`, where);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIntensity(text: string, where: { file: string; line: number; field: string }): number {
  const value = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value > MAX_GCO2_PER_KWH) {
    throw new InputError(`expected gCO2 per kWh between 0 and ${MAX_GCO2_PER_KWH}, found "${text}"`, where);
  }
  return value;
}

/**
 * Where absolute time `epochSeconds` falls in the file: the year is wrapped (times are taken
 * modulo 365 days from the first row), then the last row at or before it holds.
 * Returns the row index and the seconds until the next change (the next row, or the wrap).
 */
export function intensityStepAt(intensity: CarbonIntensity, epochSeconds: number): { row: number; secondsToChange: number } {
  const times = intensity.epochSeconds;
  const first = times[0]!;
  const offset = (((epochSeconds - first) % CARBON_YEAR_SECONDS) + CARBON_YEAR_SECONDS) % CARBON_YEAR_SECONDS;
  const t = first + offset;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (times[mid]! <= t) low = mid;
    else high = mid - 1;
  }
  const next = low + 1 < times.length ? times[low + 1]! : first + CARBON_YEAR_SECONDS;
  return { row: low, secondsToChange: next - t };
}
