import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/traces/number-parse.js';

const parse = (text: string): number => parseDecimal(text, 0, text.length);

describe('parseDecimal', () => {
  it('equals Number() bit for bit on decimal text (property)', () => {
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{0,20}$/)))
      .map(([negative, int, frac]) => `${negative ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(fc.property(decimal, (text) => Object.is(parse(text), Number(text))), { numRuns: 5000 });
  });

  it('equals Number() on doubles printed by JavaScript, exponents included', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => Object.is(parse(String(value)), Number(String(value)))), { numRuns: 5000 });
  });

  it('reads a field inside a line without slicing', () => {
    const line = '12;\t5851.9989;\t-0.25';
    expect(parseDecimal(line, 4, 13)).toBe(5851.9989);
    expect(parseDecimal(line, 15, line.length)).toBe(-0.25);
    expect(parseDecimal(line, 0, 2)).toBe(12);
  });

  it.each(['', '-', '.', 'abc', '1.2.3', '0x10', 'Infinity', '1e', ' 1', '1,5', 'NaN'])('is NaN for %j', (text) => {
    expect(parse(text)).toBeNaN();
  });

  it('keeps the ugly but valid spellings Number() accepts', () => {
    expect([parse('.5'), parse('5.'), parse('+7'), parse('1e3'), parse('-0')]).toEqual([0.5, 5, 7, 1000, -0]);
  });
});
