import { InputError } from '../common/input-error.js';
import { parseDecimal, POW10 } from './number-parse.js';
import { isBlank, MAX_FIELDS, RowFields, type RowPlace } from './row-fields.js';

/**
 * RowFields that also splits a line given as bytes (splitNumericBytes), so the hot readers
 * (bitbrains, csv) make no string per line. Fields, numbers, strings and errors are exactly
 * those of splitNumeric on the decoded line: the delimiter, blanks, digits, signs and dots are
 * ASCII, which UTF-8 never uses inside a multi-byte character, so every field boundary and every
 * fast-path number is the same; anything else (quotes, exponents, junk, non-ASCII) goes through
 * the string code. The validating helpers (nonNegative, required, ...) work unchanged on top.
 */
export class ByteRowFields extends RowFields {
  /** The row's bytes while in byte mode (starts/ends index into it); null after a string split. */
  private bytes: Buffer | null = null;

  splitNumericBytes(bytes: Buffer, from: number, to: number, delimiter: number, place: RowPlace): number {
    let count = 0;
    let i = from;
    for (;;) {
      if (count === MAX_FIELDS) throw new InputError(`more than ${MAX_FIELDS} fields`, { ...place, field: 'row' });
      while (i < to && isBlank(bytes[i]!)) i++;
      const start = i;
      let c = i < to ? bytes[i]! : -1;
      if (c === 34) return this.split(bytes.toString('utf8', from, to), String.fromCharCode(delimiter), place);
      const negative = c === 45;
      if (negative || c === 43) i++;
      let mantissa = 0;
      let digits = 0;
      let fraction = 0;
      let sawDot = false;
      let sawDigit = false;
      for (; i < to; i++) {
        c = bytes[i]!;
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
      while (i < to && bytes[i] !== delimiter) i++;
      let end = i;
      while (end > start && isBlank(bytes[end - 1]!)) end--;
      this.lazy[count] = 0;
      if (end !== numberEnd || !sawDigit) this.lazy[count] = 1;
      else if (digits > 15 || fraction > 22) this.values[count] = Number(bytes.toString('latin1', start, end));
      else this.values[count] = (negative ? -1 : 1) * (fraction === 0 ? mantissa : mantissa / POW10[fraction]!);
      this.starts[count] = start;
      this.ends[count] = end;
      this.escaped[count] = 0;
      count++;
      if (i >= to) break;
      i++;
    }
    this.bytes = bytes;
    this.line = '';
    this.count = count;
    this.parsed = true;
    return count;
  }

  override split(line: string, delimiter: string, place: RowPlace): number {
    this.bytes = null;
    return super.split(line, delimiter, place);
  }

  override splitNumeric(line: string, delimiter: number, place: RowPlace): number {
    this.bytes = null;
    return super.splitNumeric(line, delimiter, place);
  }

  override splitWhitespace(line: string, place: RowPlace): number {
    this.bytes = null;
    return super.splitWhitespace(line, place);
  }

  override str(i: number): string {
    if (this.bytes === null) return super.str(i);
    return this.bytes.toString('utf8', this.starts[i]!, this.ends[i]!);
  }

  override num(i: number): number {
    if (this.parsed && this.lazy[i] === 0) return this.values[i]!;
    if (this.bytes === null) return super.num(i);
    const text = this.str(i);
    return parseDecimal(text, 0, text.length);
  }

  override equals(i: number, text: string): boolean {
    const bytes = this.bytes;
    if (bytes === null) return super.equals(i, text);
    const start = this.starts[i]!;
    const length = this.ends[i]! - start;
    if (length !== text.length) return length >= text.length && this.str(i) === text;
    for (let k = 0; k < length; k++) {
      const c = bytes[start + k]!;
      if (c >= 0x80) return this.str(i) === text;
      if (c !== text.charCodeAt(k)) return false;
    }
    return true;
  }
}
