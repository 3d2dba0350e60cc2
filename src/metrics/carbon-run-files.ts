import { RUN_FILES } from './run-files.js';
import type { CarbonSeries } from './carbon.js';

/** carbon.csv, written only by runs with a carbon intensity. */
export const CARBON_FILE = RUN_FILES.carbon;

/** One table for the writer and the reader of carbon.csv. */
export const CARBON_COLUMNS: { header: string; decimals: number; field: keyof CarbonSeries }[] = [
  { header: 'time_s', decimals: 0, field: 'startSeconds' },
  { header: 'gco2_per_kwh', decimals: 3, field: 'gco2PerKWh' },
  { header: 'carbon_kg', decimals: 6, field: 'carbonKg' },
  { header: 'carbon_kg_cumulative', decimals: 6, field: 'carbonKgCumulative' },
];
