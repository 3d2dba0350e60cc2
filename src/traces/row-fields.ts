import { InputError } from '../common/input-error.js';
import { safeText } from '../common/safe-text.js';
import { parseDecimal, POW10 } from './number-parse.js';

export const MAX_FIELDS = 256;

/** Where the current row is, for error messages; readers update `line` per row. */
/** The largest float32: samples are stored as float32, so anything above would become Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export interface RowPlace {
  file: string;
  line: number;
}

/**
 * One row split into fields by recording [start, end) offsets into the line: no array of
 * strings per row. Values are read by index with `num`/`str` or the validating helpers that
 * throw an InputError naming the file, line and column.
 */
export class RowFields {
  line = '';
  count = 0;
  readonly starts = new Int32Array(MAX_FIELDS);
  readonly ends = new Int32Array(MAX_FIELDS);
  /** Field names for error messages, by index (the header or the format's column list). */
  names: readonly string[] = [];
  protected readonly escaped = new Uint8Array(MAX_FIELDS);
  /** Values parsed by splitNumeric, valid while `parsed` is true. */
  protected readonly values = new Float64Array(MAX_FIELDS);
  /** Fields splitNumeric left for num() to parse (exponents, junk, text). */
  protected readonly lazy = new Uint8Array(MAX_FIELDS);
  protected parsed = false;

  /**
   * Splits on a one-character delimiter, trimming spaces and tabs around each field. Double
   * quotes around a field are removed ("" inside stands for one quote); a delimiter inside
   * quotes does not split. Returns the field count.
   */
  split(line: string, delimiter: string, place: RowPlace): number {
    this.line = line;
    this.parsed = false;
    let count = 0;
    let i = 0;
    const length = line.length;
    for (;;) {
      if (count === MAX_FIELDS) throw new InputError(`more than ${MAX_FIELDS} fields`, { ...place, field: 'row' });
      let start = i;
      while (start < length && isBlank(line.charCodeAt(start))) start++;
      let end: number;
      this.escaped[count] = 0;
      if (start < length && line.charCodeAt(start) === 34) {
        i = this.skipQuoted(line, start + 1, count, place);
        end = i - 1;
        start++;
        const next = line.indexOf(delimiter, i);
        i = next === -1 ? length : next;
      } else {
        const next = line.indexOf(delimiter, start);
        i = next === -1 ? length : next;
        end = i;
        while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
      }
      this.starts[count] = start;
      this.ends[count] = end;
      count++;
      if (i >= length) break;
      i++;
    }
    this.count = count;
    return count;
  }

  /**
   * Like split, for rows that are mostly numbers: splits and parses every field in one pass over
   * the characters (same values as parseDecimal). A row with a quoted field falls back to split.
   */
  splitNumeric(line: string, delimiter: number, place: RowPlace): number {
    const length = line.length;
    let count = 0;
    let i = 0;
    for (;;) {
      if (count === MAX_FIELDS) throw new InputError(`more than ${MAX_FIELDS} fields`, { ...place, field: 'row' });
      while (i < length && isBlank(line.charCodeAt(i))) i++;
      const start = i;
      let c = i < length ? line.charCodeAt(i) : -1;
      if (c === 34) return this.split(line, String.fromCharCode(delimiter), place);
      const negative = c === 45;
      if (negative || c === 43) i++;
      let mantissa = 0;
      let digits = 0;
      let fraction = 0;
      let sawDot = false;
      let sawDigit = false;
      for (; i < length; i++) {
        c = line.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          sawDigit = true;
          if (sawDot) fraction++;
          if (mantissa === 0 && c === 48) continue;
          if (digits < 16) mantissa = mantissa * 10 + (c - 48);
          digits++;
        } else if (c === 46 && !sawDot) {
          sawDot = true;
        } else {
          break;
        }
      }
      const numberEnd = i;
      while (i < length && line.charCodeAt(i) !== delimiter) i++;
      let end = i;
      while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
      this.lazy[count] = 0;
      if (end !== numberEnd || !sawDigit) this.lazy[count] = 1;
      else if (digits > 15 || fraction > 22) this.values[count] = Number(line.slice(start, end));
      else this.values[count] = (negative ? -1 : 1) * (fraction === 0 ? mantissa : mantissa / POW10[fraction]!);
      this.starts[count] = start;
      this.ends[count] = end;
      this.escaped[count] = 0;
      count++;
      if (i >= length) break;
      i++;
    }
    this.line = line;
    this.count = count;
    this.parsed = true;
    return count;
  }

  /** Splits on runs of spaces and tabs (SWF); leading and trailing blanks are ignored. */
  splitWhitespace(line: string, place: RowPlace): number {
    this.line = line;
    this.parsed = false;
    let count = 0;
    let i = 0;
    const length = line.length;
    while (i < length) {
      while (i < length && isBlank(line.charCodeAt(i))) i++;
      if (i >= length) break;
      if (count === MAX_FIELDS) throw new InputError(`more than ${MAX_FIELDS} fields`, { ...place, field: 'row' });
      const start = i;
      while (i < length && !isBlank(line.charCodeAt(i))) i++;
      this.starts[count] = start;
      this.ends[count] = i;
      this.escaped[count] = 0;
      count++;
    }
    this.count = count;
    return count;
  }

  str(i: number): string {
    const text = this.line.slice(this.starts[i]!, this.ends[i]!);
    return this.escaped[i] ? text.replaceAll('""', '"') : text;
  }

  isEmpty(i: number): boolean {
    return this.ends[i]! <= this.starts[i]!;
  }

  /** The field as a number, NaN when it is empty or not a number. */
  num(i: number): number {
    return this.parsed && !this.lazy[i] ? this.values[i]! : parseDecimal(this.line, this.starts[i]!, this.ends[i]!);
  }

  /** True when field i's text equals `text` (no allocation). */
  equals(i: number, text: string): boolean {
    const start = this.starts[i]!;
    return this.ends[i]! - start === text.length && this.line.startsWith(text, start) && !this.escaped[i];
  }

  /** A finite number >= 0, else an InputError naming the column. */
  nonNegative(i: number, place: RowPlace): number {
    const value = this.num(i);
    if (value >= 0 && value <= FLOAT32_MAX) return value;
    throw this.badNumber(i, place, value);
  }

  /** An integer >= 0. */
  nonNegativeInt(i: number, place: RowPlace): number {
    const value = this.nonNegative(i, place);
    if (Number.isInteger(value)) return value;
    throw new InputError(`expected a whole number, found "${this.str(i)}"`, { ...place, field: this.name(i) });
  }

  /** Like nonNegative, but an empty field gives `fallback`. */
  optionalNonNegative(i: number, place: RowPlace, fallback: number): number {
    return this.isEmpty(i) ? fallback : this.nonNegative(i, place);
  }

  /** A non-empty string field. */
  required(i: number, place: RowPlace): string {
    if (this.isEmpty(i)) throw new InputError('empty value', { ...place, field: this.name(i) });
    return this.str(i);
  }

  /** Throws unless the row has exactly `expected` fields. */
  expectCount(expected: number, place: RowPlace): void {
    if (this.count === expected) return;
    const detail = this.count < expected
      ? `expected ${expected} fields, found ${this.count} (truncated row?)`
      : `expected ${expected} fields, found ${this.count}`;
    throw new InputError(detail, { ...place, field: this.count < expected ? this.name(this.count) : 'row' });
  }

  name(i: number): string {
    return this.names[i] ?? `column ${i + 1}`;
  }

  badNumber(i: number, place: RowPlace, value: number): InputError {
    // Quoted short, so the explanation after it survives the message's length limit.
    const text = safeText(this.str(i), 40);
    const detail = Number.isNaN(value)
      ? text.length === 0 ? 'empty value, expected a number' : `not a number: "${text}"`
      : value > FLOAT32_MAX
        ? `${text} is beyond the range a trace value can hold (at most 3.4e38; samples are float32)`
        : `negative value ${text}`;
    return new InputError(detail, { ...place, field: this.name(i) });
  }

  private skipQuoted(line: string, from: number, field: number, place: RowPlace): number {
    let i = from;
    for (;;) {
      const close = line.indexOf('"', i);
      if (close === -1) throw new InputError('unterminated quoted field', { ...place, field: this.name(field) });
      if (line.charCodeAt(close + 1) === 34) {
        this.escaped[field] = 1;
        i = close + 2;
        continue;
      }
      return close + 1;
    }
  }
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** The first line's delimiter when it is not the expected one, for a clear error. */
export function foreignDelimiter(line: string, expected: string): string | null {
  if (line.includes(expected)) return null;
  for (const candidate of [',', ';', '\t', '|']) if (candidate !== expected && line.includes(candidate)) return candidate;
  return null;
}

export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'TAB' : `"${delimiter}"`;
}
