/**
 * The report palette: slate ink, one blue for what was served, amber/red only for what went
 * wrong (unmet demand, hot hosts), grey for capacity and references.
 */
export const COLORS = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  demand: '#1f2933',
  served: '#3e6fb0',
  capacity: '#9aa5b1',
  unmet: '#d9822b',
  power: '#3e6fb0',
  energy: '#2f8f83',
  hosts: '#3e6fb0',
  reference: '#9aa5b1',
  migrations: '#7b5ea7',
} as const;

/** Distinct but quiet colors for categories (scenarios, groups), in order of use. */
export const CATEGORY_COLORS = [
  '#3e6fb0',
  '#2f8f83',
  '#d9822b',
  '#7b5ea7',
  '#b24a5a',
  '#5d7a2e',
  '#8a6d3b',
  '#4f5d75',
] as const;

export function categoryColor(index: number): string {
  return CATEGORY_COLORS[index % CATEGORY_COLORS.length]!;
}

/**
 * Heatmap bins of utilization (0..1): lower edges in HEATMAP_BIN_EDGES, finer where typical
 * loads lie (5 % steps up to 20 %, since consolidated hosts spend most time at 5-15 %), a
 * blue ramp that is visibly blue from the first bin, then amber for 80-90 % and red for 90 %
 * and above, so hot hosts stand out at a glance.
 */
export const HEATMAP_BIN_EDGES = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8, 0.9] as const;

export const HEATMAP_BIN_COLORS = [
  '#e3eef9',
  '#c6dbef',
  '#a6c8e6',
  '#85b3db',
  '#6499cb',
  '#4a7fb8',
  '#3767a0',
  '#28507f',
  '#e8a94f',
  '#c8553d',
] as const;

/** Cells without a value: the host was off (or absent) for the whole bucket; grey, unlike any load. */
export const HEATMAP_EMPTY_COLOR = '#b9bec5';

/**
 * Outage causes in the failure timeline: reds and ambers for failures (a whole rack or cluster
 * darker than one host), purple for a replayed failure trace, blue for planned maintenance.
 */
export const OUTAGE_COLORS: Readonly<Record<string, string>> = {
  host: '#c8553d',
  rack: '#e8a94f',
  cluster: '#8e3b46',
  trace: '#7b5ea7',
  maintenance: '#6b90bf',
};

/** A cause the palette does not know (a newer run file). */
export const OUTAGE_OTHER_COLOR = '#9aa5b1';
