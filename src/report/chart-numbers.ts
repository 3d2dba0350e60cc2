import { precisionFixed, tickStep } from 'd3';
import { formatNumber } from '../common/number-format.js';

/** Tick labels for evenly spaced ticks: just enough decimals to tell neighbours apart. */
export function tickFormatter(
  lo: number,
  hi: number,
  count: number,
  percent = false,
): (value: number) => string {
  const step = Math.abs(tickStep(lo, hi, count)) || 1;
  if (percent) {
    const digits = Math.max(0, precisionFixed(step * 100));
    return formatNumber(`.${digits}%`);
  }
  return formatNumber(`,.${Math.max(0, precisionFixed(step))}f`);
}

/** Rounds an SVG coordinate to one decimal, dropping a trailing `.0`. */
export function px(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}
