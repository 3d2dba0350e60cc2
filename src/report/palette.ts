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
 * Heatmap bins of utilization (0..1) in steps of 10 %: a light-to-dark blue ramp up to 80 %,
 * amber for 80-90 % and red for 90 % and above, so hot hosts stand out at a glance.
 */
export const HEATMAP_BIN_COLORS = [
  '#f3f6fa',
  '#dde7f2',
  '#c5d6ea',
  '#a8c1de',
  '#89a9cf',
  '#6b90bf',
  '#5077ab',
  '#3a5f92',
  '#e8a94f',
  '#c8553d',
] as const;

/** Cells without a value (host absent or powered off for the whole bucket). */
export const HEATMAP_EMPTY_COLOR = '#ffffff';

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
