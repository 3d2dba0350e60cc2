import { CARBON_YEAR_SECONDS, intensityStepAt, type CarbonIntensity } from '../model/carbon-intensity.js';

/** How a run's energy becomes carbon: the grid's intensity, the facility overhead, and the clock. */
export interface CarbonSettings {
  /** How the intensity was named (a built-in name or the path as given). */
  name: string;
  intensity: CarbonIntensity;
  /** Power usage effectiveness: facility energy / IT energy, >= 1. */
  pue: number;
  /** The run's t = 0 as Unix epoch seconds. */
  startEpochSeconds: number;
  /** Where that came from: the scenario's carbon.startAt, the trace's own clock, or the file's first row. */
  startFrom: 'startAt' | 'trace' | 'file';
}

/** What carbon reads of a run's time series (TimeSeries has both). */
export interface EnergySeries {
  startSeconds: Float64Array;
  energyKWhCumulative: Float64Array;
}

/** summary.json `carbon`. */
export interface CarbonSummary {
  intensity: string;
  pue: number;
  startEpochSeconds: number;
  startFrom: CarbonSettings['startFrom'];
  /** IT energy x PUE. */
  facilityEnergyKWh: number;
  /** Integral of IT power x PUE x intensity over the run, kg CO2. */
  carbonKg: number;
  /** Time-weighted mean of the intensity over the run. */
  gco2PerKWhMean: number;
  /**
   * Hours of the run that fell after the file's last row by more than its longest step (a
   * file shorter than a year held at its last value until the year wraps).
   */
  heldPastFileHours: number;
}

/** carbon.csv: per report interval. */
export interface CarbonSeries {
  startSeconds: Float64Array;
  /** Time-weighted mean intensity over the interval. */
  gco2PerKWh: Float64Array;
  carbonKg: Float64Array;
  carbonKgCumulative: Float64Array;
}

/**
 * Carbon from the run's per-interval energy: each interval's IT energy x PUE, times the
 * intensity averaged over the interval's time (split exactly at every change of intensity).
 * Power is taken as its interval mean inside an interval, so the figure is exact whenever the
 * intensity changes on report-interval boundaries (hourly data and intervals dividing an hour,
 * with the run starting on the hour) and otherwise differs only by how power moved within the
 * intervals that contain a change. Never energy x the run's mean intensity.
 */
export function accountCarbon(series: EnergySeries, simulatedSeconds: number, settings: CarbonSettings): { summary: CarbonSummary; series: CarbonSeries } {
  const n = series.startSeconds.length;
  const gco2 = new Float64Array(n);
  const kg = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const maxGap = longestStep(settings.intensity);
  const lastRow = settings.intensity.epochSeconds.length - 1;
  let total = 0;
  let intensityTime = 0;
  let held = 0;
  let previousKWh = 0;
  for (let t = 0; t < n; t++) {
    const from = series.startSeconds[t]!;
    const to = t + 1 < n ? series.startSeconds[t + 1]! : Math.max(from, simulatedSeconds);
    let weighted = 0;
    let at = from;
    while (at < to) {
      const { row, secondsToChange } = intensityStepAt(settings.intensity, settings.startEpochSeconds + at);
      const piece = Math.min(to - at, Math.max(secondsToChange, 1e-6));
      weighted += settings.intensity.gco2PerKWh[row]! * piece;
      if (row === lastRow && lastRow > 0) {
        // The part of this piece more than the longest step past the last row.
        const since = sinceLastRow(settings, secondsToChange);
        held += Math.max(0, since + piece - Math.max(since, maxGap));
      }
      at += piece;
    }
    const length = to - from;
    gco2[t] = length > 0 ? weighted / length : intensityAtStart(settings, from);
    const itKWh = series.energyKWhCumulative[t]! - previousKWh;
    previousKWh = series.energyKWhCumulative[t]!;
    kg[t] = (itKWh * settings.pue * gco2[t]!) / 1000;
    total += kg[t]!;
    cumulative[t] = total;
    intensityTime += weighted;
  }
  const energyKWh = n > 0 ? series.energyKWhCumulative[n - 1]! : 0;
  return {
    summary: {
      intensity: settings.name,
      pue: settings.pue,
      startEpochSeconds: settings.startEpochSeconds,
      startFrom: settings.startFrom,
      facilityEnergyKWh: energyKWh * settings.pue,
      carbonKg: total,
      gco2PerKWhMean: simulatedSeconds > 0 ? intensityTime / simulatedSeconds : intensityAtStart(settings, 0),
      heldPastFileHours: held / 3600,
    },
    series: { startSeconds: series.startSeconds.slice(), gco2PerKWh: gco2, carbonKg: kg, carbonKgCumulative: cumulative },
  };
}

function intensityAtStart(settings: CarbonSettings, runSeconds: number): number {
  return settings.intensity.gco2PerKWh[intensityStepAt(settings.intensity, settings.startEpochSeconds + runSeconds).row]!;
}

/** Seconds since the last row began, for a time in its step `secondsToChange` before the year wraps. */
function sinceLastRow(settings: CarbonSettings, secondsToChange: number): number {
  const times = settings.intensity.epochSeconds;
  return times[0]! + CARBON_YEAR_SECONDS - secondsToChange - times[times.length - 1]!;
}

/** The longest time between two rows: how long a row may reasonably hold. */
function longestStep(intensity: CarbonIntensity): number {
  let gap = 0;
  const times = intensity.epochSeconds;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
  return gap;
}
