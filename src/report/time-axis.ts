import { fmt1 } from '../common/number-format.js';

/** A unit for a time axis: hours for runs up to three days, days beyond. */
export interface TimeUnit {
  seconds: number;
  /** Plural name for axis labels: `hours`, `days`. */
  name: string;
  /** Short suffix for durations in text: `h`, `d`. */
  suffix: string;
}

const HOURS: TimeUnit = { seconds: 3600, name: 'hours', suffix: 'h' };
const DAYS: TimeUnit = { seconds: 86_400, name: 'days', suffix: 'd' };

export function timeUnitFor(spanSeconds: number): TimeUnit {
  return spanSeconds > 3 * 86_400 ? DAYS : HOURS;
}

/** A duration in seconds as readable text with fixed formats: `45 s`, `5 min`, `1.5 h`, `2.0 d`. */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 3 * 86_400) return `${fmt1(seconds / 3600)} h`;
  return `${fmt1(seconds / 86_400)} d`;
}
