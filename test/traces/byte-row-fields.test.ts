import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLineBytes, isBlankBytes } from '../../src/traces/byte-lines.js';
import { ByteRowFields } from '../../src/traces/byte-row-fields.js';
import { RowFields } from '../../src/traces/row-fields.js';
import { forEachLine } from '../../src/traces/text-lines.js';
import { tempDir } from './helpers/fixture-tools.js';

const place = { file: 'f.csv', line: 3 };

/** What a split gives, or the error it throws, in comparable form. */
function outcome(split: () => number, f: RowFields): unknown {
  let count: number;
  try {
    count = split();
  } catch (error) {
    return { error: String(error), field: (error as { field?: string }).field };
  }
  const fields = [];
  for (let i = 0; i < count; i++) {
    let nonNegative: unknown;
    try {
      nonNegative = f.nonNegative(i, place);
    } catch (error) {
      nonNegative = String(error);
    }
    fields.push({ str: f.str(i), num: Object.is(f.num(i), -0) ? '-0' : f.num(i), empty: f.isEmpty(i), nonNegative, equals: f.equals(i, f.str(i)) });
  }
  return { count, fields };
}

const fieldText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.stringMatching(/^[ \t]{0,2}[+-]?\d{0,19}(\.\d{0,25})?([eE][+-]?\d{1,3})?[ \t]{0,2}$/),
  fc.stringMatching(/^[ \t]?[a-z0-9.+\-eE]{0,6}[ \t]?$/),
  fc.constantFrom('"quoted;x"', '"a""b"', '"open', 'é', '1é', '\u00a0', 'Infinity', '0x10', '', ' ', '€5', '\ufffd'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

describe('ByteRowFields', () => {
  it('gives the fields, numbers, strings and errors of RowFields.splitNumeric (property)', () => {
    fc.assert(fc.property(fc.array(fieldText, { minLength: 1, maxLength: 8 }), fc.constantFrom(59, 44), (fields, delimiter) => {
      const line = fields.join(String.fromCharCode(delimiter));
      const padded = Buffer.concat([Buffer.from('xx\n'), Buffer.from(line, 'utf8'), Buffer.from('\nyy')]);
      const bytes = new ByteRowFields();
      const text = new RowFields();
      bytes.names = text.names = ['a', 'b', 'c'];
      const end = 3 + Buffer.byteLength(line, 'utf8');
      expect(outcome(() => bytes.splitNumericBytes(padded, 3, end, delimiter, place), bytes), line).toEqual(outcome(() => text.splitNumeric(line, delimiter, place), text));
    }), { numRuns: 4000 });
  });

  it('compares ids without decoding, and correctly for non-ASCII ids', () => {
    const f = new ByteRowFields();
    f.splitNumericBytes(Buffer.from('vm-1,1,é,\u00e9x'), 0, Buffer.byteLength('vm-1,1,é,\u00e9x'), 44, place);
    expect([f.equals(0, 'vm-1'), f.equals(0, 'vm-2'), f.equals(0, 'vm-10'), f.equals(2, 'é'), f.equals(2, 'e'), f.equals(3, 'éx')]).toEqual([true, false, false, true, false, true]);
  });

  it('sees blank lines as String.prototype.trim does', () => {
    for (const line of ['', ' \t ', '\u00a0', '\ufeff ', 'x', ' 1 ', '\u00a0x', '\v\f']) {
      const bytes = Buffer.from(line, 'utf8');
      expect(isBlankBytes(bytes, 0, bytes.length), JSON.stringify(line)).toBe(line.trim().length === 0);
    }
  });
});

describe('forEachLineBytes', () => {
  it('gives the lines and numbers of forEachLine, plain and gzip, across chunk boundaries', async () => {
    const dir = tempDir('byte-lines');
    const long = 'x'.repeat(5 << 20);
    const cases = ['', 'a', 'a\n', '\ufeffh1,h2\r\n1,2\r\n\r\n3,4', `head\n${long}\nmid é\n${long}é\n`, '\n\n\n', 'no newline é'];
    for (const [i, text] of cases.entries()) {
      for (const gzip of [false, true]) {
        const path = join(dir, `${i}${gzip ? '.gz' : ''}`);
        writeFileSync(path, gzip ? gzipSync(text) : text);
        const expected: [number, string][] = [];
        const seen: [number, string][] = [];
        const count = await forEachLine(path, (line, lineNo) => expected.push([lineNo, line]));
        expect(await forEachLineBytes(path, (bytes, start, end, lineNo) => seen.push([lineNo, bytes.toString('utf8', start, end)]))).toBe(count);
        expect(seen).toEqual(expected);
      }
    }
  }, 60_000);
});
