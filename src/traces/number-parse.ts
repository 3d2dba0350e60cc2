/** Exact powers of ten (all representable in a double up to 1e22). */
export const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses s[start, end) as a decimal number without slicing the string; NaN when it is not one
 * (empty, junk, hex, Infinity). Results equal Number(text) bit for bit: the fast path only
 * handles mantissas of at most 15 significant digits with at most 22 fraction digits, where
 * mantissa / 10^k of two exact doubles is correctly rounded (Clinger's fast path); anything
 * else falls back to Number().
 */
export function parseDecimal(s: string, start: number, end: number): number {
  if (start >= end) return Number.NaN;
  let i = start;
  let negative = false;
  const first = s.charCodeAt(i);
  if (first === 45) {
    negative = true;
    i++;
  } else if (first === 43) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let sawDot = false;
  let sawDigit = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      if (sawDot) fraction++;
      if (mantissa === 0 && c === 48) continue;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && !sawDot) {
      sawDot = true;
    } else {
      return parseSlow(s, start, end);
    }
  }
  if (!sawDigit) return Number.NaN;
  // Only digits and one dot were seen, so Number() cannot misread the text.
  if (digits > 15 || fraction > 22) return Number(s.slice(start, end));
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
  return negative ? -value : value;
}

function parseSlow(s: string, start: number, end: number): number {
  const text = s.slice(start, end);
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}
