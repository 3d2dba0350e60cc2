import { formatLocale } from 'd3';

/**
 * Every number shown to a reader (report pages, the planner's sentences) goes through one
 * d3-format locale with an ASCII minus sign and comma thousands, so output bytes do not depend
 * on the machine's locale. It lives in common/ because the planner words its recommendations
 * with it and report/ renders with it: one locale, never two that could drift.
 */
const locale = formatLocale({
  decimal: '.',
  thousands: ',',
  grouping: [3],
  currency: ['$', ''],
  minus: '-',
});

export const formatNumber = locale.format;

export const fmtInt = locale.format(',.0f');
export const fmt1 = locale.format(',.1f');
export const fmt2 = locale.format(',.2f');
/** A 0..1 fraction as a percentage with one decimal: 0.6123 -> `61.2%`. */
export const fmtPct1 = locale.format('.1%');
/** A 0..1 fraction as a percentage with two decimals: 0.0002 -> `0.02%`. */
export const fmtPct2 = locale.format('.2%');
export const fmtPct0 = locale.format('.0%');
export const fmtUsd = locale.format('$,.0f');
const fmtExp2 = locale.format('.2e');
/** Tiny quantities such as SLA violation (~1e-8) in scientific notation, `3.66e-8`; zero as `0`. */
export const fmtSci = (value: number): string => (value === 0 ? '0' : fmtExp2(value));

/** Formats finite numbers with `format` and anything else (NaN, null, infinities) as `n/a`. */
export function formatOrNa(value: number | null | undefined, format: (value: number) => string): string {
  return typeof value === 'number' && Number.isFinite(value) ? format(value) : 'n/a';
}
