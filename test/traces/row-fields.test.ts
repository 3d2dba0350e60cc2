import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { RowFields } from '../../src/traces/row-fields.js';
import { naturalCompare } from '../../src/traces/trace-files.js';

const place = { file: 'f.csv', line: 7 };

describe('RowFields', () => {
  it('splits on the delimiter, trims blanks, unquotes and unescapes', () => {
    const f = new RowFields();
    expect(f.split(' a ,"b,c", "say ""hi""" ,,\t9.5\t', ',', place)).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => f.str(i))).toEqual(['a', 'b,c', 'say "hi"', '', '9.5']);
    expect(f.isEmpty(3)).toBe(true);
    expect(f.num(4)).toBe(9.5);
    expect(f.equals(1, 'b,c')).toBe(true);
  });

  it('splits the Bitbrains ";<TAB>" form', () => {
    const f = new RowFields();
    expect(f.split('1375308176;\t2;\t5851.9989', ';', place)).toBe(3);
    expect([f.num(0), f.num(1), f.num(2)]).toEqual([1375308176, 2, 5851.9989]);
  });

  it('splitNumeric gives the same fields and numbers as split + parseDecimal (property)', () => {
    const field = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.stringMatching(/^-?\d{0,19}(\.\d{0,19})?$/),
      fc.stringMatching(/^[ \t]?[a-z0-9.+-]{0,6}[ \t]?$/),
      fc.constant('"quoted;x"'),
    );
    fc.assert(fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
      const line = fields.join(';');
      const a = new RowFields();
      const b = new RowFields();
      const count = a.splitNumeric(line, 59, place);
      expect(count).toBe(b.split(line, ';', place));
      for (let i = 0; i < count; i++) {
        expect(a.str(i)).toBe(b.str(i));
        expect(Object.is(a.num(i), b.num(i)), `${line} field ${i}`).toBe(true);
      }
    }), { numRuns: 3000 });
  });

  it('splits SWF whitespace', () => {
    const f = new RowFields();
    expect(f.splitWhitespace('    1     0   -1  \t 1451 ', place)).toBe(4);
    expect(f.num(2)).toBe(-1);
  });

  it('names file, line and column in its errors', () => {
    const f = new RowFields();
    f.names = ['id', 'cpu'];
    f.split('x,-2', ',', place);
    expect(() => f.nonNegative(1, place)).toThrow(InputError);
    try {
      f.nonNegative(1, place);
    } catch (error) {
      expect(error).toMatchObject({ file: 'f.csv', line: 7, field: 'cpu', detail: 'negative value -2' });
    }
    f.split('x', ',', place);
    expect(() => f.expectCount(2, place)).toThrow(/f.csv:7: cpu: expected 2 fields, found 1/);
    expect(() => f.split('"open', ',', place)).toThrow(/unterminated/);
  });
});

describe('naturalCompare', () => {
  it('orders digit runs by value, deterministically', () => {
    const names = ['10.csv', '2.csv', '1.csv', 'b', 'a10', 'a9', 'a09', '25.csv', '3.csv'];
    expect([...names].sort(naturalCompare)).toEqual(['1.csv', '2.csv', '3.csv', '10.csv', '25.csv', 'a09', 'a9', 'a10', 'b']);
  });
});
